<?php
/**
 * A persistent object cache for the lab, standing in for Redis or
 * Memcached: the cached groups are kept in a file outside the site
 * between requests
 * (loaded at init, written at shutdown by requests that finish). Like a
 * real one it serves options from the cache, so a change made to the
 * database behind WordPress's back is not seen until the cache is flushed.
 */

defined( 'ABSPATH' ) || exit;

class WPD_Lab_Object_Cache {
	private $data = array();
	private $global_groups = array();
	private $non_persistent = array();
	private $blog = '';
	private $dirty = false;
	private $file;

	public function __construct() {
		// Outside the site, as Redis would be (the lab names the file).
		$this->file = defined( 'WPD_LAB_OBJECT_CACHE' ) ? WPD_LAB_OBJECT_CACHE : WP_CONTENT_DIR . '/cache/wpd-object-cache.data';
		$raw        = @file_get_contents( $this->file );
		$data       = false === $raw ? false : @unserialize( $raw );
		if ( is_array( $data ) ) {
			$this->data = $data;
		}
		$this->blog = is_multisite() ? get_current_blog_id() . ':' : '';
	}

	private function key( $key, $group ) {
		$group = '' === $group ? 'default' : $group;
		$blog  = isset( $this->global_groups[ $group ] ) ? '' : $this->blog;
		return array( $group, $blog . $key );
	}

	public function get( $key, $group, &$found = null ) {
		list( $g, $k ) = $this->key( $key, $group );
		$found         = isset( $this->data[ $g ] ) && array_key_exists( $k, $this->data[ $g ] );
		if ( ! $found ) {
			return false;
		}
		$v = $this->data[ $g ][ $k ];
		return is_object( $v ) ? clone $v : $v;
	}

	public function set( $key, $value, $group ) {
		list( $g, $k )         = $this->key( $key, $group );
		$this->data[ $g ][ $k ] = is_object( $value ) ? clone $value : $value;
		$this->dirty            = $this->dirty || ! isset( $this->non_persistent[ $g ] );
		return true;
	}

	public function add( $key, $value, $group ) {
		$this->get( $key, $group, $found );
		return $found ? false : $this->set( $key, $value, $group );
	}

	public function replace( $key, $value, $group ) {
		$this->get( $key, $group, $found );
		return $found ? $this->set( $key, $value, $group ) : false;
	}

	public function delete( $key, $group ) {
		list( $g, $k ) = $this->key( $key, $group );
		if ( ! isset( $this->data[ $g ] ) || ! array_key_exists( $k, $this->data[ $g ] ) ) {
			return false;
		}
		unset( $this->data[ $g ][ $k ] );
		$this->dirty = true;
		return true;
	}

	public function incr( $key, $offset, $group ) {
		$v = $this->get( $key, $group, $found );
		if ( ! $found ) {
			return false;
		}
		$v = max( 0, (int) $v + (int) $offset );
		$this->set( $key, $v, $group );
		return $v;
	}

	public function flush() {
		$this->data  = array();
		$this->dirty = true;
		return true;
	}

	public function add_global_groups( $groups ) {
		foreach ( (array) $groups as $g ) {
			$this->global_groups[ $g ] = true;
		}
	}

	public function add_non_persistent_groups( $groups ) {
		foreach ( (array) $groups as $g ) {
			$this->non_persistent[ $g ] = true;
		}
	}

	public function switch_to_blog( $blog_id ) {
		$this->blog = is_multisite() ? (int) $blog_id . ':' : '';
	}

	public function close() {
		if ( ! $this->dirty ) {
			return true;
		}
		$keep = array_diff_key( $this->data, $this->non_persistent );
		@mkdir( dirname( $this->file ), 0755 );
		$tmp = $this->file . '.' . getmypid();
		if ( false !== @file_put_contents( $tmp, serialize( $keep ) ) ) {
			@rename( $tmp, $this->file );
		}
		return true;
	}
}

function wp_cache_init() {
	$GLOBALS['wp_object_cache'] = new WPD_Lab_Object_Cache();
	register_shutdown_function( 'wp_cache_close' );
}
function wp_cache_get( $key, $group = '', $force = false, &$found = null ) {
	return $GLOBALS['wp_object_cache']->get( $key, $group, $found );
}
function wp_cache_set( $key, $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->set( $key, $data, $group );
}
function wp_cache_add( $key, $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->add( $key, $data, $group );
}
function wp_cache_replace( $key, $data, $group = '', $expire = 0 ) {
	return $GLOBALS['wp_object_cache']->replace( $key, $data, $group );
}
function wp_cache_delete( $key, $group = '' ) {
	return $GLOBALS['wp_object_cache']->delete( $key, $group );
}
function wp_cache_incr( $key, $offset = 1, $group = '' ) {
	return $GLOBALS['wp_object_cache']->incr( $key, $offset, $group );
}
function wp_cache_decr( $key, $offset = 1, $group = '' ) {
	return $GLOBALS['wp_object_cache']->incr( $key, -$offset, $group );
}
function wp_cache_flush() {
	return $GLOBALS['wp_object_cache']->flush();
}
function wp_cache_close() {
	return $GLOBALS['wp_object_cache']->close();
}
function wp_cache_add_global_groups( $groups ) {
	$GLOBALS['wp_object_cache']->add_global_groups( $groups );
}
function wp_cache_add_non_persistent_groups( $groups ) {
	$GLOBALS['wp_object_cache']->add_non_persistent_groups( $groups );
}
function wp_cache_switch_to_blog( $blog_id ) {
	$GLOBALS['wp_object_cache']->switch_to_blog( $blog_id );
}
function wp_cache_reset() {
	$GLOBALS['wp_object_cache']->switch_to_blog( get_current_blog_id() );
}
