<?php
/**
 * Plugin Name: Redis Object Cache Drop-In
 * Plugin URI: https://wordpress.org/plugins/redis-cache/
 * Description: A persistent object cache backend powered by Redis.
 * Version: 2.5.0
 */
defined( 'ABSPATH' ) || exit;
if ( ! defined( 'WP_REDIS_DISABLED' ) || ! WP_REDIS_DISABLED ) :
function wp_cache_init() {}
endif;
