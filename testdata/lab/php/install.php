<?php
/*
 * Installs WordPress into an empty database without wp-cli, the way the
 * web installer does: php install.php ABSPATH URL TITLE ADMIN_USER ADMIN_PASSWORD
 * Run as the site's unix user. Prints "installed" or "already installed".
 */
if ( $argc !== 6 ) {
	fwrite( STDERR, "usage: php install.php ABSPATH URL TITLE ADMIN_USER ADMIN_PASSWORD\n" );
	exit( 2 );
}
list( , $abspath, $url, $title, $admin, $password ) = $argv;

$parts                  = parse_url( $url );
$_SERVER['HTTP_HOST']   = $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

define( 'WP_INSTALLING', true );
require rtrim( $abspath, '/' ) . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

if ( is_blog_installed() ) {
	echo "already installed\n";
	exit( 0 );
}
$result = wp_install( $title, $admin, 'admin@example.invalid', false, '', wp_slash( $password ) );
if ( is_wp_error( $result ) ) {
	fwrite( STDERR, $result->get_error_message() . "\n" );
	exit( 1 );
}
update_option( 'siteurl', $url );
update_option( 'home', $url );
update_option( 'permalink_structure', '' );
echo "installed\n";
