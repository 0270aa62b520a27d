<?php
/**
 * Plugin Name: WPD Memory Hog
 * Description: BREAKS THE SITE: allocates until PHP's memory_limit is exhausted (500).
 * Version: 1.0.0
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', function () {
	$cache = array();
	while ( true ) {
		$cache[] = str_repeat( 'x', 1 << 20 );
	}
} );
