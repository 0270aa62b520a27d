<?php
/**
 * Plugin Name: Akismet Anti-Spam
 * Version: 5.3
 * Requires at least: 5.8
 * Requires PHP: 5.6.20
 */
defined( 'ABSPATH' ) || exit;
