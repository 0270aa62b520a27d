<?php
/**
 * Plugin Name: WPD Big Headers
 * Description: BREAKS THE SITE: sends more response headers than nginx's fastcgi_buffer_size holds (nginx 502: upstream sent too big header).
 * Version: 1.0.0
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;

add_action( 'send_headers', function () {
	// Like a plugin that stuffs tracking data into cookies and headers.
	for ( $i = 0; $i < 16; $i++ ) {
		header( sprintf( 'X-Wpd-Trace-%02d: %s', $i, str_repeat( 'abcdef0123456789', 40 ) ), false );
	}
} );
