<?php
define('DB_NAME', 'broken_db');
define('DB_USER', 'broken_user);
define('DB_PASSWORD', 'fake-broken-pw');
define('DB_HOST', 'localhost');
$table_prefix = 'wp_';
define('WP_DEBUG', true);
/* That's all, stop editing! Happy publishing. */
require_once ABSPATH . 'wp-settings.php';
