package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabFleetSites: the lab's fleet of small sites (`wplab up --sites N`,
// all of one account, PHP-FPM on demand) in a mix of scenarios, checked in
// one fleet run (diagnose only): each gets its verdict, every site is
// identical afterwards (issue 11: the lab grows to a fleet).
func TestLabFleetSites(t *testing.T) {
	f := labtest.Facts(t)
	if len(f.Fleet) < 6 {
		t.Fatalf("the lab has %d fleet sites, the test needs 6 (make lab-up brings them up)", len(f.Fleet))
	}
	want := []struct {
		scenario  string
		exit      int
		kind      diag.Kind
		component string
	}{
		{"healthy", 0, diag.KindHealthy, ""},
		{"fatal", 3, diag.KindPlugin, "plugin:wpd-fatal"},
		{"memory", 3, diag.KindPlugin, "plugin:wpd-memory-hog"},
		{"theme-broken", 3, diag.KindTheme, "theme:wpd-broken-theme"},
		{"crash", 4, diag.KindUnknown, ""},
		{"healthy", 0, diag.KindHealthy, ""},
	}
	sites := map[string]*lab.SiteFact{}
	before := map[string]siteState{}
	var aliases strings.Builder
	for i, w := range want {
		s := labtest.Site(t, f, f.Fleet[i].Name, w.scenario)
		sites["@"+s.Name] = s
		before[s.Name] = stateOf(t, f, s)
		fmt.Fprintf(&aliases, "@%s:\n  ssh: %s@127.0.0.1:%d%s\n  key: %s\n", s.Name, s.User, f.SSHPort, s.Root, f.Key)
	}
	dir := t.TempDir()
	for name, data := range map[string]string{"wp-cli.yml": aliases.String(), "global.yml": ""} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	code, doc, errb, took := fleetRun(t, ctx, dir, "@all", "--json", "--known-hosts", f.KnownHosts)
	t.Logf("fleet of %d small sites: %.1fs wall, exit %d", len(doc.Sites), took.Seconds(), code)
	if code != 4 || len(doc.Sites) != len(want) {
		t.Errorf("exit %d with %d sites, want 4 with %d\n%s", code, len(doc.Sites), len(want), errb)
	}
	for i, w := range want {
		name := "@" + f.Fleet[i].Name
		found := false
		for _, got := range doc.Sites {
			if got.Name != name {
				continue
			}
			found = true
			if got.Exit != w.exit || got.Report == nil || got.Report.Verdict.Kind != w.kind ||
				w.component != "" && strings.Join(got.Report.Verdict.Components, ",") != w.component {
				t.Errorf("%s (%s): exit %d error %q verdict %+v, want %d %s %s", name, w.scenario, got.Exit, got.Error, verdictOf(got.Report), w.exit, w.kind, w.component)
			}
		}
		if !found {
			t.Errorf("%s is not in the document", name)
		}
	}
	for name, s := range sites {
		if d := before[s.Name].diff(stateOf(t, f, s)); len(d) > 0 {
			t.Errorf("%s differs after the fleet run:\n%s", name, strings.Join(d, "\n"))
		}
	}
}

func verdictOf(r *diag.Report) any {
	if r == nil {
		return nil
	}
	return r.Verdict
}
