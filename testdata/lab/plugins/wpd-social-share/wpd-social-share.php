<?php
/**
 * Plugin Name: WPD Social Share
 * Description: A harmless lab plugin.
 * Version: 1.0.0
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
add_filter( 'the_content', function ( $c ) { return $c . '<!-- share -->'; } );
