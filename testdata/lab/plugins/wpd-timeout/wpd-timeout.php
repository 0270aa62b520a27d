<?php
/**
 * Plugin Name: WPD Timeout
 * Description: BREAKS THE SITE: hangs on every request until PHP-FPM's request_terminate_timeout kills the worker (nginx 502; slowlog names this file).
 * Version: 1.0.0
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;

function wpd_timeout_wait_for_remote_api() {
	// Stands for a call to a remote API that never answers.
	sleep( 60 );
}

add_action( 'init', function () {
	wpd_timeout_wait_for_remote_api();
} );
