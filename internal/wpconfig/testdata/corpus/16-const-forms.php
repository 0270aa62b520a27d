<?php
const DB_NAME = 'const_db';
const DB_USER = 'const_user', DB_PASSWORD = 'fake-const-pw';
const DB_HOST = 'localhost';
const WP_DEBUG = FALSE;
const WP_MEMORY_LIMIT = '128' . 'M';
const WP_CONTENT_DIR = __DIR__ . '/wp-content';
$table_prefix = 'c_';
/* That's all, stop editing! Happy publishing. */
require_once ABSPATH . 'wp-settings.php';
