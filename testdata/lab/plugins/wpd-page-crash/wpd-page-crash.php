<?php
/**
 * Plugin Name: WPD Page Crash
 * Description: BREAKS ONE PAGE: crashes the worker on requests for /shop/ only; the front page answers normally.
 * Version: 1.0.0
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;

function wpd_page_crash_recurse( $n ) {
	return array_map( 'wpd_page_crash_recurse', array( $n + 1 ) );
}

add_action( 'plugins_loaded', function () {
	$path = parse_url( isset( $_SERVER['REQUEST_URI'] ) ? $_SERVER['REQUEST_URI'] : '/', PHP_URL_PATH );
	if ( is_string( $path ) && false !== strpos( $path, '/shop/' ) ) {
		wpd_page_crash_recurse( 0 );
	}
} );
