<?php
/**
 * Plugin Name: WP Rocket
 * Version: 3.16
 * Requires PHP: 7.3
 */
defined( 'ABSPATH' ) || exit;
