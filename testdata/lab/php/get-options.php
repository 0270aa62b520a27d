<?php
/*
 * Prints raw option values as JSON: php get-options.php < {"socket":..,"database":..,"prefix":..,"names":[..]}
 */
$in = json_decode( stream_get_contents( STDIN ), true );
mysqli_report( MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT );
$db    = new mysqli( 'localhost', 'root', '', $in['database'], 0, $in['socket'] );
$table = $in['prefix'] . 'options';
$out   = array();
foreach ( $in['names'] as $name ) {
	$stmt = $db->prepare( "SELECT option_value FROM `$table` WHERE option_name = ?" );
	$stmt->bind_param( 's', $name );
	$stmt->execute();
	$row = $stmt->get_result()->fetch_row();
	$out[ $name ] = $row ? base64_encode( $row[0] ) : null;
}
echo json_encode( $out ), "\n";
