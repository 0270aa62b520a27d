<?php
/*
 * Turns an installed lab site into a subdirectory multisite network and
 * adds its sub-sites, without wp-cli, the way Network Setup does:
 *   php network.php network ABSPATH URL TITLE      (wp-config.php without MULTISITE)
 *   php network.php sites ABSPATH URL PATH...       (wp-config.php with MULTISITE)
 * Run as the site's unix user. Idempotent: prints what it did or "already".
 */
if ( $argc < 5 ) {
	fwrite( STDERR, "usage: php network.php network|sites ABSPATH URL ...\n" );
	exit( 2 );
}
$phase   = $argv[1];
$abspath = $argv[2];
$url     = $argv[3];

$parts                      = parse_url( $url );
$domain                     = $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
$_SERVER['HTTP_HOST']       = $domain;
$_SERVER['REQUEST_URI']     = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

if ( 'network' === $phase ) {
	define( 'WP_INSTALLING_NETWORK', true );
	require rtrim( $abspath, '/' ) . '/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	require_once ABSPATH . 'wp-admin/includes/network.php';
	// As wp-admin/network.php does: a single site's wpdb has no names for
	// the network tables yet.
	foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed ) {
		$wpdb->$table = $prefixed;
	}
	if ( $wpdb->get_var( "SHOW TABLES LIKE '{$wpdb->site}'" ) === $wpdb->site && $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->site}" ) > 0 ) {
		echo "network already\n";
		exit( 0 );
	}
	install_network();
	$result = populate_network( 1, $domain, 'admin@example.invalid', $argv[4], '/', false );
	if ( is_wp_error( $result ) ) {
		fwrite( STDERR, $result->get_error_message() . "\n" );
		exit( 1 );
	}
	echo "network installed\n";
	exit( 0 );
}

if ( 'sites' !== $phase ) {
	fwrite( STDERR, "network.php: unknown phase $phase\n" );
	exit( 2 );
}
require rtrim( $abspath, '/' ) . '/wp-load.php';
if ( ! is_multisite() ) {
	fwrite( STDERR, "network.php sites: wp-config.php does not define MULTISITE\n" );
	exit( 1 );
}
$made = array();
foreach ( array_slice( $argv, 4 ) as $path ) {
	$path = '/' . trim( $path, '/' ) . '/';
	if ( get_site_by_path( $domain, $path ) && get_site_by_path( $domain, $path )->path === $path ) {
		continue;
	}
	$id = wpmu_create_blog( $domain, $path, 'wpdoctor lab sub-site ' . trim( $path, '/' ), 1 );
	if ( is_wp_error( $id ) ) {
		fwrite( STDERR, $path . ': ' . $id->get_error_message() . "\n" );
		exit( 1 );
	}
	// wp_insert_site() strips the port from the domain: put it back, as
	// a network on a port needs it (in blogs, siteurl and home).
	$wpdb->update( $wpdb->blogs, array( 'domain' => $domain ), array( 'blog_id' => $id ) );
	clean_blog_cache( $id );
	switch_to_blog( $id );
	update_option( 'siteurl', rtrim( $url, '/' ) . $path );
	update_option( 'home', rtrim( $url, '/' ) . $path );
	restore_current_blog();
	$made[] = $path . '=' . $id;
}
echo $made ? 'sites created: ' . implode( ' ', $made ) . "\n" : "sites already\n";
