<?php
/**
 * Plugin Name: WPD Related Posts
 * Description: A harmless lab plugin.
 * Version: 1.0.0
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
add_action( 'init', function () { register_post_meta( 'post', 'wpd_related', array( 'type' => 'string' ) ); } );
