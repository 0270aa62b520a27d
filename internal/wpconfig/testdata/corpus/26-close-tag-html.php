<?php
define('DB_NAME', 'tag_db');
define('DB_USER', 'tag_user');
define('DB_PASSWORD', 'fake-tag-pw');
define('DB_HOST', 'localhost');
$table_prefix = 'wp_';
// note for admins ?> define('WP_DEBUG', true); this text is sent to the browser
<?php
define('WP_DEBUG', false);
/* That's all, stop editing! Happy publishing. */
require_once(ABSPATH . 'wp-settings.php');
?>

