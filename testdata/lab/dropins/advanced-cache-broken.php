<?php
/**
 * A broken page-cache drop-in (loaded by wp-settings.php when WP_CACHE is true):
 * overflows the C stack, so the worker dies with SIGSEGV and nginx answers 502.
 */
function wpd_page_cache_lookup( $n ) {
	return array_map( 'wpd_page_cache_lookup', array( $n + 1 ) );
}
wpd_page_cache_lookup( 0 );
