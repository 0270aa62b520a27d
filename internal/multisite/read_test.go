package multisite

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// fakeDB is a network in memory: blogs per network, sitemeta per network
// and options per table prefix. A prefix in noTable has no options table.
type fakeDB struct {
	prefix  string
	blogs   map[int64][]Blog
	meta    map[int64]map[string]string
	options map[string]map[string]string
	noTable map[string]bool
	blogErr error
	metaErr error

	mu    sync.Mutex
	reads []string // prefixes whose options were read
}

var errNoTable = errors.New("WordPress tables not found")

func (f *fakeDB) Prefix() string { return f.prefix }

func (f *fakeDB) Blogs(_ context.Context, network int64) ([]Blog, error) {
	if f.blogErr != nil {
		return nil, f.blogErr
	}
	return f.blogs[network], nil
}

func (f *fakeDB) SiteMeta(_ context.Context, network int64, key string) ([]byte, bool, error) {
	if f.metaErr != nil {
		return nil, false, f.metaErr
	}
	v, ok := f.meta[network][key]
	return []byte(v), ok, nil
}

func (f *fakeDB) Options(_ context.Context, prefix string, names ...string) (map[string][]byte, error) {
	f.mu.Lock()
	f.reads = append(f.reads, prefix)
	f.mu.Unlock()
	if f.noTable[prefix] {
		return nil, errors.New("no table " + prefix + "options: " + errNoTable.Error())
	}
	out := map[string][]byte{}
	for _, n := range names {
		if v, ok := f.options[prefix][n]; ok {
			out[n] = []byte(v)
		}
	}
	return out, nil
}

// university is a subdirectory network of three live sites (4 was
// deleted, so Blogs does not list it).
func university() *fakeDB {
	return &fakeDB{
		prefix: "wp_",
		blogs: map[int64][]Blog{1: {
			{ID: 3, Domain: "uni.example", Path: "/physics/"},
			{ID: 1, Domain: "uni.example", Path: "/"},
			{ID: 2, Domain: "uni.example", Path: "/chem/"},
		}},
		meta: map[int64]map[string]string{1: {"active_sitewide_plugins": three}},
		options: map[string]map[string]string{
			"wp_":   {"active_plugins": `a:1:{i:0;s:19:"classic/classic.php";}`, "stylesheet": "uni-child", "template": "uni", "home": "https://uni.example"},
			"wp_2_": {"active_plugins": `a:2:{i:0;s:11:"lab/lab.php";i:1;s:14:"forms/form.php";}`, "stylesheet": "twentytwentyfour", "template": "twentytwentyfour", "home": "https://uni.example/chem"},
			"wp_3_": {"stylesheet": "twentytwentyfour", "template": "twentytwentyfour"}, // no active_plugins row, no home
		},
	}
}

func TestRead(t *testing.T) {
	db := university()
	n, err := Read(context.Background(), db, Config{Domain: "uni.example", Path: "/"})
	if err != nil {
		t.Fatal(err)
	}
	if n.ID != 1 || n.Kind != Subdirectory || n.Domain != "uni.example" || n.Path != "/" || n.BasePrefix != "wp_" || n.MainSiteID != 1 || n.PluginsErr != "" {
		t.Errorf("network = %+v", n)
	}
	if got := string(n.Plugins.Serialize()); got != three {
		t.Errorf("network plugins = %s", got)
	}
	want := []Site{
		{ID: 1, Domain: "uni.example", Path: "/", URL: "https://uni.example/", Home: "https://uni.example", Prefix: "wp_", Main: true,
			ActivePlugins: []string{"classic/classic.php"}, Stylesheet: "uni-child", Template: "uni"},
		{ID: 2, Domain: "uni.example", Path: "/chem/", URL: "https://uni.example/chem/", Home: "https://uni.example/chem", Prefix: "wp_2_",
			ActivePlugins: []string{"lab/lab.php", "forms/form.php"}, Stylesheet: "twentytwentyfour", Template: "twentytwentyfour"},
		{ID: 3, Domain: "uni.example", Path: "/physics/", URL: "https://uni.example/physics/", Prefix: "wp_3_", // scheme from the main site
			ActivePlugins: []string{}, Stylesheet: "twentytwentyfour", Template: "twentytwentyfour"},
	}
	if !reflect.DeepEqual(n.Sites, want) {
		t.Errorf("sites:\n got %+v\nwant %+v", n.Sites, want)
	}
	if m := n.Main(); m == nil || m.ID != 1 {
		t.Errorf("Main = %+v", m)
	}
	if s := n.SiteFor("https://uni.example/chem/wp-admin/"); s == nil || s.ID != 2 {
		t.Errorf("SiteFor chem = %+v", s)
	}
}

func TestReadMainSite(t *testing.T) {
	blogs := []Blog{{ID: 1, Domain: "a.example", Path: "/"}, {ID: 5, Domain: "www.b.example", Path: "/"}, {ID: 6, Domain: "b.example", Path: "/"}}
	tests := []struct {
		name     string
		blogs    []Blog
		cfg      Config
		main     int64
		domain   string
		kind     Kind
		network  int64
		mainPref string
	}{
		{"defaults: site 1", blogs, Config{}, 1, "a.example", Subdirectory, 1, "wp_"},
		{"BLOG_ID_CURRENT_SITE", blogs, Config{MainSiteID: 5, Domain: "www.b.example", Path: "/"}, 5, "www.b.example", Subdirectory, 1, "wp_5_"},
		{"DOMAIN_CURRENT_SITE and PATH_CURRENT_SITE", blogs, Config{Domain: "B.example:80", Path: ""}, 6, "B.example:80", Subdomain, 1, "wp_6_"},
		{"site 1 deleted", blogs[1:], Config{}, 5, "www.b.example", Subdirectory, 1, "wp_5_"},
		{"second network", blogs, Config{NetworkID: 2}, 1, "a.example", Subdirectory, 2, "wp_"},
	}
	for _, tt := range tests {
		db := &fakeDB{prefix: "wp_", blogs: map[int64][]Blog{tt.network: tt.blogs}}
		cfg := tt.cfg
		cfg.Subdomain = tt.kind == Subdomain
		n, err := Read(context.Background(), db, cfg)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if n.MainSiteID != tt.main || n.Domain != tt.domain || n.Path != "/" || n.Kind != tt.kind || n.ID != tt.network || n.Main().Prefix != tt.mainPref {
			t.Errorf("%s: network %d %s, main %d at %s%s with prefix %s", tt.name, n.ID, n.Kind, n.MainSiteID, n.Domain, n.Path, n.Main().Prefix)
		}
		if n.Plugins.Len() != 0 || n.PluginsErr != "" {
			t.Errorf("%s: no sitemeta row gave %v, %q", tt.name, n.Plugins.Files(), n.PluginsErr)
		}
		if n.Main().URL != "http://"+n.Main().Domain+"/" {
			t.Errorf("%s: main URL %s", tt.name, n.Main().URL)
		}
	}
}

func TestReadErrors(t *testing.T) {
	ctx := context.Background()

	db := university()
	db.blogErr = errors.New("no table wp_blogs: " + errNoTable.Error())
	if n, err := Read(ctx, db, Config{}); n != nil || err == nil || !strings.Contains(err.Error(), "list the sites of network 1") || !strings.Contains(err.Error(), "wp_blogs") {
		t.Errorf("missing blogs table: %v, %v", n, err)
	}

	if _, err := Read(ctx, university(), Config{NetworkID: 7}); !errors.Is(err, ErrNoSites) || !strings.Contains(err.Error(), "site_id 7") {
		t.Errorf("no sites: %v", err)
	}

	// A corrupt network option, a sub-site without tables and a sub-site
	// with corrupt active_plugins: the rest of the network is still read.
	db = university()
	db.meta[1]["active_sitewide_plugins"] = `a:2:{s:5:"a.php";i:1;}`
	db.noTable = map[string]bool{"wp_3_": true}
	db.options["wp_2_"]["active_plugins"] = "a:1:{i:0;s:3:\"x\"}"
	n, err := Read(ctx, db, Config{})
	if err != nil {
		t.Fatal(err)
	}
	if n.Plugins.Len() != 0 || !strings.Contains(n.PluginsErr, "active_sitewide_plugins is corrupt") {
		t.Errorf("corrupt sitewide: %v, %q", n.Plugins.Files(), n.PluginsErr)
	}
	if s := n.Site(3); s == nil || !strings.Contains(s.Err, "read the options of site 3") || !strings.Contains(s.Err, "wp_3_options") || s.URL != "https://uni.example/physics/" {
		t.Errorf("site 3 = %+v", s)
	}
	if s := n.Site(2); s == nil || !strings.Contains(s.Err, "parse active_plugins") || len(s.ActivePlugins) != 0 || s.Stylesheet != "twentytwentyfour" {
		t.Errorf("site 2 = %+v", s)
	}
	if s := n.Site(1); s == nil || s.Err != "" || len(s.ActivePlugins) != 1 {
		t.Errorf("site 1 = %+v", s)
	}

	db = university()
	db.metaErr = errors.New("no table wp_sitemeta")
	if n, err := Read(ctx, db, Config{}); err != nil || !strings.Contains(n.PluginsErr, "wp_sitemeta") || len(n.Sites) != 3 {
		t.Errorf("missing sitemeta: %+v, %v", n, err)
	}

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Read(cctx, university(), Config{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestReadEachSiteOnce(t *testing.T) {
	db := university()
	if _, err := Read(context.Background(), db, Config{}); err != nil {
		t.Fatal(err)
	}
	if len(db.reads) != 3 {
		t.Errorf("options read %d times (%v), want once per site", len(db.reads), db.reads)
	}
}
