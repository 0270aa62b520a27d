<?php
/**
 * Shared hosting (cPanel Softaculous-like) configuration.
 */

// ** MySQL settings - You can get this info from your web host ** //
/** The name of the database for WordPress */
define('DB_NAME', 'cpuser_wp123');

/** MySQL database username */
define('DB_USER', 'cpuser_wp123');

/** MySQL database password */
define('DB_PASSWORD', 'Fake(8)S!p');

/** MySQL hostname */
define('DB_HOST', 'localhost');

/** Database Charset to use in creating database tables. */
define('DB_CHARSET', 'utf8');

/** The Database Collate type. Don't change this if in doubt. */
define('DB_COLLATE', '');

define('AUTH_KEY',         'fakefakefakefakefakefakefakefake1');
define('SECURE_AUTH_KEY',  'fakefakefakefakefakefakefakefake2');
define('LOGGED_IN_KEY',    'fakefakefakefakefakefakefakefake3');
define('NONCE_KEY',        'fakefakefakefakefakefakefakefake4');
define('AUTH_SALT',        'fakefakefakefakefakefakefakefake5');
define('SECURE_AUTH_SALT', 'fakefakefakefakefakefakefakefake6');
define('LOGGED_IN_SALT',   'fakefakefakefakefakefakefakefake7');
define('NONCE_SALT',       'fakefakefakefakefakefakefakefake8');

$table_prefix  = 'wpxy_';

define('WPLANG', '');

define('WP_DEBUG', false);
define( 'WP_MEMORY_LIMIT', '256M' );
define( 'WP_MAX_MEMORY_LIMIT', '512M' );
define('DISABLE_WP_CRON', true); // real cron job set up in cPanel
define( 'WP_CACHE', true ); // Added by WP Rocket
define('WP_AUTO_UPDATE_CORE', 'minor');
# define('WP_DEBUG_LOG', true);

/* That's all, stop editing! Happy blogging. */

/** Absolute path to the WordPress directory. */
if ( !defined('ABSPATH') )
	define('ABSPATH', dirname(__FILE__) . '/');

/** Sets up WordPress vars and included files. */
require_once(ABSPATH . 'wp-settings.php');
