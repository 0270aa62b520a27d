<?php
/**
 * Plugin Name: Café Menü — Spëcial
 * Description: A harmless lab plugin with a UTF-8 name.
 * Version: 0.1-beta
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
add_action( 'init', function () { load_plugin_textdomain( 'wpd-cafe-menu' ); } );
