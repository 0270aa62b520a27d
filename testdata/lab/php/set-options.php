<?php
/*
 * Sets WordPress options directly in the database, without loading WordPress
 * (a broken plugin must not stop the lab from switching scenarios).
 * Reads JSON from stdin:
 *   {"socket": "...", "database": "...", "prefix": "wp_",
 *    "options": {"active_plugins": ["a/a.php"], "template": "twentytwentythree"}}
 * (and, on a network, "tables" and "sitemeta": see below)
 * Arrays are stored with PHP's own serialize(), lists re-indexed from 0.
 * Run as root (MariaDB's unix_socket authentication).
 */
$in = json_decode( stream_get_contents( STDIN ), true );
if ( ! is_array( $in ) ) {
	fwrite( STDERR, "set-options: bad JSON on stdin\n" );
	exit( 2 );
}
mysqli_report( MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT );
$db    = new mysqli( 'localhost', 'root', '', $in['database'], 0, $in['socket'] );
function wpd_lab_value( $value ) {
	if ( is_array( $value ) ) {
		return serialize( array_is_list( $value ) ? array_values( $value ) : $value );
	}
	if ( is_bool( $value ) ) {
		return $value ? '1' : '';
	}
	return (string) $value;
}
/*
 * Optional: "tables": {"ms_2_": {...options}} sets the options of other
 * option tables (a network's sub-sites), "sitemeta": {"network": 1,
 * "values": {"active_sitewide_plugins": {"a/a.php": 1700000000}}} network
 * options (the first row of each key, created if missing).
 */
$tables = array( $in['prefix'] => $in['options'] ) + ( $in['tables'] ?? array() );
foreach ( $tables as $prefix => $options ) {
	$table = $prefix . 'options';
	foreach ( $options as $name => $value ) {
		$value = wpd_lab_value( $value );
		$stmt  = $db->prepare( "INSERT INTO `$table` (option_name, option_value, autoload) VALUES (?, ?, 'yes') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)" );
		$stmt->bind_param( 'ss', $name, $value );
		$stmt->execute();
	}
}
if ( isset( $in['sitemeta'] ) ) {
	$table   = $in['prefix'] . 'sitemeta';
	$network = (int) $in['sitemeta']['network'];
	foreach ( $in['sitemeta']['values'] as $key => $value ) {
		$value = wpd_lab_value( $value );
		$stmt  = $db->prepare( "SELECT meta_id FROM `$table` WHERE site_id = ? AND meta_key = ? ORDER BY meta_id LIMIT 1" );
		$stmt->bind_param( 'is', $network, $key );
		$stmt->execute();
		$row = $stmt->get_result()->fetch_row();
		if ( $row ) {
			$stmt = $db->prepare( "UPDATE `$table` SET meta_value = ? WHERE meta_id = ?" );
			$stmt->bind_param( 'si', $value, $row[0] );
		} else {
			$stmt = $db->prepare( "INSERT INTO `$table` (site_id, meta_key, meta_value) VALUES (?, ?, ?)" );
			$stmt->bind_param( 'iss', $network, $key, $value );
		}
		$stmt->execute();
	}
}
echo "ok\n";
