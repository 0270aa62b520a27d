<?php
/* Credentials are kept outside the web root. */
require_once '/home/acme/private/wp-credentials.php';
require __DIR__ . '/wp-config-local.php';

define('WP_DEBUG', false);
define('WP_CACHE', true);
$table_prefix = 'wp_';

/* That's all, stop editing! Happy publishing. */
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
