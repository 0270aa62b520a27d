<?php
defined( 'ABSPATH' ) || exit;
define( 'WP_ROCKET_ADVANCED_CACHE', true );
$rocket_path = WP_PLUGIN_DIR . '/wp-rocket/';
if ( file_exists( $rocket_path . 'inc/classes/Buffer/class-cache.php' ) ) {
	include $rocket_path . 'inc/classes/Buffer/class-cache.php';
}
