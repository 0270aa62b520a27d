<?php
add_action( 'after_setup_theme', function () {
	wpd_broken_theme_register_everything();
} );
