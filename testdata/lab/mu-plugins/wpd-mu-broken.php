<?php
/**
 * Plugin Name: WPD MU Broken
 * Description: BREAKS THE SITE: a must-use plugin that calls a function that does not exist (500; WordPress cannot pause must-use plugins).
 */
add_action( 'muplugins_loaded', function () {
	wpd_mu_broken_bootstrap_host_tools();
} );
