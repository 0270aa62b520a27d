<?php
/**
 * Plugin Name: WPD Cookie Notice
 * Description: A harmless lab plugin.
 * Version: 1.0.0
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
add_action( 'wp_footer', function () { echo '<div id="wpd-cookie" hidden></div>'; } );
