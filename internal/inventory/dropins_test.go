package inventory

import (
	"testing"
)

func TestDropinLoads(t *testing.T) {
	single, multi := Constants{}, Constants{Multisite: true}
	tests := []struct {
		file string
		c    Constants
		want Load
	}{
		{"advanced-cache.php", single, LoadNever},
		{"advanced-cache.php", Constants{WPCache: true}, LoadAlways},
		{"db.php", single, LoadAlways},
		{"object-cache.php", single, LoadAlways},
		{"db-error.php", single, LoadOnEvent},
		{"install.php", single, LoadOnEvent},
		{"maintenance.php", single, LoadOnEvent},
		{"php-error.php", single, LoadOnEvent},
		{"php-error.php", Constants{DisableFatalErrorHandler: true}, LoadNever},
		{"fatal-error-handler.php", single, LoadAlways},
		{"fatal-error-handler.php", Constants{DisableFatalErrorHandler: true}, LoadNever},
		{"sunrise.php", Constants{Sunrise: true}, LoadNever}, // not multisite
		{"sunrise.php", multi, LoadNever},
		{"sunrise.php", Constants{Multisite: true, Sunrise: true}, LoadAlways},
		{"blog-deleted.php", single, LoadNever},
		{"blog-deleted.php", multi, LoadOnEvent},
		{"blog-inactive.php", multi, LoadOnEvent},
		{"blog-suspended.php", multi, LoadOnEvent},
		{"not-a-dropin.php", multi, LoadNever},
	}
	for _, tt := range tests {
		got, why := DropinLoads(tt.file, tt.c)
		if got != tt.want {
			t.Errorf("DropinLoads(%s, %+v) = %s (%s), want %s", tt.file, tt.c, got, why, tt.want)
		}
		if (why == "") != (tt.file == "not-a-dropin.php") {
			t.Errorf("DropinLoads(%s): explanation %q", tt.file, why)
		}
	}
	for _, name := range DropinNames() {
		if _, why := DropinLoads(name, multi); why == "" {
			t.Errorf("%s: no explanation", name)
		}
	}
}

// TestDropinOwner feeds drop-in code as the well-known plugins write it.
func TestDropinOwner(t *testing.T) {
	tests := []struct {
		name, code   string
		installed    []string
		owner        string
		standalone   bool
		evidenceHint string
	}{
		{"WP Super Cache", "<?php\n# WP SUPER CACHE 1.2\ndefine( 'WPCACHEHOME', '/srv/www/wp-content/plugins/wp-super-cache/' );\ninclude_once( WPCACHEHOME . 'wp-cache-phase1.php' );", nil, "wp-super-cache", false, "folder"},
		{"WP Super Cache, old WPCACHEHOME only", "<?php include_once( WPCACHEHOME . 'wp-cache-phase1.php' );", nil, "wp-super-cache", false, "WPCACHEHOME"},
		{"W3 Total Cache", "<?php\n/** W3 Total Cache advanced cache module */\ndefine( 'W3TC_DIR', ( defined( 'WP_PLUGIN_DIR' ) ? WP_PLUGIN_DIR : WP_CONTENT_DIR . '/plugins' ) . '/w3-total-cache' );", nil, "w3-total-cache", false, "W3TC"},
		{"WP Rocket", "<?php define( 'WP_ROCKET_ADVANCED_CACHE', true );\n$rocket_path = '/var/www/wp-content/plugins/wp-rocket/';", nil, "wp-rocket", false, "folder"},
		{"WP Rocket via WP_PLUGIN_DIR", "<?php $p = WP_PLUGIN_DIR.'/wp-rocket/inc/';", nil, "wp-rocket", false, "folder"},
		{"LiteSpeed Cache", "<?php\n/**\n * LiteSpeed Cache advanced cache\n */\n! defined( 'LSCACHE_ADV_CACHE' ) && define( 'LSCACHE_ADV_CACHE', true );", nil, "litespeed-cache", false, "LSCACHE_"},
		{"WP Fastest Cache", "<?php // WP Fastest Cache\nclass WpFastestCacheCreateCache {}", nil, "wp-fastest-cache", false, "WpFastestCache"},
		{"Redis Object Cache", "<?php\n/**\n * Plugin Name: Redis Object Cache Drop-In\n * Plugin URI: https://wordpress.org/plugins/redis-cache/\n */", nil, "redis-cache", false, "folder"},
		{"Object Cache Pro", "<?php\n/*\n * Plugin Name: Object Cache Pro (Drop-in)\n */\nif ( class_exists( RedisCachePro\\Plugin::class ) ) {}", nil, "object-cache-pro", false, "Object Cache Pro"},
		{"Object Cache Pro, old folder installed", "<?php /* Plugin Name: Object Cache Pro (Drop-in) */", []string{"redis-cache-pro"}, "redis-cache-pro", false, "Object Cache Pro"},
		{"Memcached", "<?php\n/*\nPlugin Name: Memcached Object Cache\n*/", nil, "memcached", true, "Memcached"},
		{"SiteGround", "<?php // SG Optimizer memcached\n$sg = 'sg-cachepress';", nil, "sg-cachepress", false, "SG Optimizer"},
		{"Breeze", "<?php\n/** Breeze advanced-cache.php */\n$config = WP_CONTENT_DIR . '/breeze-config/breeze-config.php';", nil, "breeze", false, "Breeze"},
		{"Hummingbird", "<?php\n/* Hummingbird Advanced Caching */\ndefine( 'WPHB_ADVANCED_CACHE', true );", []string{"wp-hummingbird"}, "wp-hummingbird", false, "Hummingbird"},
		{"Cache Enabler", "<?php\n$cache_enabler_dir = '/www/wp-content/plugins/cache-enabler';\nrequire $cache_enabler_dir . '/inc/cache_enabler_engine.class.php';", nil, "cache-enabler", false, "folder"},
		{"Comet Cache", "<?php\nnamespace WebSharks\\CometCache; // COMET_CACHE_PRO", nil, "comet-cache", false, "COMET_CACHE"},
		{"Swift Performance Lite", "<?php // Swift Performance\ndefine( 'SWIFT_PERFORMANCE_CACHE', true );", []string{"swift-performance-lite"}, "swift-performance-lite", false, "Swift Performance"},
		{"unknown", "<?php\nfunction wpd_page_cache_lookup( $n ) {}\n", nil, "", false, ""},
		{"folder named beats a needle", "<?php // thanks LiteSpeed folks\ninclude WP_CONTENT_DIR . '/plugins/my-cache/serve.php';", nil, "my-cache", false, "folder"},
		{"an installed folder is preferred", "<?php // uses /plugins/old-cache/ or /plugins/new-cache/\n", []string{"new-cache"}, "new-cache", false, "folder"},
		{"file paths are not folders", "<?php include '/www/wp-content/plugins/index.php';", nil, "", false, ""},
		{"mu-plugins is not plugins", "<?php include '/www/wp-content/mu-plugins/host/cache.php';", nil, "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := &Inventory{Dropins: []Dropin{{File: "advanced-cache.php"}}}
			for _, s := range tt.installed {
				inv.Plugins = append(inv.Plugins, Plugin{File: s + "/" + s + ".php", Slug: s})
			}
			setOwner(&inv.Dropins[0], []byte(tt.code))
			inv.resolveOwners()
			d := inv.Dropins[0]
			if d.OwnerSlug != tt.owner || d.Standalone != tt.standalone {
				t.Fatalf("owner %q standalone %v (evidence %q), want %q %v", d.OwnerSlug, d.Standalone, d.OwnerEvidence, tt.owner, tt.standalone)
			}
			if !containsFold(d.OwnerEvidence, tt.evidenceHint) {
				t.Errorf("evidence %q, want it to mention %q", d.OwnerEvidence, tt.evidenceHint)
			}
			wantOrphan := tt.owner != "" && !tt.standalone && len(tt.installed) == 0
			if d.Orphaned != wantOrphan {
				t.Errorf("orphaned %v (%s), want %v", d.Orphaned, d.OrphanReason, wantOrphan)
			}
		})
	}
}

func containsFold(s, sub string) bool {
	return len(sub) == 0 || len(s) >= len(sub) && indexFold(s, sub) >= 0
}

func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if hasPrefixFold([]byte(s[i:]), sub) {
			return i
		}
	}
	return -1
}

func TestDisabledOwner(t *testing.T) {
	inv := &Inventory{
		Dropins: []Dropin{{File: "object-cache.php"}},
		Orphans: []Orphan{{Name: "redis-cache" + DisabledSuffix, DisabledSlug: "redis-cache"}},
	}
	setOwner(&inv.Dropins[0], []byte("<?php /* Plugin Name: Redis Object Cache Drop-In */"))
	inv.resolveOwners()
	d := inv.Dropins[0]
	if !d.Orphaned || d.OrphanReason != "its plugin redis-cache is disabled (renamed to redis-cache.wpdoctor-off)" {
		t.Errorf("%+v", d)
	}
}

func TestMentionsDir(t *testing.T) {
	tests := []struct {
		code, dir string
		want      bool
	}{
		{`require_once __DIR__ . '/lib/lib.php';`, "lib", true},
		{`require WPMU_PLUGIN_DIR.'/lib';`, "lib", true},
		{`require "lib/x.php";`, "lib", true},
		{`include dirname(__FILE__) . '\lib\x.php';`, "lib", true},
		{`$library = 1; // lib`, "lib", false},
		{`require __DIR__ . '/library/x.php';`, "lib", false},
		{`require __DIR__ . '/my-lib/x.php';`, "lib", false},
		{`lib`, "lib", true},
	}
	for _, tt := range tests {
		if got := mentionsDir([]byte(tt.code), tt.dir); got != tt.want {
			t.Errorf("mentionsDir(%q, %q) = %v, want %v", tt.code, tt.dir, got, tt.want)
		}
	}
	if !isDynamicLoader([]byte("foreach ( glob( __DIR__ . '/*/*.php' ) as $f ) require $f;")) ||
		isDynamicLoader([]byte("require __DIR__ . '/a.php';")) || isDynamicLoader([]byte("$x = glob('*');")) {
		t.Error("isDynamicLoader")
	}
}
