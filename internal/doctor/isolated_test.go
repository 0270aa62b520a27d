package doctor

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/doctor/agent"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

// isolatedRun runs a whole diagnosis with --strategy isolated on the fake
// site, reading the state directory's journals at every probe.
func isolatedRun(t *testing.T, f *fakeSite) (*diag.Report, string) {
	t.Helper()
	return watchedRun(t, f, StrategyIsolated)
}

// watchedRun runs a whole diagnosis and bisect with strategy on the fake
// site, reading the state directory's journals at every probe.
func watchedRun(t *testing.T, f *fakeSite, strategy string) (*diag.Report, string) {
	t.Helper()
	state := t.TempDir()
	var journals strings.Builder
	f.onProbe = func(int64) {
		_ = filepath.Walk(state, func(p string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				b, _ := os.ReadFile(p)
				journals.Write(b)
			}
			return nil
		})
	}
	o := OpenOptions{Name: "shop", StateDir: state, Prober: f, Sink: f.sink, Clock: &fakeClock{now: time.Now()}, OpcacheDelay: time.Millisecond}
	rep, err := Run(context.Background(), f.load(), o, Answers{Bisect: true, Strategy: strategy})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return rep, journals.String()
}

// TestIsolatedPluginCulprit: the agent finds the culprit without any change
// visitors can see (every visitor request fails as before, through the
// whole run), and leaves nothing behind — not even the must-use folder it
// created; its secret is in no report or journal.
func TestIsolatedPluginCulprit(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "beta", "bad", "delta", "epsilon")
	before := f.snapshot()
	rep, journals := isolatedRun(t, f)
	if rep.Verdict.Kind != diag.KindPlugin || strings.Join(rep.Verdict.Components, ",") != "plugin:bad" {
		t.Fatalf("verdict %+v", rep.Verdict)
	}
	if rep.Bisect.Strategy != StrategyIsolated || !rep.Restored {
		t.Errorf("strategy %s restored %v notes %v", rep.Bisect.Strategy, rep.Restored, rep.Notes)
	}
	if len(f.visitors) < 5 {
		t.Fatalf("%d probes", len(f.visitors))
	}
	for i, v := range f.visitors {
		if !v {
			t.Errorf("probe %d: a visitor would have got a working site (the site changed for everyone)", i+1)
		}
	}
	assertSame(t, before, f.snapshot(), "after an isolated run")
	if f.exists("wp-content/mu-plugins") {
		t.Error("the must-use plugins folder the agent needed is still there")
	}
	if len(f.secrets) != 1 {
		t.Fatalf("%d secrets seen in probe requests, want 1", len(f.secrets))
	}
	if !strings.Contains(journals, agent.FilePrefix) {
		t.Fatal("the agent file was not journaled")
	}
	js, _ := json.Marshal(rep)
	var evs strings.Builder
	for _, e := range f.events {
		b, _ := json.Marshal(e)
		evs.Write(b)
	}
	for sec := range f.secrets {
		if strings.Contains(journals, sec) || strings.Contains(string(js), sec) || strings.Contains(evs.String(), sec) {
			t.Error("the agent's secret appears in a journal, the report or an event")
		}
	}
}

// TestIsolatedThemeCulprit: the theme is switched for probe requests only.
func TestIsolatedThemeCulprit(t *testing.T) {
	f := newFakeSite(t, "theme:badtheme", "alpha", "beta")
	f.db.set("template", "badtheme")
	f.db.set("stylesheet", "badtheme")
	before := f.snapshot()
	rep, _ := isolatedRun(t, f)
	if rep.Verdict.Kind != diag.KindTheme || rep.Verdict.Components[0] != "theme:badtheme" {
		t.Fatalf("verdict %+v stages %+v", rep.Verdict, rep.Bisect.Stages)
	}
	for i, v := range f.visitors {
		if !v {
			t.Errorf("probe %d: a visitor would have got a working site", i+1)
		}
	}
	assertSame(t, before, f.snapshot(), "after an isolated run")
}

// TestIsolatedFallsBack: when the agent does not answer (must-use plugins
// do not load, a cache answers), the run says so and uses the db strategy.
func TestIsolatedFallsBack(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "bad", "gamma")
	f.noAgent = true
	before := f.snapshot()
	rep, _ := isolatedRun(t, f)
	if rep.Verdict.Kind != diag.KindPlugin || rep.Verdict.Components[0] != "plugin:bad" {
		t.Fatalf("verdict %+v", rep.Verdict)
	}
	if rep.Bisect.Strategy != StrategyDB || !strings.Contains(strings.Join(rep.Notes, "\n"), "isolated strategy not used: the probe agent did not answer") {
		t.Errorf("strategy %s notes %v", rep.Bisect.Strategy, rep.Notes)
	}
	assertSame(t, before, f.snapshot(), "after the fallback")
}

// TestIsolatedPlanSaysWhatVisitorsSee: the plan for isolated says visitors
// see nothing of the plugins and theme, and that the must-use and drop-in
// stages are visible.
func TestIsolatedPlanSaysWhatVisitorsSee(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "bad")
	sess := f.open(t.TempDir())
	defer sess.Close(context.Background())
	if _, err := sess.Diagnose(context.Background(), DiagnoseOptions{}); err != nil {
		t.Fatal(err)
	}
	p, err := sess.PlanWith(context.Background(), StrategyIsolated)
	if err != nil {
		t.Fatal(err)
	}
	if p.Strategy != StrategyIsolated || !strings.HasPrefix(p.Stages[0].Visitors, "visitors see nothing") ||
		!strings.HasPrefix(p.Stages[1].Visitors, "visitors see nothing") || !strings.Contains(p.Stages[2].Visitors, "visitors see this stage too") {
		t.Errorf("plan %+v", p)
	}
}

// Issue 12: with auto, the probe agent is placed in the diagnosis's
// debug-log round and logs wpdoctor's own requests (per-request debug
// logging): wp-config.php is never edited, the bisect uses the agent. When
// the agent cannot be confirmed, the round edits wp-config.php as before
// and the plugins are toggled in the database.
func TestAutoChoosesIsolated(t *testing.T) {
	for _, noAgent := range []bool{false, true} {
		f := newFakeSite(t, "plugin:bad", "alpha", "bad", "gamma")
		f.noAgent = noAgent
		before := f.snapshot()
		rep, journals := watchedRun(t, f, "")
		if strings.Join(rep.Verdict.Components, ",") != "plugin:bad" || !rep.Restored {
			t.Fatalf("agent=%v: verdict %+v restored %v", !noAgent, rep.Verdict, rep.Restored)
		}
		edited := strings.Contains(journals, `"kind":"edit"`)
		agentLog := false
		for _, l := range rep.Logs {
			agentLog = agentLog || strings.HasPrefix(l.Name, "PHP errors of wpdoctor's probe requests")
		}
		want := StrategyIsolated
		if noAgent {
			want = StrategyDB
		}
		if rep.Bisect.Strategy != want || edited != noAgent || agentLog == noAgent {
			t.Errorf("agent=%v: strategy %s, wp-config.php edited %v, agent log listed %v; notes %v", !noAgent, rep.Bisect.Strategy, edited, agentLog, rep.Notes)
		}
		assertSame(t, before, f.snapshot(), "after an auto run")
	}
}

// TestPingConfirms: the agent's ping must show no plugin left on, in the
// site's list and, on a network, in the network's.
func TestPingConfirms(t *testing.T) {
	ok := func(body string) probe.Result {
		r := probe.Result{Status: 200, Body: []byte(body)}
		r.Headers.WPDoctorAgent = "1"
		return r
	}
	for _, c := range []struct {
		res  probe.Result
		want string // "" when confirmed
	}{
		{ok(`{"agent":1,"active":0}`), ""},
		{ok(`{"agent":1,"active":0,"network":0}`), ""},
		{ok(`{"agent":1,"active":2}`), "still saw 2 active"},
		{ok(`{"agent":1,"active":0,"network":1}`), "still saw 1 network-activated"},
		{ok(`<html>`), "not its own"},
		{probe.Result{Status: 200}, "without the agent's header"},
	} {
		err := pingConfirms(c.res)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", c.res.Body, err, c.want)
		}
	}
}
