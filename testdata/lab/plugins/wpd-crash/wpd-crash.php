<?php
/**
 * Plugin Name: WPD Crash
 * Description: BREAKS THE SITE: overflows the C stack through an internal callback, so the PHP-FPM worker dies with SIGSEGV and nginx answers 502. Leaves no PHP log line.
 * Version: 1.0.0
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;

/*
 * Userland recursion would only exhaust memory (a 500). Recursing through an
 * internal function that calls back into PHP (array_map here) grows the C
 * stack instead, until the worker segfaults.
 */
function wpd_crash_recurse( $n ) {
	return array_map( 'wpd_crash_recurse', array( $n + 1 ) );
}

add_action( 'plugins_loaded', function () {
	wpd_crash_recurse( 0 );
} );
