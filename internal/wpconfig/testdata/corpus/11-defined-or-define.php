<?php
// Values that the server's environment (php-fpm pool, wp-cli) may set first.
defined( 'DB_NAME' ) || define( 'DB_NAME', 'guarded' );
defined('DB_USER') or define('DB_USER', 'guarded_user');
!defined('DB_PASSWORD') && define('DB_PASSWORD', 'fake-guarded-pw');
if ( ! defined( 'DB_HOST' ) ) {
	define( 'DB_HOST', 'localhost' );
}
if (defined('WP_CLI') === false) {
	define('WP_CLI_SKIP', false);
}
if (!defined('WP_DEBUG')):
	define('WP_DEBUG', true);
	define('WP_DEBUG_LOG', true); // guarded by a different constant
endif;
if (getenv('WP_ENVIRONMENT_TYPE') === 'local') {
	define('WP_DEBUG_DISPLAY', true);
} else {
	define('WP_DEBUG_DISPLAY', false);
}
define('WP_ENVIRONMENT_TYPE', getenv('WP_ENVIRONMENT_TYPE') ?: 'production');
define('WP_REDIS_HOST', $_ENV['REDIS_HOST'] ?? 'redis');
@define('WP_CACHE', true);
$table_prefix = 'wp_';

/* That's all, stop editing! Happy publishing. */
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
