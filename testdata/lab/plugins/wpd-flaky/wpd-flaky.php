<?php
/**
 * Plugin Name: WPD Flaky
 * Description: BREAKS THE SITE SOMETIMES: crashes the worker on about half of the requests.
 * Version: 1.0.0
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;

function wpd_flaky_recurse( $n ) {
	return array_map( 'wpd_flaky_recurse', array( $n + 1 ) );
}

add_action( 'plugins_loaded', function () {
	if ( mt_rand( 0, 1 ) === 1 ) {
		wpd_flaky_recurse( 0 );
	}
} );
