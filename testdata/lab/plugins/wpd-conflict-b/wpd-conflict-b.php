<?php
/**
 * Plugin Name: WPD Conflict B
 * Description: Harmless alone; crashes the site together with WPD Conflict A (each calls back into the other until the C stack overflows).
 * Version: 1.0.0
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;

function wpd_conflict_b_recurse( $n ) {
	return array_map( 'wpd_conflict_b_recurse', array( $n + 1 ) );
}

add_action( 'wpd_conflict_a_ready', function () {
	wpd_conflict_b_recurse( 0 );
} );
