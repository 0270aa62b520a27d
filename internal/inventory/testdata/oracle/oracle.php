<?php
/*
 * Test oracle: runs WordPress's own code (extracted from a real install,
 * read only) on wpdoctor's fixtures, so the Go tests can compare.
 *
 * Usage: php oracle.php /path/to/wordpress < job.json
 * job: {"headers": [{"data": base64, "names": [...]}, ...]}
 *   or {"scan": {"content": dir, "plugins": dir, "mu": dir, "themes": [dirs], "multisite": bool}}
 */
error_reporting( 0 );
$wp = rtrim( $argv[1], '/' ) . '/';

// extract returns the source of the named top-level functions in file.
function extract_functions( $file, $names ) {
	$tokens = token_get_all( file_get_contents( $file ) );
	$out    = '';
	$n      = count( $tokens );
	for ( $i = 0; $i < $n; $i++ ) {
		if ( ! is_array( $tokens[ $i ] ) || T_FUNCTION !== $tokens[ $i ][0] ) {
			continue;
		}
		$j = $i + 1;
		while ( is_array( $tokens[ $j ] ) && T_WHITESPACE === $tokens[ $j ][0] ) {
			$j++;
		}
		if ( ! is_array( $tokens[ $j ] ) || ! in_array( $tokens[ $j ][1], $names, true ) ) {
			continue;
		}
		$src   = '';
		$depth = 0;
		$open  = false;
		for ( $k = $i; $k < $n; $k++ ) {
			$t    = $tokens[ $k ];
			$text = is_array( $t ) ? $t[1] : $t;
			$src .= $text;
			if ( '{' === $text || ( is_array( $t ) && ( T_CURLY_OPEN === $t[0] || T_DOLLAR_OPEN_CURLY_BRACES === $t[0] ) ) ) {
				$depth++;
				$open = true;
			} elseif ( '}' === $text ) {
				$depth--;
				if ( $open && 0 === $depth ) {
					break;
				}
			}
		}
		$out .= $src . "\n";
		$i    = $k;
	}
	return $out;
}

define( 'KB_IN_BYTES', 1024 );
define( 'MINUTE_IN_SECONDS', 60 );
function __( $s ) { return $s; }
function apply_filters( $tag, $value ) { return $value; }
function wp_cache_get() { return false; }
function wp_cache_set() { return true; }
function _deprecated_argument() {}
function get_site_transient() { return false; }
function set_site_transient() { return true; }
function is_multisite() { return ! empty( $GLOBALS['oracle_multisite'] ); }
$wp_plugin_paths = array();

$code  = extract_functions( $wp . 'wp-includes/functions.php', array( 'get_file_data', '_cleanup_header_comment', 'wp_normalize_path', 'wp_is_stream' ) );
$code .= extract_functions( $wp . 'wp-includes/plugin.php', array( 'plugin_basename' ) );
$code .= extract_functions( $wp . 'wp-includes/load.php', array( 'wp_get_mu_plugins' ) );
$code .= extract_functions( $wp . 'wp-includes/theme.php', array( 'search_theme_directories' ) );
$code .= extract_functions( $wp . 'wp-admin/includes/plugin.php', array( 'get_plugin_data', 'get_plugins', 'get_mu_plugins', '_sort_uname_callback', 'get_dropins', '_get_dropins' ) );
eval( $code );

$job = json_decode( stream_get_contents( STDIN ), true );
$out = array();
if ( isset( $job['headers'] ) ) {
	$tmp = tempnam( sys_get_temp_dir(), 'wpd-oracle' );
	foreach ( $job['headers'] as $case ) {
		file_put_contents( $tmp, base64_decode( $case['data'] ) );
		$h = array();
		foreach ( $case['names'] as $i => $name ) {
			$h[ 'f' . $i ] = $name;
		}
		$got = get_file_data( $tmp, $h );
		$res = array();
		foreach ( $case['names'] as $i => $name ) {
			$res[] = base64_encode( $got[ 'f' . $i ] );
		}
		$out[] = $res;
	}
	unlink( $tmp );
} else {
	$s = $job['scan'];
	define( 'WP_CONTENT_DIR', $s['content'] );
	define( 'WP_PLUGIN_DIR', $s['plugins'] );
	define( 'WPMU_PLUGIN_DIR', $s['mu'] );
	$GLOBALS['oracle_multisite']     = $s['multisite'];
	$GLOBALS['wp_theme_directories'] = $s['themes'];
	$plugins = array();
	foreach ( get_plugins() as $file => $p ) {
		$plugins[ $file ] = array( $p['Name'], $p['Version'], $p['RequiresPHP'], $p['RequiresWP'], $p['TextDomain'], $p['Network'] );
	}
	$mu = array();
	foreach ( get_mu_plugins() as $file => $p ) {
		$mu[ $file ] = $p['Name'];
	}
	$themes = search_theme_directories();
	$out = array(
		'plugins'   => (object) $plugins,
		'mu'        => (object) $mu,
		'mu_loaded' => array_map( 'basename', wp_get_mu_plugins() ),
		'dropins'   => array_keys( get_dropins() ),
		'themes'    => $themes ? array_keys( $themes ) : array(),
	);
}
echo json_encode( $out );
