<?php
// A stand-in for WordPress, enough to load the probe agent as a must-use
// plugin under PHP's built-in web server: the filter API and the options
// the agent touches. It answers with what "WordPress" then sees.
define( 'ABSPATH', __DIR__ . '/' );

$GLOBALS['wpd_filters'] = array();
function add_filter( $tag, $fn, $priority = 10, $args = 1 ) {
	$GLOBALS['wpd_filters'][ $tag ][] = array( $fn, $args );
	return true;
}
function apply_filters( $tag, $value, ...$rest ) {
	foreach ( $GLOBALS['wpd_filters'][ $tag ] ?? array() as $f ) {
		$value = ( $f[0] )( ...array_slice( array_merge( array( $value ), $rest ), 0, $f[1] ) );
	}
	return $value;
}
$GLOBALS['wpd_options'] = array(
	'active_plugins'            => array( 0 => 'a/a.php', 1 => 'b/b.php', 2 => 'c/c.php' ),
	'active_sitewide_plugins'   => array( 'n/n.php' => 1700000000, 'a/a.php' => 1700000001 ),
	'template'                  => 'parent',
	'stylesheet'                => 'child',
);
function get_option( $name ) {
	$pre = apply_filters( 'pre_option_' . $name, false, $name );
	if ( false !== $pre ) {
		return $pre;
	}
	return apply_filters( 'option_' . $name, $GLOBALS['wpd_options'][ $name ] ?? false );
}
// A network: the site options are active_sitewide_plugins and the like.
function is_multisite() {
	return true;
}
function get_site_option( $name ) {
	return apply_filters( 'site_option_' . $name, $GLOBALS['wpd_options'][ $name ] ?? false );
}
function update_option( $name, $value ) {
	$old   = get_option( $name );
	$value = apply_filters( 'pre_update_option_' . $name, $value, $old, $name );
	if ( $value === $old ) {
		return false;
	}
	$GLOBALS['wpd_options'][ $name ] = $value;
	return true;
}
function update_site_option( $name, $value ) {
	$old   = get_site_option( $name );
	$value = apply_filters( 'pre_update_site_option_' . $name, $value, $old, $name, 1 );
	if ( $value === $old ) {
		return false;
	}
	$GLOBALS['wpd_options'][ $name ] = $value;
	return true;
}

foreach ( glob( __DIR__ . '/mu-plugins/*.php' ) as $mu ) {
	include $mu;
}

// A plugin's notice, as a broken plugin would raise one.
if ( isset( $_GET['warn'] ) ) {
	trigger_error( 'wpd router warning', E_USER_WARNING );
}

$seen = array(
	'plugins'    => array_values( (array) get_option( 'active_plugins' ) ),
	'sitewide'   => array_keys( (array) get_site_option( 'active_sitewide_plugins' ) ),
	'template'   => get_option( 'template' ),
	'stylesheet' => get_option( 'stylesheet' ),
);
// What a plugin might do on any request: activate itself (only this
// request's copy of the options changes).
$seen['written'] = array(
	'active_plugins' => update_option( 'active_plugins', array( 'evil/evil.php' ) ),
	'sitewide'       => update_site_option( 'active_sitewide_plugins', array( 'evil/evil.php' => 1 ) ),
	'template'       => update_option( 'template', 'evil' ),
);
header( 'Content-Type: application/json' );
echo json_encode( $seen );
