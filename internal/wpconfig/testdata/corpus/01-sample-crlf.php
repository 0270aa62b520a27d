<?php
/**
 * Base configuration, filled in by the installer from wp-config-sample.php.
 *
 * @package WordPress
 */

// ** Database settings - You can get this info from your web host ** //
/** The name of the database for WordPress */
define( 'DB_NAME', 'shop_wp' );

/** Database username */
define( 'DB_USER', 'shop_user' );

/** Database password */
define( 'DB_PASSWORD', 'fake-Pa55word!' );

/** Database hostname */
define( 'DB_HOST', 'localhost' );

/** Database charset to use in creating database tables. */
define( 'DB_CHARSET', 'utf8mb4' );

/** The database collate type. Don't change this if in doubt. */
define( 'DB_COLLATE', '' );

/**#@+
 * Authentication unique keys and salts.
 */
define( 'AUTH_KEY',         'fake-1 x{;Q@&|}' );
define( 'SECURE_AUTH_KEY',  'fake-2 )Vb<>/`~' );
define( 'LOGGED_IN_KEY',    'fake-3 -_.#$%^' );
define( 'NONCE_KEY',        'fake-4 "dq" ok' );
define( 'AUTH_SALT',        'fake-5 ;;;;' );
define( 'SECURE_AUTH_SALT', 'fake-6 \\ slash' );
define( 'LOGGED_IN_SALT',   'fake-7 it\'s' );
define( 'NONCE_SALT',       'fake-8 []{}()' );

/**#@-*/

/**
 * WordPress database table prefix.
 */
$table_prefix = 'wp_';

/**
 * For developers: WordPress debugging mode.
 */
define( 'WP_DEBUG', false );

/* Add any custom values between this line and the "stop editing" line. */



/* That's all, stop editing! Happy publishing. */

/** Absolute path to the WordPress directory. */
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}

/** Sets up WordPress vars and included files. */
require_once ABSPATH . 'wp-settings.php';
