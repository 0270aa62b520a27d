<?php
/**
 * Plugin Name: Linked Plugin
 * Version: 1.0
 */
defined( 'ABSPATH' ) || exit;
