<?php
/*
Plugin Name: wpd-quick-note
Description: A harmless single-file lab plugin.
Version: 1.0
*/
add_action( 'wp_footer', function () { echo '<!-- wpd-quick-note -->'; } );
