<?php
/**
 * Plugin Name: WPD MU Harmless
 * Description: A harmless must-use lab plugin.
 */
add_filter( 'xmlrpc_enabled', '__return_false' );
