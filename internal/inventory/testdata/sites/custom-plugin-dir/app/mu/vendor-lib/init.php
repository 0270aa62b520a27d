<?php
/**
 * Plugin Name: Vendor Lib
 */
defined( 'ABSPATH' ) || exit;
