<?php
/**
 * Plugin Name: WPD Custom Login
 * Description: A harmless lab plugin: styles the login page.
 * Version: 1.0.0
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
add_action( 'login_enqueue_scripts', function () { echo '<style>.login h1{}</style>'; } );
