<?php
namespace Acme\Site;

const SITE_MODE = 'live';
define('DB_NAME', 'ns_db');
define('DB_USER', 'ns_user');
define('DB_PASSWORD', 'fake-ns-pw');
define('DB_HOST', 'localhost');
define(__NAMESPACE__ . '\FLAG', true);

add_action('init', function () {
	define('LATE_CONSTANT', 1);
});

class Boot {
	public static function run() {
		define('FROM_METHOD', 1);
	}
}

\define('WP_DEBUG', false);
$GLOBALS['table_prefix'] = 'globals_';
$table_prefix = 'ns_';
/* That's all, stop editing! Happy publishing. */
require_once ABSPATH . 'wp-settings.php';
