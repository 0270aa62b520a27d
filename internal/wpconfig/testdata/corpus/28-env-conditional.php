<?php
define('DB_NAME', 'cond_db');
define('DB_USER', 'cond_user');
define('DB_PASSWORD', 'fake-cond-pw');
define('DB_HOST', 'localhost');
$table_prefix = 'wp_';

if ($_SERVER['HTTP_HOST'] === 'staging.example.test') {
	define('WP_DEBUG', true);
	$table_prefix = 'stg_';
} elseif (php_sapi_name() === 'cli') {
	define('WP_DEBUG', false);
} else {
	define('WP_DEBUG', false);
}

switch (getenv('APP_ENV')) {
	case 'dev':
		define('WP_DEBUG_LOG', true);
		break;
}

function wpd_late() {
	define('WP_DISABLE_FATAL_ERROR_HANDLER', true);
}

foreach (['WP_POST_REVISIONS' => 5] as $k => $v) {
	define($k, $v);
}

define('DISABLE_WP_CRON', false);

/* That's all, stop editing! Happy publishing. */
require_once ABSPATH . 'wp-settings.php';
