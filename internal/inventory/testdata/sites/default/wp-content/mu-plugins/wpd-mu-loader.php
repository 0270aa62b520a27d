<?php
/**
 * Plugin Name: WPD MU Loader
 * Description: Loads the must-use plugin kept in the wpd-mu-lib sub-folder, as hosts' loaders do.
 */
require_once __DIR__ . '/wpd-mu-lib/wpd-mu-lib.php';
