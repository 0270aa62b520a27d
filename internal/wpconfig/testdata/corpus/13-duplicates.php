<?php
define('WP_DEBUG', true); // added while debugging, sample value is still below
define('DB_NAME', 'dup_db');
define('DB_USER', 'dup_user');
define('DB_PASSWORD', 'fake-dup-pw');
define('DB_HOST', 'localhost');

$table_prefix = 'wp_';
$table_prefix = 'wp2_';

define('WP_DEBUG', false);
define('WP_MEMORY_LIMIT', '64M');
define('WP_MEMORY_LIMIT', '256M');

/* That's all, stop editing! Happy publishing. */
define( 'ABSPATH', dirname( __FILE__ ) . '/' );
require_once ABSPATH . 'wp-settings.php';
