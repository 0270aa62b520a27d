<?php
/*
Plugin Name: Vendor Loader
*/
require WPMU_PLUGIN_DIR . '/vendor-lib/init.php';
