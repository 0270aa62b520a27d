<?php
/**
 * Plugin Name: WPD Contact Form
 * Description: A harmless lab plugin: a contact form shortcode.
 * Version: 2.3.1
 * Requires PHP: 7.4
 * Author: wpdoctor lab
 */

defined( 'ABSPATH' ) || exit;
add_shortcode( 'wpd_contact', function () { return '<form class="wpd-contact"></form>'; } );
