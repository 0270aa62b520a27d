<?php
/**
 * Plugin Name: WP Super Cache
 * Version: 1.12.0
 * Text Domain: wp-super-cache
 * Requires PHP: 7.0
 */
defined( 'ABSPATH' ) || exit;
