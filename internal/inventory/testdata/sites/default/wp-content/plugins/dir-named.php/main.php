<?php
/**
 * Plugin Name: Dir Named
 */
defined( 'ABSPATH' ) || exit;
