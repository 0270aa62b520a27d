<?php
// define('WP_DEBUG', true);
# define('WP_DEBUG', true);
/* define('WP_DEBUG', true); */
/*
define('DB_NAME', 'commented');
*/
/**
 * define('DB_USER', 'commented');
 */
define('DB_NAME', 'real_db'); // define('DB_NAME', 'trailing');
define('DB_USER', 'real_user'); # define('DB_USER', 'hash');
define('DB_PASSWORD', /* 'commented-pw' */ 'fake-real-pw');
define('DB_HOST', 'localhost'); /* define('DB_HOST', 'other'); */
$x = 'define("IN_STRING", 1);';
$y = "// not a comment";
define('WP_DEBUG', false);
$table_prefix = 'wp_'; //$table_prefix = 'old_';
#$table_prefix = 'older_';
/* That's all, stop editing! Happy publishing. */
require_once ABSPATH . 'wp-settings.php';
