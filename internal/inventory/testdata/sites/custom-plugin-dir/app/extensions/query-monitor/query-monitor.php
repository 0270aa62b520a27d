<?php
/**
 * Plugin Name: Query Monitor
 * Version: 3.16.0
 */
defined( 'ABSPATH' ) || exit;
