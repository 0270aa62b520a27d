<?php
define('DB_NAME', getenv('DB_NAME'));
define('DB_USER', $_SERVER['DB_USER']);
define('DB_PASSWORD', getenv('DB_PASSWORD') ?: 'fake-fallback-pw');
define('DB_HOST', getenv('DB_HOST') ?: 'localhost');
define('WP_DEBUG', filter_var(getenv('WP_DEBUG'), FILTER_VALIDATE_BOOLEAN));
$table_prefix = getenv('TABLE_PREFIX') ?: 'wp_';
/* That's all, stop editing! Happy publishing. */
require_once ABSPATH . 'wp-settings.php';
