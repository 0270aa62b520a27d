<?php
/**
 * Plugin Name: WPD Analytics
 * Description: A harmless lab plugin: prints a script tag in the footer.
 * Version: 3.0.2
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
add_action( 'wp_footer', function () { echo '<script>/* lab analytics */</script>'; } );
