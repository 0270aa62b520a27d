<?php
/**
 * Plugin Name: Multi Too Deep
 */
defined( 'ABSPATH' ) || exit;
