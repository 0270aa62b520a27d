<?php
/*
 * Sets WordPress options directly in the database, without loading WordPress
 * (a broken plugin must not stop the lab from switching scenarios).
 * Reads JSON from stdin:
 *   {"socket": "...", "database": "...", "prefix": "wp_",
 *    "options": {"active_plugins": ["a/a.php"], "template": "twentytwentythree"}}
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
$table = $in['prefix'] . 'options';
foreach ( $in['options'] as $name => $value ) {
	if ( is_array( $value ) ) {
		$value = serialize( array_is_list( $value ) ? array_values( $value ) : $value );
	} elseif ( is_bool( $value ) ) {
		$value = $value ? '1' : '';
	} else {
		$value = (string) $value;
	}
	$stmt = $db->prepare( "INSERT INTO `$table` (option_name, option_value, autoload) VALUES (?, ?, 'yes') ON DUPLICATE KEY UPDATE option_value = VALUES(option_value)" );
	$stmt->bind_param( 'ss', $name, $value );
	$stmt->execute();
}
echo "ok\n";
