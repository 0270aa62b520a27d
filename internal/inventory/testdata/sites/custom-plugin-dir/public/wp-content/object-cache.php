<?php
/**
 * W3 Total Cache Object Cache
 */
if ( ! defined( 'ABSPATH' ) ) { die(); }
if ( ! defined( 'W3TC_DIR' ) ) {
	define( 'W3TC_DIR', ( defined( 'WP_PLUGIN_DIR' ) ? WP_PLUGIN_DIR : WP_CONTENT_DIR . '/plugins' ) . '/w3-total-cache' );
}
