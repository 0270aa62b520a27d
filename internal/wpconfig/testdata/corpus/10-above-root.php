<?php
/**
 * Kept in /home/acme (one directory above the web root public_html), which
 * WordPress finds by itself. ABSPATH points into the web root.
 */
define('DB_NAME', 'acme_wp');
define('DB_USER', 'acme_wp');
define('DB_PASSWORD', 'fake-acme-pw');
define('DB_HOST', 'localhost');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');

$table_prefix = 'acme_';

define('WP_DEBUG', false);

/* That's all, stop editing! Happy publishing. */

if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/public_html/' );
}

require_once ABSPATH . 'wp-settings.php';
