<?php
/**
 * Plugin Name: wpdoctor probe agent
 * Description: Placed by wpdoctor for one diagnosis and removed at its end. It changes nothing for visitors: only requests carrying the run's secret see some plugins switched off. It stops working on its own after its expiry time.
 */

if ( ! defined( 'ABSPATH' ) ) {
	return;
}

( function () {
	$hash     = '{{HASH}}';    // SHA-256 of the run's secret (the secret itself is never written here)
	$expires  = (int) '{{EXPIRES}}'; // Unix time after which this file does nothing
	$fallback = '{{FALLBACK}}'; // the default theme a probe may ask for instead of the active one ('' = none)
	$log      = '{{LOG}}';      // the run's private log, for the PHP errors of probe requests ('' = none)

	if ( time() > $expires || ! isset( $_SERVER['HTTP_X_WPDOCTOR_PROBE'] ) ) {
		return;
	}
	$secret = (string) $_SERVER['HTTP_X_WPDOCTOR_PROBE'];
	if ( strlen( $secret ) !== 64 || ! hash_equals( $hash, hash( 'sha256', $secret ) ) ) {
		return;
	}

	// A probe request. Per-request debug logging: every PHP error of this
	// request goes to the run's private log, none to the page; visitors'
	// requests keep the site's own settings. (What ran before this file —
	// wp-config.php, drop-ins — is not covered.)
	if ( '' !== $log ) {
		error_reporting( E_ALL );
		ini_set( 'display_errors', '0' );
		ini_set( 'log_errors', '1' );
		ini_set( 'error_log', $log );
	}

	// Its options must never be written back: a plugin
	// calling update_option( 'active_plugins' ) would make the filtered list
	// permanent for everyone.
	$keep_old = function ( $value, $old ) {
		return $old;
	};
	foreach ( array( 'active_plugins', 'template', 'stylesheet' ) as $name ) {
		add_filter( 'pre_update_option_' . $name, $keep_old, PHP_INT_MAX, 2 );
	}
	add_filter( 'pre_update_site_option_active_sitewide_plugins', $keep_old, PHP_INT_MAX, 2 );

	if ( isset( $_SERVER['HTTP_X_WPDOCTOR_PLUGINS'] ) ) {
		// The plugins the probe keeps on; every other one is off. Only an
		// intersection with what is active: nothing is ever switched on.
		$keep = array();
		$raw  = (string) $_SERVER['HTTP_X_WPDOCTOR_PLUGINS'];
		if ( '' !== $raw ) {
			foreach ( explode( ',', $raw ) as $file ) {
				$keep[ rawurldecode( $file ) ] = true;
			}
		}
		add_filter( 'option_active_plugins', function ( $active ) use ( $keep ) {
			if ( ! is_array( $active ) ) {
				return $active;
			}
			return array_filter( $active, function ( $file ) use ( $keep ) {
				return is_string( $file ) && isset( $keep[ $file ] );
			} );
		}, PHP_INT_MAX );
		add_filter( 'site_option_active_sitewide_plugins', function ( $active ) use ( $keep ) {
			return is_array( $active ) ? array_intersect_key( $active, $keep ) : $active;
		}, PHP_INT_MAX );
	}

	if ( '' !== $fallback && isset( $_SERVER['HTTP_X_WPDOCTOR_THEME'] ) && 'off' === $_SERVER['HTTP_X_WPDOCTOR_THEME'] ) {
		$use_fallback = function () use ( $fallback ) {
			return $fallback;
		};
		add_filter( 'pre_option_template', $use_fallback, PHP_INT_MAX );
		add_filter( 'pre_option_stylesheet', $use_fallback, PHP_INT_MAX );
	}

	if ( ! headers_sent() ) {
		header( 'X-WPDoctor-Agent: 1' );
		if ( '' !== $log ) {
			// 1 when the log is in force (a pool's php_admin_value[error_log] cannot be overridden).
			header( 'X-WPDoctor-Log: ' . ( ini_get( 'error_log' ) === $log && ini_get( 'log_errors' ) ? '1' : '0' ) );
		}
	}
	if ( isset( $_SERVER['HTTP_X_WPDOCTOR_PING'] ) ) {
		// Confirms the agent runs and filters, before any plugin loads.
		$active = get_option( 'active_plugins' );
		$answer = array( 'agent' => 1, 'active' => is_array( $active ) ? count( $active ) : -1 );
		if ( is_multisite() ) {
			$network           = get_site_option( 'active_sitewide_plugins' );
			$answer['network'] = is_array( $network ) ? count( $network ) : -1;
		}
		if ( ! headers_sent() ) {
			header( 'Content-Type: application/json' );
			header( 'Cache-Control: no-store' );
		}
		echo json_encode( $answer );
		exit;
	}
} )();
