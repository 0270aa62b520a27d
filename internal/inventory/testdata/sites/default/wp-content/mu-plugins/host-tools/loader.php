<?php
/**
 * Plugin Name: Host Tools
 */
defined( 'ABSPATH' ) || exit;
