package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabPastFailures: a site whose failures are in its logs but not in the
// diagnosis' first probes. A plugin crashes /shop/ only: the front page
// answers normally, the logs hold the visitor's 502 for /shop/, and the
// diagnosis loads that page again, finds it failing and bisects it. Then,
// the plugin switched off, the same logs make it load the site again and
// say what they hold, and the verdict stays healthy.
func TestLabPastFailures(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "page-crash")
	if code := status(t, s.URL+"/"); code != http.StatusOK {
		t.Fatalf("front page answered %d, want 200", code)
	}
	if code := status(t, s.URL+"/shop/"); code != http.StatusBadGateway {
		t.Fatalf("/shop/ answered %d, want 502", code)
	}

	t.Run("failing page", func(t *testing.T) {
		before := stateOf(t, f, s)
		r := wpdoctor(t, t.TempDir(), nil, append([]string{"diagnose", "--auto-bisect", "--strategy", "db", "--json", "-q"}, target(f, s)...)...)
		if r.report == nil {
			t.Fatalf("exit %d, no report: %s", r.code, r.stderr)
		}
		v := r.report.Verdict
		if v.Kind != diag.KindPlugin || strings.Join(v.Components, ",") != "plugin:wpd-page-crash" || r.code != 3 {
			t.Errorf("verdict %s %v exit %d, want plugin:wpd-page-crash, 3\ncause: %s\nnotes: %v", v.Kind, v.Components, r.code, v.Cause, r.report.Notes)
		}
		shop := false
		for _, p := range r.report.Probes {
			shop = shop || strings.HasSuffix(p.URL, "/shop/") && p.Failures > 0
		}
		if !shop {
			t.Errorf("no failing probe of /shop/: %+v", r.report.Probes)
		}
		if !r.report.Restored {
			t.Errorf("not restored: %v", r.report.RestoreNotes)
		}
		if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
			t.Errorf("site differs after the run:\n%s", strings.Join(d, "\n"))
		}
		t.Logf("%d diagnosis and %d bisect probes, %s", r.report.DiagnosisProbes, r.report.ProbeCount, r.took)
	})

	t.Run("fixed since", func(t *testing.T) {
		labtest.Scenario(t, f, s.Name, "healthy")
		before := stateOf(t, f, s)
		r := wpdoctor(t, t.TempDir(), nil, append([]string{"diagnose", "--json", "-q"}, target(f, s)...)...)
		if r.report == nil {
			t.Fatalf("exit %d, no report: %s", r.code, r.stderr)
		}
		if v := r.report.Verdict; v.Kind != diag.KindHealthy || r.code != 0 {
			t.Errorf("verdict %s exit %d, want healthy, 0", v.Kind, r.code)
		}
		noted := false
		for _, n := range r.report.Notes {
			noted = noted || strings.Contains(n, "failure(s) from the 24 h before this run")
		}
		if !noted || r.report.DiagnosisProbes < 4+10 {
			t.Errorf("%d diagnosis probes, notes %v: want 10 more loads and a note on the logs", r.report.DiagnosisProbes, r.report.Notes)
		}
		if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
			t.Errorf("site differs after the run:\n%s", strings.Join(d, "\n"))
		}
	})
}

func status(t *testing.T, u string) int {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}
