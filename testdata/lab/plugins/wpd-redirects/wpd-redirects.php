<?php
/**
 * Plugin Name: WPD Redirects
 * Description: A harmless lab plugin.
 * Version: 1.0.0
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
add_action( 'template_redirect', function () { /* no redirects configured */ } );
