package doctor

import (
	"slices"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/multisite"
)

func TestNetworkResolve(t *testing.T) {
	sub := &multisite.Network{Kind: multisite.Subdomain, MainSiteID: 1, Sites: []multisite.Site{
		{ID: 1, Domain: "uni.example"}, {ID: 2, Domain: "Chem.uni.example"}, {ID: 3, Domain: "law.uni.example:8443"}, {ID: 4, Domain: "own.example"}}}
	got := networkResolve([]string{"uni.example:443:10.0.0.5", "uni.example:80:10.0.0.5,10.0.0.6", "own.example:443:10.9.9.9", "bad"}, sub)
	want := []string{
		"chem.uni.example:443:10.0.0.5", "law.uni.example:443:10.0.0.5",
		"chem.uni.example:80:10.0.0.5,10.0.0.6", "law.uni.example:80:10.0.0.5,10.0.0.6", "own.example:80:10.0.0.5,10.0.0.6",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	dir := &multisite.Network{Kind: multisite.Subdirectory, MainSiteID: 1, Sites: sub.Sites}
	if got := networkResolve([]string{"uni.example:443:10.0.0.5"}, dir); got != nil {
		t.Errorf("a subdirectory network needs no entries: %v", got)
	}
	if got := networkResolve(nil, sub); got != nil {
		t.Errorf("no --resolve, no entries: %v", got)
	}
	if got := networkResolve([]string{"other.example:443:10.0.0.5"}, sub); got != nil {
		t.Errorf("an entry for another host extends nothing: %v", got)
	}
}

func TestScopeKeys(t *testing.T) {
	if (scope{}).opt("active_plugins") != "active_plugins" {
		t.Error("a single site's option is its plain name")
	}
	n := &multisite.Network{ID: 1, BasePrefix: "ms_", Plugins: multisite.NewSitewide([]multisite.NetworkPlugin{{File: "net/net.php", Time: 1700000000}})}
	main := multisite.Site{ID: 1, Prefix: "ms_", Main: true, ActivePlugins: []string{"a/a.php"}}
	s3 := multisite.Site{ID: 3, Prefix: "ms_3_", URL: "http://n.example/s3/", ActivePlugins: []string{"a/a.php", "net/net.php"}}
	n.Sites = []multisite.Site{main, s3}
	sc := scope{net: n, site: &n.Sites[1]}
	if sc.opt("template") != "[ms_3_options] template" || (scope{net: n, site: &n.Sites[0]}).opt("template") != "template" {
		t.Errorf("keys %q", sc.opt("template"))
	}
	if sc.sitewideKey() != "[ms_sitemeta 1] active_sitewide_plugins" {
		t.Errorf("sitewide key %q", sc.sitewideKey())
	}
	for file, want := range map[string]string{
		"a/a.php":     "active on site 3 (http://n.example/s3/)",
		"net/net.php": "network-activated and active on site 3 (http://n.example/s3/)",
		"b/b.php":     "",
	} {
		if got := sc.where(file); got != want {
			t.Errorf("where %s = %q, want %q", file, got, want)
		}
	}
	r := &Session{scope: sc}
	if got := r.pluginListRows(); !slices.Equal(got, []string{"[ms_sitemeta 1] active_sitewide_plugins", "active_plugins", "[ms_3_options] active_plugins"}) {
		t.Errorf("guarded lists %v", got)
	}
}
