package doctor

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/multisite"
)

// fakeNetworkDB is a network's tables in memory: the site 1 options are
// the fake site's own option table.
type fakeNetworkDB struct {
	site1    *fakeDB
	blogs    []multisite.Blog
	sitewide string
	options  map[string]map[string]string // by prefix, for sites > 1
	blogsErr error
}

func (d *fakeNetworkDB) Prefix() string { return "wp_" }

func (d *fakeNetworkDB) Blogs(_ context.Context, network int64) ([]multisite.Blog, error) {
	if network != 1 {
		return nil, nil
	}
	return d.blogs, d.blogsErr
}

func (d *fakeNetworkDB) SiteMeta(_ context.Context, network int64, key string) ([]byte, bool, error) {
	if network != 1 || key != multisite.SitewideKey {
		return nil, false, nil
	}
	return []byte(d.sitewide), true, nil
}

func (d *fakeNetworkDB) Options(ctx context.Context, prefix string, names ...string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, n := range names {
		if prefix == "wp_" {
			if v, ok, _ := d.site1.Option(ctx, n); ok {
				out[n] = v
			}
		} else if v, ok := d.options[prefix][n]; ok {
			out[n] = []byte(v)
		}
	}
	return out, nil
}

const networkConfigPHP = `<?php
define( 'DB_NAME', 'shop' );
define( 'DB_USER', 'shop' );
define( 'DB_PASSWORD', 'not-a-real-secret' );
define( 'DB_HOST', 'localhost' );
define( 'WP_ALLOW_MULTISITE', true );
define( 'MULTISITE', true );
define( 'SUBDOMAIN_INSTALL', true );
define( 'DOMAIN_CURRENT_SITE', 'shop.test' );
define( 'PATH_CURRENT_SITE', '/' );
define( 'SITE_ID_CURRENT_SITE', 1 );
define( 'BLOG_ID_CURRENT_SITE', 1 );
$table_prefix = 'wp_';
require_once ABSPATH . 'wp-settings.php';
`

// Inspect on a network: the sites, their themes and plugins, and the
// network-activated plugins marked in the inventory; nothing changes.
func TestInspectNetwork(t *testing.T) {
	f := newFakeSite(t, "", "alpha", "beta")
	f.write("wp-config.php", networkConfigPHP)
	f.db.set("active_plugins", phpList("alpha/alpha.php"))
	ndb := &fakeNetworkDB{site1: f.db,
		blogs:    []multisite.Blog{{ID: 1, Domain: "shop.test", Path: "/"}, {ID: 2, Domain: "outlet.shop.test", Path: "/"}},
		sitewide: `a:2:{s:13:"beta/beta.php";i:1700000000;s:8:"gone.php";i:1700000001;}`,
		options:  map[string]map[string]string{"wp_2_": {"active_plugins": phpList("alpha/alpha.php"), "stylesheet": "twentytwentyfour", "template": "twentytwentyfour", "home": "https://outlet.shop.test"}},
	}
	before := f.snapshot()
	s := f.load()
	s.NetworkDB = ndb
	info := Inspect(context.Background(), s)
	n := info.Network
	if info.NetworkErr != "" || n == nil || n.Kind != multisite.Subdomain || len(n.Sites) != 2 || n.MainSiteID != 1 {
		t.Fatalf("network %+v, err %q", n, info.NetworkErr)
	}
	if s1, s2 := n.Site(1), n.Site(2); s1.URL != "http://shop.test/" || s1.Stylesheet != "shoptheme" || len(s1.ActivePlugins) != 1 ||
		s2.URL != "https://outlet.shop.test/" || s2.Prefix != "wp_2_" || s2.Stylesheet != "twentytwentyfour" {
		t.Errorf("sites %+v", n.Sites)
	}
	if got := strings.Join(n.Plugins.Files(), ","); got != "beta/beta.php,gone.php" {
		t.Errorf("network plugins %s", got)
	}
	for _, p := range info.Plugins {
		if p.Active != (p.File == "alpha/alpha.php") || p.NetworkActive != (p.File == "beta/beta.php") {
			t.Errorf("plugin %s active %v network-active %v", p.File, p.Active, p.NetworkActive)
		}
	}
	if strings.Join(info.MissingNetworkActive, ",") != "gone.php" {
		t.Errorf("missing network-active %q", info.MissingNetworkActive)
	}
	b, _ := json.Marshal(info)
	if !strings.Contains(string(b), `"network_plugins":[{"file":"beta/beta.php","activated":1700000000},{"file":"gone.php","activated":1700000001}]`) {
		t.Errorf("JSON: %s", b)
	}
	assertSame(t, before, f.snapshot(), "inspect a network")

	ndb.blogsErr = errors.New("no table wp_blogs")
	if info := Inspect(context.Background(), s); info.Network != nil || !strings.Contains(info.NetworkErr, "no table wp_blogs") || len(info.Plugins) != 2 {
		t.Errorf("no blogs table: %+v", info)
	}
	s.NetworkDB = nil
	if info := Inspect(context.Background(), s); info.Network != nil || info.NetworkErr != errNoNetworkDB.Error() {
		t.Errorf("no database: %q", info.NetworkErr)
	}
}

// A single site's info has no network, in Go or in JSON.
func TestInspectSingleSiteHasNoNetwork(t *testing.T) {
	f := newFakeSite(t, "", "alpha")
	s := f.load()
	s.NetworkDB = &fakeNetworkDB{site1: f.db}
	info := Inspect(context.Background(), s)
	b, _ := json.Marshal(info)
	if info.Network != nil || info.NetworkErr != "" || strings.Contains(string(b), `"network":{`) || strings.Contains(string(b), `"network_error"`) || strings.Contains(string(b), "current_site") {
		t.Errorf("single site: %s", b)
	}
}
