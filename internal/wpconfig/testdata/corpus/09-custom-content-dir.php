<?php
define('DB_NAME', 'site');
define('DB_USER', 'site');
define('DB_PASSWORD', 'fake-site-pw');
define('DB_HOST', 'db.internal.test:3307');

$table_prefix = 'site_';

define('WP_CONTENT_DIR', __DIR__ . '/content');
define('WP_CONTENT_URL', 'https://www.example.test/content');
define('WP_PLUGIN_DIR', dirname(__FILE__) . '/content/extensions');
define('WPMU_PLUGIN_DIR', WP_CONTENT_DIR . '/must-use');
define('UPLOADS', 'content/media');
define('WP_HOME', 'https://www.example.test');
define('WP_SITEURL', WP_HOME . '/wp');
define('WP_DEBUG_LOG', dirname(__DIR__) . '/logs/wp-debug.log');
define('WP_TEMP_DIR', dirname(__FILE__, 2) . '/tmp');

/* That's all, stop editing! */

if (!defined('ABSPATH')) {
	define('ABSPATH', __DIR__ . '/wp/');
}
require_once(ABSPATH . 'wp-settings.php');
