// Package phpconf reads PHP's configuration as PHP-FPM workers see it:
// the ini dialect shared by php.ini and php-fpm.conf (ParseIni), the FPM
// master configuration with its includes and pools ($pool and $prefix
// expanded, FPM's defaults applied), php.ini with its scan-directory
// snippets, and the settings a pool's workers end up with once the
// pool's php_value / php_admin_value entries override php.ini (Effective).
//
// Every value carries its position (file:line) or is marked as PHP's or
// FPM's default. Problems are collected; only an unreadable main file is
// an error.
package phpconf
