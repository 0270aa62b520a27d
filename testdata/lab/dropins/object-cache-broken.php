<?php
/**
 * A broken persistent object cache drop-in: its backend library is missing,
 * so loading it is a fatal error (500).
 */
wpd_object_cache_connect_backend( '127.0.0.1', 6379 );
