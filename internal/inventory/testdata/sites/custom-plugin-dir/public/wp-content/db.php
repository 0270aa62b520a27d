<?php
/**
 * Plugin Name: Query Monitor Database Class (Drop-in)
 * Description: Database drop-in for Query Monitor, the developer tools panel for WordPress.
 * Version: 3.16.0
 */
defined( 'ABSPATH' ) || exit;
$qm_dir = WP_PLUGIN_DIR . '/query-monitor';
