<?php
/*
Plugin Name: wpd-hello
Description: A harmless single-file lab plugin.
Version: 1.0
*/
add_action( 'wp_footer', function () { echo '<!-- wpd-hello -->'; } );
