<?php
/**
 * Plugin Name: WPD Crash Noisy
 * Description: BREAKS THE SITE: logs a PHP warning from its own file, then crashes the worker (SIGSEGV, nginx 502).
 * Version: 1.0.0
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;

function wpd_crash_noisy_recurse( $n ) {
	return usort( $n, function ( $a, $b ) use ( $n ) {
		return wpd_crash_noisy_recurse( array( 2, 1 ) );
	} );
}

add_action( 'plugins_loaded', function () {
	$settings = array();
	// A real plugin would warn about its missing settings before dying.
	$mode = $settings['mode'];
	wpd_crash_noisy_recurse( array( 2, 1 ) );
} );
