<?php
/**
 * Plugin Name: Multi B
 * Version: 2.0.0
 */
defined( 'ABSPATH' ) || exit;
