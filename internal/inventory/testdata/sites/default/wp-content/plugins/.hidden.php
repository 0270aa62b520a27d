<?php
/**
 * Plugin Name: Hidden File Plugin
 */
defined( 'ABSPATH' ) || exit;
