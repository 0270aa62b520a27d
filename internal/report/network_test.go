package report

import (
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/multisite"
	"github.com/wpdoctor/wpdoctor/internal/wp"
)

func infoText(t *testing.T, in *diag.SiteInfo) string {
	t.Helper()
	var b strings.Builder
	if err := Info(&b, in); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestInfoSingleSiteHasNoNetwork(t *testing.T) {
	in := &diag.SiteInfo{Target: "/srv/www", Config: &wp.Config{}, Theme: inventory.ActiveTheme{Stylesheet: "child", Template: "parent"}}
	out := infoText(t, in)
	for _, s := range []string{"Network", "Net plugins", "Site 1"} {
		if strings.Contains(out, s) {
			t.Errorf("single site shows %q:\n%s", s, out)
		}
	}
	if !strings.Contains(out, "Multisite   false\n") || !strings.Contains(out, "Theme       child (child of parent)\n") {
		t.Errorf("single site:\n%s", out)
	}
}

func TestInfoNetwork(t *testing.T) {
	plugins := multisite.NewSitewide([]multisite.NetworkPlugin{{File: "akismet/akismet.php", Time: 1700000000}, {File: "hello.php", Time: 1712345678}})
	in := &diag.SiteInfo{Target: "/srv/www", Config: &wp.Config{Multisite: true}, Multisite: true,
		Plugins:              []inventory.Plugin{{File: "akismet/akismet.php", Name: "Akismet", Version: "5.3", NetworkActive: true}},
		MissingNetworkActive: []string{"hello.php"},
		Network: &multisite.Network{ID: 1, Kind: multisite.Subdirectory, Domain: "uni.example", Path: "/", BasePrefix: "wp_", MainSiteID: 1,
			Plugins: plugins,
			Sites: []multisite.Site{
				{ID: 1, URL: "https://uni.example/", Prefix: "wp_", Main: true, Stylesheet: "uni-child", Template: "uni", ActivePlugins: []string{"a/a.php"}},
				{ID: 2, URL: "https://uni.example/chem/", Prefix: "wp_2_", Stylesheet: "twentytwentyfour", Template: "twentytwentyfour", ActivePlugins: []string{"a/a.php", "b/b.php"}},
				{ID: 7, URL: "https://uni.example/lost/", Prefix: "wp_7_", Err: "read the options of site 7: no table wp_7_options"},
			}}}
	out := infoText(t, in)
	want := `Multisite   true
Network     subdirectory, 3 sites at uni.example/ (network 1, main site 1, base prefix wp_)
Site 1      https://uni.example/ (main), prefix wp_ — theme uni-child (child of uni), 1 own plugin
Site 2      https://uni.example/chem/, prefix wp_2_ — theme twentytwentyfour, 2 own plugins
Site 7      https://uni.example/lost/, prefix wp_7_ — NOT READ: read the options of site 7: no table wp_7_options
Net plugins 2 network-active
            akismet/akismet.php                      since 2023-11-14 22:13 UTC
            hello.php                                since 2024-04-05 19:34 UTC
`
	if !strings.Contains(out, want) {
		t.Errorf("network:\n%s\nwant:\n%s", out, want)
	}
	for _, s := range []string{
		"Plugins     1 installed, 1 active\n",
		"            network-active akismet/akismet.php",
		"            MISSING  hello.php (network-active, but its file is gone)\n",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("missing %q in:\n%s", s, out)
		}
	}

	in.Network.Plugins, in.Network.PluginsErr = multisite.Sitewide{}, "read active_sitewide_plugins of network 1: active_sitewide_plugins is corrupt"
	if out := infoText(t, in); !strings.Contains(out, "Net plugins NOT READ: read active_sitewide_plugins of network 1: active_sitewide_plugins is corrupt\n") {
		t.Errorf("corrupt sitewide:\n%s", out)
	}

	in.Network, in.NetworkErr = nil, "list the sites of network 1: WordPress tables not found: no table wp_blogs"
	if out := infoText(t, in); !strings.Contains(out, "Multisite   true\nNetwork     not read: list the sites of network 1: WordPress tables not found: no table wp_blogs\n") {
		t.Errorf("network not read:\n%s", out)
	}
}

func TestInfoLargeNetwork(t *testing.T) {
	n := &multisite.Network{Kind: multisite.Subdomain, Domain: "big.example", Path: "/"}
	for i := range 120 {
		n.Sites = append(n.Sites, multisite.Site{ID: int64(i + 1), URL: "https://s.big.example/"})
	}
	out := infoText(t, &diag.SiteInfo{Config: &wp.Config{Multisite: true}, Multisite: true, Network: n})
	if got := strings.Count(out, "\nSite "); got != maxSiteLines {
		t.Errorf("%d site lines", got)
	}
	if !strings.Contains(out, "subdomain, 120 sites at big.example/") || !strings.Contains(out, "… and 70 more (--json lists them all)\n") {
		t.Errorf("large network:\n%s", out)
	}
}

func TestNetworkLine(t *testing.T) {
	if NetworkLine(nil) != "" {
		t.Error("a single site has a network line")
	}
	n := &diag.NetworkReport{Type: "subdirectory", Site: 3, Sites: []diag.NetworkSite{
		{ID: 3, Diagnosed: true, Failing: true}, {ID: 1, Main: true}, {ID: 2}, {ID: 4, Failing: true}}, NotProbed: 2,
		Culprit: "plugin:x is active on site 3 (http://n.example/s3/)"}
	want := "subdirectory network, site 3 diagnosed; 4 sites loaded: failing 3, 4; healthy 1, 2 (2 more not loaded); plugin:x is active on site 3 (http://n.example/s3/)"
	if got := NetworkLine(n); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	n = &diag.NetworkReport{Type: "subdomain", Site: 1, Sites: []diag.NetworkSite{{ID: 1, Failing: true}, {ID: 2, Failing: true}}}
	if got := NetworkLine(n); got != "subdomain network, site 1 diagnosed; 2 sites loaded: every one fails" {
		t.Errorf("got %s", got)
	}
	var html strings.Builder
	if err := HTML(&html, &diag.Report{URL: "http://n.example/s3", Network: n}); err != nil || !strings.Contains(html.String(), "<p>Network: subdomain network, site 1 diagnosed") {
		t.Errorf("HTML: %v\n%s", err, html.String())
	}
}
