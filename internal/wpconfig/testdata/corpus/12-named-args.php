<?php
define(constant_name: 'DB_NAME', value: 'named_db');
define(value: 'named_user', constant_name: 'DB_USER');
define('DB_PASSWORD', value: 'fake-named-pw');
define( 'DB_HOST', 'localhost', case_insensitive: false );
define('WP_DEBUG', true, false);
$table_prefix = 'wp_';
/* That's all, stop editing! Happy publishing. */
require_once __DIR__ . '/wp-settings.php';
