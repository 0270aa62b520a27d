<?php
/**
 * Plugin Name: WPD Gallery
 * Description: A harmless lab plugin whose main file is not named after its folder.
 * Version: 4.1.0
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
add_filter( 'the_content', function ( $c ) { return $c; } );
