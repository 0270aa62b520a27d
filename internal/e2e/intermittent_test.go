package e2e

import (
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabIntermittent: a plugin that crashes the worker on about half of
// the requests is found by the intermittent search, with both strategies,
// at the stated confidence, and the site is left as it was.
func TestLabIntermittent(t *testing.T) {
	f := labtest.Facts(t)
	for _, strategy := range []string{"db", "rename"} {
		t.Run(strategy, func(t *testing.T) {
			s := labtest.Site(t, f, "site1", "flaky")
			before := stateOf(t, f, s)
			args := append([]string{"diagnose", "--auto-bisect", "--strategy", strategy, "--json", "-q"}, target(f, s)...)
			r := wpdoctor(t, t.TempDir(), nil, args...)
			// A 50% failure answers all 4 diagnosis probes normally once in
			// 16 runs (the failures the logs hold are wpdoctor's own probes,
			// which do not count as a visitor's): that run rightly says
			// healthy. Try again (3 such runs in a row: 1 in 4096).
			for i := 0; i < 2 && r.report != nil && r.report.Verdict.Kind == diag.KindHealthy; i++ {
				t.Logf("every diagnosis probe answered normally: running again")
				r = wpdoctor(t, t.TempDir(), nil, args...)
			}
			if r.report == nil {
				t.Fatalf("exit %d, no report: %s", r.code, r.stderr)
			}
			v := r.report.Verdict
			if v.Kind != diag.KindPlugin || strings.Join(v.Components, ",") != "plugin:wpd-flaky" {
				t.Errorf("verdict %s %v, want plugin:wpd-flaky\ncause: %s\nnotes: %v", v.Kind, v.Components, v.Cause, r.report.Notes)
			}
			if r.code != 3 {
				t.Errorf("exit %d, want 3", r.code)
			}
			if b := r.report.Bisect; b == nil || len(b.Stages) == 0 || b.Stages[0].Confidence < 0.99 {
				t.Errorf("bisect %+v: want the plugin stage found at ≥ 99%%", b)
			}
			if !r.report.Restored {
				t.Errorf("not restored: %v", r.report.RestoreNotes)
			}
			if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
				t.Errorf("site differs after the run:\n%s", strings.Join(d, "\n"))
			}
			t.Logf("flaky/%s: %d bisect probes, %s", strategy, r.report.ProbeCount, r.took)
		})
	}
}
