package e2e

import (
	"math"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabDiagnose: `wpdoctor diagnose` alone (no bisect) names the right
// kind of cause with evidence, and leaves the site exactly as it was.
func TestLabDiagnose(t *testing.T) {
	f := labtest.Facts(t)
	cases := []struct {
		site, scenario string
		kind           diag.Kind
		component      string // "" = none expected
		exit           int
	}{
		{"site1", "healthy", diag.KindHealthy, "", 0},
		{"site1", "fpm-stopped", diag.KindServer, "server:php-fpm-down", 4},
		{"site1", "big-headers", diag.KindServer, "server:fastcgi-buffer-too-small", 4},
		{"site1", "crash-noisy", diag.KindPlugin, "plugin:wpd-crash-noisy", 3},
		{"site1", "fatal", diag.KindPlugin, "plugin:wpd-fatal", 3},
		{"site1", "memory", diag.KindPlugin, "plugin:wpd-memory-hog", 3},
		{"site1", "timeout", diag.KindPlugin, "plugin:wpd-timeout", 3},
		{"site1", "maintenance", diag.KindCore, "", 4},
		{"site2", "fatal", diag.KindPlugin, "plugin:wpd-fatal", 3},
		{"site2", "crash", diag.KindUnknown, "", 4},
		{"site3", "fatal", diag.KindPlugin, "plugin:wpd-fatal", 3},
		{"site3", "theme-broken", diag.KindTheme, "theme:wpd-broken-theme", 3},
	}
	for _, c := range cases {
		t.Run(c.site+"/"+c.scenario, func(t *testing.T) {
			s := labtest.Site(t, f, c.site, c.scenario)
			before := stateOf(t, f, s)
			r := wpdoctor(t, t.TempDir(), nil, append([]string{"diagnose", "--json", "-q"}, target(f, s)...)...)
			if r.report == nil {
				t.Fatalf("exit %d, no report: %s", r.code, r.stderr)
			}
			v := r.report.Verdict
			if v.Kind != c.kind || c.component != "" && !contains(v.Components, c.component) {
				t.Errorf("verdict %s %v, want %s %s\ncause: %s", v.Kind, v.Components, c.kind, c.component, v.Cause)
			}
			if r.code != c.exit {
				t.Errorf("exit %d, want %d (%s)", r.code, c.exit, r.stderr)
			}
			if c.kind != diag.KindHealthy && c.kind != diag.KindCore && len(v.Evidence) == 0 {
				t.Error("verdict without evidence")
			}
			if c.kind == diag.KindHealthy {
				for _, fd := range r.report.Findings {
					if fd.Severity.Rank() >= diag.Error.Rank() && !fd.Skipped {
						t.Errorf("false alarm on a healthy site: %+v", fd)
					}
				}
			}
			if !r.report.Restored {
				t.Errorf("not restored: %v", r.report.RestoreNotes)
			}
			if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
				t.Errorf("site differs after diagnose:\n%s", strings.Join(d, "\n"))
			}
		})
	}
}

// TestLabAutoBisect: `--auto-bisect` finds each kind of culprit with both
// strategies, within the probe bounds, and restores everything.
func TestLabAutoBisect(t *testing.T) {
	f := labtest.Facts(t)
	cases := []struct {
		site, scenario, strategy string
		kind                     diag.Kind
		components               []string
		pair                     bool
	}{
		{"site1", "crash", "db", diag.KindPlugin, []string{"plugin:wpd-crash"}, false},
		{"site1", "crash", "rename", diag.KindPlugin, []string{"plugin:wpd-crash"}, false},
		{"site1", "many-plugins", "db", diag.KindPlugin, []string{"plugin:wpd-crash"}, false},
		{"site1", "many-plugins", "rename", diag.KindPlugin, []string{"plugin:wpd-crash"}, false},
		{"site1", "timeout", "rename", diag.KindPlugin, []string{"plugin:wpd-timeout"}, false},
		{"site1", "fatal", "db", diag.KindPlugin, []string{"plugin:wpd-fatal"}, false},
		{"site1", "memory", "rename", diag.KindPlugin, []string{"plugin:wpd-memory-hog"}, false},
		{"site1", "big-headers", "db", diag.KindPlugin, []string{"plugin:wpd-big-headers"}, false},
		{"site1", "conflict", "db", diag.KindPlugin, []string{"plugin:wpd-conflict-a", "plugin:wpd-conflict-b"}, true},
		{"site1", "conflict", "rename", diag.KindPlugin, []string{"plugin:wpd-conflict-a", "plugin:wpd-conflict-b"}, true},
		{"site1", "theme-broken", "auto", diag.KindTheme, []string{"theme:wpd-broken-theme"}, false},
		{"site1", "mu-broken", "auto", diag.KindMU, []string{"mu-plugin:wpd-mu-broken.php"}, false},
		{"site1", "dropin-advanced-cache", "auto", diag.KindDropIn, []string{"drop-in:advanced-cache.php"}, false},
		{"site1", "fpm-stopped", "auto", diag.KindServer, []string{"server:php-fpm-down"}, false},
		{"site1", "healthy", "auto", diag.KindHealthy, []string{}, false},
		{"site2", "crash", "rename", diag.KindPlugin, []string{"plugin:wpd-crash"}, false},
		{"site3", "crash", "rename", diag.KindPlugin, []string{"plugin:wpd-crash"}, false},
		{"site3", "conflict", "db", diag.KindPlugin, []string{"plugin:wpd-conflict-a", "plugin:wpd-conflict-b"}, true},
	}
	for _, c := range cases {
		t.Run(c.site+"/"+c.scenario+"/"+c.strategy, func(t *testing.T) {
			s := labtest.Site(t, f, c.site, c.scenario)
			before := stateOf(t, f, s)
			r := wpdoctor(t, t.TempDir(), nil, append([]string{"diagnose", "--auto-bisect", "--strategy", c.strategy, "--json", "-q"}, target(f, s)...)...)
			if r.report == nil {
				t.Fatalf("exit %d, no report: %s", r.code, r.stderr)
			}
			v := r.report.Verdict
			if v.Kind != c.kind || strings.Join(v.Components, ",") != strings.Join(c.components, ",") {
				t.Errorf("verdict %s %v, want %s %v\ncause: %s", v.Kind, v.Components, c.kind, c.components, v.Cause)
			}
			wantExit := map[diag.Kind]int{diag.KindHealthy: 0, diag.KindServer: 4}[c.kind]
			if c.kind.IsComponent() {
				wantExit = 3
			}
			if r.code != wantExit {
				t.Errorf("exit %d, want %d", r.code, wantExit)
			}
			if b := r.report.Bisect; b != nil && c.strategy != "auto" && b.Strategy != c.strategy {
				t.Errorf("strategy %s, want %s", b.Strategy, c.strategy)
			}
			checkBounds(t, r.report, c.pair)
			if logNamed[c.scenario] {
				checkConfirmed(t, r.report, c.components)
			}
			if !r.report.Restored {
				t.Errorf("not restored: %v", r.report.RestoreNotes)
			}
			if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
				t.Errorf("site differs after the run:\n%s", strings.Join(d, "\n"))
			}
			t.Logf("%s: %d bisect probes, %s", c.scenario, r.report.ProbeCount, r.took)
		})
	}
}

// logNamed are the scenarios whose culprit the logs name by file (a fatal
// error, memory exhaustion): the bisect only confirms it.
var logNamed = map[string]bool{"fatal": true, "memory": true}

// checkConfirmed: the plugin stage tested the log-named culprit first and
// needed at most 2 probes to confirm it.
func checkConfirmed(t *testing.T, r *diag.Report, culprits []string) {
	t.Helper()
	if r.Bisect == nil || len(r.Bisect.Stages) == 0 {
		t.Fatal("no bisect stage")
	}
	st := r.Bisect.Stages[0]
	if strings.Join(st.Suspects, ",") != strings.Join(culprits, ",") || st.Probes > 2 {
		t.Errorf("stage %s: suspects %v, %d probes; want suspects %v confirmed in ≤ 2", st.Name, st.Suspects, st.Probes, culprits)
	}
}

// checkBounds: a stage that found one culprit among n used at most
// ⌈log2 n⌉+2 probes to find and verify it (plus the one probe that checks
// nothing else breaks the site); a conflicting pair at most 2⌈log2 n⌉+4,
// plus the loads that tell it from one plugin failing now and then: its two
// parts in turn, 1 to 16 loads each (as many as the rate the answers give
// such a plugin asks for, internal/bisect/lookalike.go).
func checkBounds(t *testing.T, r *diag.Report, pair bool) {
	t.Helper()
	if r.Bisect == nil {
		return
	}
	for _, st := range r.Bisect.Stages {
		if st.Outcome != "skipped" && (st.Millis <= 0 || st.SiteMillis <= 0 || st.SiteMillis > st.Millis) {
			t.Errorf("stage %s: %d ms, %d ms of them on the site", st.Name, st.Millis, st.SiteMillis)
		}
		if st.Outcome != "found" {
			if st.Outcome == "broken-with-none" && st.Probes != 1 {
				t.Errorf("stage %s: %d probes to learn it is not the cause, want 1", st.Name, st.Probes)
			}
			continue
		}
		m := int(math.Ceil(math.Log2(float64(st.Candidates))))
		find := st.Probes - st.OthersProbes - st.LookalikeProbes
		bound, lookalikeOK := m+2, st.LookalikeProbes == 0
		if pair {
			l := st.LookalikeProbes
			bound, lookalikeOK = 2*m+4, l >= 2 && l <= 32 && l%2 == 0
		}
		if find > bound || st.OthersProbes > 1 || !lookalikeOK || st.Intermittent {
			t.Errorf("stage %s: %d candidates, %d probes to find (bound %d) + %d to check the rest + %d lookalike loads (pair %v), intermittent %v",
				st.Name, st.Candidates, find, bound, st.OthersProbes, st.LookalikeProbes, pair, st.Intermittent)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
