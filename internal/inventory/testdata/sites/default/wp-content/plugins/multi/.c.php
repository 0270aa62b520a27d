<?php
/**
 * Plugin Name: Multi Hidden C
 */
defined( 'ABSPATH' ) || exit;
