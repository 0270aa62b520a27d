<?php
/**
 * Plugin Name: Nested Zip
 * Version: 1.0
 */
defined( 'ABSPATH' ) || exit;
