<?php
define('DB_NAME', 'sock_db');
define('DB_USER', 'sock_user');
define('DB_PASSWORD', 'fake-sock-pw');
define('DB_HOST', 'localhost:/var/run/mysqld/mysqld.sock');
$table_prefix = 'wp_';
/* That's all, stop editing! Happy publishing. */
require_once ABSPATH . 'wp-settings.php';
