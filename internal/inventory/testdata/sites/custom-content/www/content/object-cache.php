<?php
/*
Plugin Name: Memcached Object Cache
Description: Memcached backend for the WP Object Cache.
Version: 4.0.0
*/
function wp_cache_init() {}
