<?php
# WP SUPER CACHE 1.2
function wpcache_broken_message() {
	global $wp_cache_config_file;
}
if ( false == defined( 'WPCACHEHOME' ) ) {
	define( 'WPCACHEHOME', '/var/www/html/wp-content/plugins/wp-super-cache/' );
}
if ( ! include_once( WPCACHEHOME . 'wp-cache-phase1.php' ) ) {
	register_shutdown_function( 'wpcache_broken_message' );
}
