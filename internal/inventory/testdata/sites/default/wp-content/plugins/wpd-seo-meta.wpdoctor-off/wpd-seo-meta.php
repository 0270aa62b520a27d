<?php
/**
 * Plugin Name: WPD SEO Meta
 * Description: A harmless lab plugin: prints a meta description.
 * Version: 0.9
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
add_action( 'wp_head', function () { echo '<meta name="description" content="lab">' . "\n"; } );
