<?php
define('DB_NAME', 'bom_db');
define('DB_USER', 'bom_user');
define('DB_PASSWORD', 'fake-bom-pw');
define('DB_HOST', 'localhost');
$table_prefix = 'wp_';
define('WP_DEBUG', false);
/* That's all, stop editing! Happy publishing. */
require_once ABSPATH . 'wp-settings.php';
