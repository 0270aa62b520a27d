<?php
/**
 * Plugin Name: Network Plugin
 * Network: true
 */
defined( 'ABSPATH' ) || exit;
