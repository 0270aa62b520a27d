<?php
/**
 * Plugin Name: WPD Conflict A
 * Description: Harmless alone; crashes the site together with WPD Conflict B.
 * Version: 1.0.0
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;

function wpd_conflict_a_filter_title( $title ) {
	return apply_filters( 'wpd_conflict_title', $title );
}

add_filter( 'the_title', 'wpd_conflict_a_filter_title' );
add_action( 'init', function () {
	do_action( 'wpd_conflict_a_ready' );
} );
