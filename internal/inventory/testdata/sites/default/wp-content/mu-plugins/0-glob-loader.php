<?php
/*
Plugin Name: Glob Loader
*/
foreach ( glob( __DIR__ . '/*/loader.php' ) as $file ) {
	require_once $file;
}
