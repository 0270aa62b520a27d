<?php
add_action( 'wp_enqueue_scripts', function () {
	wp_enqueue_style( 'wpd-shop-child', get_stylesheet_uri(), array(), '1.2.0' );
} );
