<?php
/**
 * Plugin Name: WPD Mega Menu
 * Description: A harmless lab plugin.
 * Version: 1.12
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
add_filter( 'wp_nav_menu_args', function ( $a ) { return $a; } );
