<?php
/**
 * Plugin Name: WPD Fatal
 * Description: BREAKS THE SITE: calls a function that does not exist (WordPress answers 500 with its critical error page).
 * Version: 1.0.0
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;

add_action( 'plugins_loaded', function () {
	wpd_fatal_helper_from_missing_library();
} );
