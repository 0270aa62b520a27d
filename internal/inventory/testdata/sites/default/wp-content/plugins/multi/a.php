<?php
/**
 * Plugin Name: Multi A
 * Version: 1.0.0
 * Text Domain: multi-a
 */
defined( 'ABSPATH' ) || exit;
