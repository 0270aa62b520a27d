<?php
define("DB_NAME", "v6_db");
define("DB_USER", "v6_user");
define("DB_PASSWORD", "fake-v6-pw");
define("DB_HOST", "[::1]:3306");
$table_prefix = "v6_";
/* That's all, stop editing! Happy publishing. */
require_once ABSPATH . "wp-settings.php";
