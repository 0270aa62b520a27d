package e2e

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabMultisite: the lab's subdirectory network (site5: main site and
// sub-sites 2, 3, 4) broken four ways, diagnosed and bisected with
// --auto-bisect with the db, rename and isolated strategies. The failing site
// is named by --site N or by its URL, or found (the first that fails,
// the main site healthy); the bisect switches the network's
// plugins (active_sitewide_plugins) and the site's own (its
// active_plugins) where each lives, or the sub-site's theme; the verdict
// says where the culprit is active; and every file, every option row of
// every site and every sitemeta row is as before, the network plugins'
// activation times included (issue 13).
func TestLabMultisite(t *testing.T) {
	f := labtest.Facts(t)
	if len(f.Networks) == 0 {
		t.Fatal("the lab has no multisite network (bring the lab up again)")
	}
	s := &f.Networks[0]
	cases := []struct {
		scenario string
		site     int64  // the site diagnosed
		name     string // how it is named: "--site", "--site-url", or "" (wpdoctor finds it)
		culprit  string
		kind     diag.Kind
		where    string // in the verdict: where the culprit is active
		failing  []int64
	}{
		{"ms-network-crash", 1, "", "plugin:wpd-crash", diag.KindPlugin, "plugin:wpd-crash is network-activated", []int64{1, 2, 3, 4}},
		{"ms-site-crash", 3, "--site-url", "plugin:wpd-crash", diag.KindPlugin, "plugin:wpd-crash is active on site 3", []int64{3}},
		{"ms-conflict", 2, "", "plugin:wpd-conflict-a,plugin:wpd-conflict-b", diag.KindPlugin, "plugin:wpd-conflict-a is network-activated; plugin:wpd-conflict-b is active on site 2", []int64{2}},
		{"ms-theme-broken", 4, "--site", "theme:wpd-broken-theme", diag.KindTheme, "theme:wpd-broken-theme is the theme of site 4", []int64{4}},
	}
	for _, strategy := range []string{"db", "rename", "isolated"} {
		for _, c := range cases {
			t.Run(strategy+"/"+c.scenario, func(t *testing.T) {
				labtest.Site(t, f, s.Name, c.scenario)
				before := stateOf(t, f, s)
				args := []string{"diagnose", "--auto-bisect", "--json", "-q", "--strategy", strategy}
				switch c.name {
				case "--site-url":
					args = append(args, "--site-url", subURL(s, c.site))
				case "--site":
					args = append(args, "--site", strconv.FormatInt(c.site, 10))
				}
				r := wpdoctor(t, t.TempDir(), nil, append(args, target(f, s)...)...)
				if r.report == nil {
					t.Fatalf("exit %d, no report: %s", r.code, r.stderr)
				}
				rep := r.report
				v := rep.Verdict
				if v.Kind != c.kind || strings.Join(v.Components, ",") != c.culprit {
					t.Errorf("verdict %s %v, want %s %s\ncause: %s\nnotes: %v", v.Kind, v.Components, c.kind, c.culprit, v.Cause, rep.Notes)
				}
				if !strings.Contains(v.Cause, c.where) {
					t.Errorf("the cause does not say %q: %s", c.where, v.Cause)
				}
				if r.code != 3 {
					t.Errorf("exit %d, want 3", r.code)
				}
				if rep.Bisect == nil || rep.Bisect.Strategy != strategy {
					t.Errorf("bisect %+v, want the %s strategy", rep.Bisect, strategy)
				}
				n := rep.Network
				if n == nil || n.Site != c.site || len(n.Sites) != 4 {
					t.Fatalf("network part %+v, want site %d diagnosed among 4", n, c.site)
				}
				if want := strings.TrimRight(subURL(s, c.site), "/"); rep.URL != want {
					t.Errorf("the report's URL is %s, want site %d's %s", rep.URL, c.site, want)
				}
				var failing []int64
				for _, ns := range n.Sites {
					if ns.Failing {
						failing = append(failing, ns.ID)
					}
				}
				slices.Sort(failing)
				if fmt.Sprint(failing) != fmt.Sprint(c.failing) {
					t.Errorf("failing sites %v, want %v (%+v)", failing, c.failing, n.Sites)
				}
				if !rep.Restored {
					t.Errorf("not restored: %v", rep.RestoreNotes)
				}
				if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
					t.Errorf("site differs after the run:\n%s", strings.Join(d, "\n"))
				}
				t.Logf("%s %s: %s %v, %d diagnosis and %d bisect probes, %s", strategy, c.scenario, v.Kind, v.Components, rep.DiagnosisProbes, rep.ProbeCount, r.took)
			})
		}
	}
}

// subURL is the front page URL of the network's site id.
func subURL(s *lab.SiteFact, id int64) string {
	for _, sub := range s.SubSites {
		if sub.ID == id {
			return sub.URL
		}
	}
	return s.URL + "/"
}

// TestLabMultisiteKilled kills a db-strategy bisect of a network after each
// of its changes (sub-site 2 diagnosed: each probe may write the network's
// active_sitewide_plugins and the sub-site's active_plugins), and checks
// that `wpdoctor restore` gives back every row of every table, the
// activation times included.
func TestLabMultisiteKilled(t *testing.T) {
	f := labtest.Facts(t)
	if len(f.Networks) == 0 {
		t.Fatal("the lab has no multisite network (bring the lab up again)")
	}
	s := labtest.Site(t, f, f.Networks[0].Name, "ms-network-crash")
	args := append([]string{"diagnose", "--auto-bisect", "--strategy", "db", "--site", "2", "--json", "-q"}, target(f, s)...)
	n := killAfterEachChange(t, f, s, args, 30, killHooks{})
	if n < 3 {
		t.Errorf("the run made %d changes: the bisect wrote too little to test", n)
	}
	t.Logf("killed after each of %d changes, restored every time", n)
}

// TestLabMultisiteCorruptNetworkList: the network's active_sitewide_plugins
// is cut short (WordPress then loads no network plugin) while a sub-site's
// own plugin crashes it. Which plugins load cannot be read from the row, so
// the bisect renames every installed plugin folder in turn; it finds the
// culprit and leaves the corrupt row byte for byte as it was.
func TestLabMultisiteCorruptNetworkList(t *testing.T) {
	f := labtest.Facts(t)
	if len(f.Networks) == 0 {
		t.Fatal("the lab has no multisite network (bring the lab up again)")
	}
	s := labtest.Site(t, f, f.Networks[0].Name, "ms-site-crash")
	db := siteDB(t, f, s)
	defer db.Close()
	if _, err := db.Exec("UPDATE `"+s.Prefix+"sitemeta` SET meta_value = ? WHERE meta_key = 'active_sitewide_plugins'", `a:2:{s:13:"wpd-hello.php";i:17`); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, f, s)
	r := wpdoctor(t, t.TempDir(), nil, append([]string{"diagnose", "--auto-bisect", "--json", "-q"}, target(f, s)...)...)
	if r.report == nil {
		t.Fatalf("exit %d, no report: %s", r.code, r.stderr)
	}
	rep := r.report
	if r.code != 3 || strings.Join(rep.Verdict.Components, ",") != "plugin:wpd-crash" || rep.Network == nil || rep.Network.Site != 3 {
		t.Errorf("exit %d, verdict %v, network %+v: want plugin:wpd-crash on site 3", r.code, rep.Verdict.Components, rep.Network)
	}
	if rep.Bisect == nil || rep.Bisect.Strategy != "rename" || len(rep.Bisect.Stages) == 0 || rep.Bisect.Stages[0].Candidates < 20 {
		t.Errorf("bisect %+v, want every plugin folder renamed in turn", rep.Bisect)
	}
	if d := before.diff(stateOf(t, f, s)); len(d) > 0 || !rep.Restored {
		t.Errorf("restored %v; site differs after the run:\n%s", rep.Restored, strings.Join(d, "\n"))
	}
}
