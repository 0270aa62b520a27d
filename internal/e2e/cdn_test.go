package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabCDN: the site is reached through the lab's Cloudflare stand-in,
// which answers with its own branded 502 page whenever the hop behind it
// fails. wpdoctor probes the origin directly (at the address the site's
// nginx block listens on) before deciding: an origin that fails too is
// diagnosed and bisected as usual, with the probes sent to the origin; an
// origin that answers well puts the blame on the CDN (issue 14, defect 12).
func TestLabCDN(t *testing.T) {
	f := labtest.Facts(t)
	if f.CDN == "" {
		t.Fatal("the lab facts name no CDN stand-in: bring the lab up again")
	}
	cases := []struct {
		name, site, scenario, via string
		kind                      diag.Kind
		components                []string
		exit                      int
		originFails               bool
	}{
		{"origin crashes", "site1", "crash", f.CDN, diag.KindPlugin, []string{"plugin:wpd-crash"}, 3, true},
		{"origin fatal", "site2", "fatal", f.CDN, diag.KindPlugin, []string{"plugin:wpd-fatal"}, 3, false},
		{"cdn link down", "site1", "healthy", f.CDNBroken, diag.KindServer, []string{"server:cdn-cloudflare"}, 4, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := labtest.Site(t, f, c.site, c.scenario)
			before := stateOf(t, f, s)
			resolve := fmt.Sprintf("127.0.0.1:%d:%s", s.Port, c.via) // the site's name points at the CDN
			r := wpdoctor(t, t.TempDir(), nil, append([]string{"diagnose", "--auto-bisect", "--json", "-q", "--resolve", resolve}, target(f, s)...)...)
			if r.report == nil {
				t.Fatalf("exit %d, no report: %s", r.code, r.stderr)
			}
			v := r.report.Verdict
			if v.Kind != c.kind || strings.Join(v.Components, ",") != strings.Join(c.components, ",") {
				t.Errorf("verdict %s %v, want %s %v\ncause: %s\nnotes: %v", v.Kind, v.Components, c.kind, c.components, v.Cause, r.report.Notes)
			}
			if r.code != c.exit {
				t.Errorf("exit %d, want %d", r.code, c.exit)
			}
			var edge, origin *diag.ProbeResult
			for i, p := range r.report.Probes {
				switch {
				case p.Origin != "" && origin == nil:
					origin = &r.report.Probes[i]
				case p.Origin == "" && edge == nil:
					edge = &r.report.Probes[i]
				}
			}
			cdnPage := c.scenario != "fatal" // the stand-in passes an origin's 500 page through, as Cloudflare does
			switch {
			case edge == nil || edge.CDN != "cloudflare":
				t.Errorf("no probe through the CDN in the report: %+v", r.report.Probes)
			case cdnPage && origin == nil:
				t.Errorf("the origin was not probed directly: %+v\nnotes: %v", r.report.Probes, r.report.Notes)
			case cdnPage && origin.Origin != fmt.Sprintf("127.0.0.1:%d", s.Port):
				t.Errorf("origin reached at %q", origin.Origin)
			case cdnPage && (origin.Failures > 0) != c.originFails:
				t.Errorf("origin failures %d of %d, want failing=%v", origin.Failures, origin.Requests, c.originFails)
			case !cdnPage && origin != nil:
				t.Errorf("the origin was probed although the CDN passed its error page through")
			}
			if want := 0; origin != nil {
				for _, p := range r.report.Probes {
					want += p.Requests
				}
				if r.report.DiagnosisProbes < want {
					t.Errorf("diagnosis_probes %d, but the probes listed made %d requests", r.report.DiagnosisProbes, want)
				}
			}
			if !r.report.Restored {
				t.Errorf("not restored: %v", r.report.RestoreNotes)
			}
			if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
				t.Errorf("site differs after the run:\n%s", strings.Join(d, "\n"))
			}
			t.Logf("%s: %s, %d diagnosis and %d bisect probes, %s", c.name, v.Components, r.report.DiagnosisProbes, r.report.ProbeCount, r.took)
		})
	}
}
