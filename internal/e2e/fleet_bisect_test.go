package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabFleetAutoBisect: a fleet run with --auto-bisect runs to the end on
// three broken sites at once (a crash over SSH, a fatal error, a crash on
// the SFTP-only account), names each culprit as the site's own run would,
// and leaves every site as it was.
func TestLabFleetAutoBisect(t *testing.T) {
	f := labtest.Facts(t)
	scen := map[string]string{"site1": "crash", "site2": "fatal", "site3": "crash"}
	want := map[string]string{"@site1": "plugin:wpd-crash", "@site2": "plugin:wpd-fatal", "@site3": "plugin:wpd-crash"}
	sites := map[string]*lab.SiteFact{}
	before := map[string]siteState{}
	for name, sc := range scen {
		sites[name] = labtest.Site(t, f, name, sc)
		before[name] = stateOf(t, f, sites[name])
	}
	dir := fleetAliases(t, f, "")
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	code, doc, errb, took := fleetRun(t, ctx, dir, "@site1", "@site2", "@site3", "--auto-bisect", "--json",
		"--known-hosts", f.KnownHosts, "--concurrency", "3", "--bisect-concurrency", "3")
	if code != 3 || len(doc.Sites) != len(want) {
		t.Errorf("exit %d with %d sites, want 3 with %d\nstderr:\n%s", code, len(doc.Sites), len(want), errb)
	}
	for _, e := range doc.Sites {
		if e.Report == nil {
			t.Errorf("%s: exit %d, no report: %s", e.Name, e.Exit, e.Error)
			continue
		}
		v := e.Report.Verdict
		if e.Exit != 3 || v.Kind != diag.KindPlugin || strings.Join(v.Components, ",") != want[e.Name] {
			t.Errorf("%s: exit %d verdict %s %v, want 3 %s", e.Name, e.Exit, v.Kind, v.Components, want[e.Name])
		}
		if e.Report.Bisect == nil && e.Name != "@site2" { // site2's fatal may be confirmed from the logs alone
			t.Errorf("%s: no bisect in the report", e.Name)
		}
		if !e.Report.Restored {
			t.Errorf("%s: not restored: %v", e.Name, e.Report.RestoreNotes)
		}
		t.Logf("%s: %v, %d bisect probes", e.Name, v.Components, e.Report.ProbeCount)
	}
	for name, s := range sites {
		if d := before[name].diff(stateOf(t, f, s)); len(d) > 0 {
			t.Errorf("%s differs after the fleet run:\n%s", name, strings.Join(d, "\n"))
		}
	}
	t.Logf("fleet --auto-bisect of 3 broken sites: %.1fs wall", took.Seconds())
}
