<?php
/**
 * Host configuration in the style of Debian's examples/config-default.php,
 * kept at /etc/wordpress/config-default.php and loaded by the dispatcher.
 */
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', 'fake-debian-pw' );
define( 'DB_HOST', 'localhost' );
define( 'DB_CHARSET', 'utf8' );
define( 'DB_COLLATE', '' );

$table_prefix = 'wp_';

define( 'WP_DEBUG', false );

/*
 * For a multi-site, enable the following
 */
//define('WP_ALLOW_MULTISITE', true);

/* That's all, stop editing! Happy publishing. */

define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
