<?php
/**
 * Plugin Name: Redis Object Cache
 * Version: 2.5.0
 * Text Domain: redis-cache
 */
defined( 'ABSPATH' ) || exit;
