<?php
/**
 * Plugin Name: Network Tools
 * Network: true
 * Version: 1.0
 */
defined( 'ABSPATH' ) || exit;
