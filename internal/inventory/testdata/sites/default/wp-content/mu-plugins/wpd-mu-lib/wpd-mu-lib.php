<?php
/**
 * Plugin Name: WPD MU Lib
 * Description: A harmless must-use plugin in a sub-folder, loaded by wpd-mu-loader.php.
 */
function wpd_mu_lib_version() {
	return '1.0';
}
