<?php
/**
 * Plugin Name: Hidden Folder Plugin
 */
defined( 'ABSPATH' ) || exit;
