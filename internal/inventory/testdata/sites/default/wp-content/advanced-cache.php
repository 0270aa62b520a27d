<?php
/**
 * Page-cache drop-in left behind by a cache plugin that has since been deleted
 * ("WPD Super Cache"). Harmless while WP_CACHE is false.
 */
if ( ! defined( 'WPD_SUPER_CACHE_DIR' ) ) {
	define( 'WPD_SUPER_CACHE_DIR', WP_CONTENT_DIR . '/plugins/wpd-super-cache/' );
}
if ( is_file( WPD_SUPER_CACHE_DIR . 'serve.php' ) ) {
	include WPD_SUPER_CACHE_DIR . 'serve.php';
}
