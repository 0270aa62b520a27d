package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/doctor/agent"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

// visitorLoop requests the site's front page, as a visitor would (no
// secret), every pause until stopped, and returns every answer as "status
// class".
func visitorLoop(t *testing.T, url string, pause time.Duration) (stop func() []string) {
	t.Helper()
	p, err := probe.New(probe.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	var seen []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			r := p.Probe(ctx, url)
			if ctx.Err() != nil {
				return
			}
			mu.Lock()
			seen = append(seen, fmt.Sprintf("%d %s", r.Status, r.Class))
			mu.Unlock()
			select {
			case <-ctx.Done():
			case <-time.After(pause):
			}
		}
	}()
	return func() []string {
		cancel()
		<-done
		p.Close()
		mu.Lock()
		defer mu.Unlock()
		return seen
	}
}

// TestLabIsolated: with --strategy isolated (and auto, which chooses it),
// the bisect finds the culprit while every visitor request gets the answer
// it got before the run (the crash, the fatal error, the conflict, with a
// persistent object cache), and the site is identical afterwards, agent
// gone; the debug-log round goes through the agent, so wp-config.php is
// never edited; with db the same visitor loop sees the site change (the
// control).
func TestLabIsolated(t *testing.T) {
	f := labtest.Facts(t)
	cases := []struct {
		scenario, strategy string
		components         []string
		pair               bool
	}{
		{"crash", "isolated", []string{"plugin:wpd-crash"}, false},
		{"fatal", "isolated", []string{"plugin:wpd-fatal"}, false},
		{"conflict", "isolated", []string{"plugin:wpd-conflict-a", "plugin:wpd-conflict-b"}, true},
		{"many-plugins", "isolated", []string{"plugin:wpd-crash"}, false},
		// auto chooses the agent, with a persistent object cache too (db
		// would toggle rows the cache hides; auto used to rename folders).
		{"crash", "auto", []string{"plugin:wpd-crash"}, false},
		{"crash-object-cache", "auto", []string{"plugin:wpd-crash"}, false},
		// The control: with db the same loop sees the site change.
		{"many-plugins", "db", []string{"plugin:wpd-crash"}, false},
	}
	for _, c := range cases {
		t.Run("site1/"+c.scenario+"/"+c.strategy, func(t *testing.T) {
			s := labtest.Site(t, f, "site1", c.scenario)
			before := stateOf(t, f, s)
			// The db control's changes last a probe each (~0.1 s): look often.
			pause := map[string]time.Duration{"db": 20 * time.Millisecond}[c.strategy]
			if pause == 0 {
				pause = 150 * time.Millisecond
			}
			stop := visitorLoop(t, s.URL+"/", pause)
			time.Sleep(500 * time.Millisecond)
			state := t.TempDir()
			r := wpdoctor(t, state, nil, append([]string{"diagnose", "--auto-bisect", "--strategy", c.strategy, "--json", "-q"}, target(f, s)...)...)
			answers := stop()
			if r.report == nil {
				t.Fatalf("exit %d, no report: %s", r.code, r.stderr)
			}
			v := r.report.Verdict
			if v.Kind != diag.KindPlugin || strings.Join(v.Components, ",") != strings.Join(c.components, ",") {
				t.Errorf("verdict %s %v, want %v\ncause: %s", v.Kind, v.Components, c.components, v.Cause)
			}
			if r.code != 3 {
				t.Errorf("exit %d, want 3", r.code)
			}
			want := c.strategy
			if want == "auto" {
				want = "isolated"
			}
			if b := r.report.Bisect; b == nil || b.Strategy != want {
				t.Errorf("bisect %+v, want %s; notes %v", b, want, r.report.Notes)
			}
			checkBounds(t, r.report, c.pair)
			if want == "isolated" && c.scenario != "fatal" { // a fatal error is named by the logs: no debug-log round
				checkNoConfigEdit(t, r.report)
			}
			if !r.report.Restored {
				t.Errorf("not restored: %v", r.report.RestoreNotes)
			}
			if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
				t.Errorf("site differs after the run:\n%s", strings.Join(d, "\n"))
			}
			if left := agentFiles(t, s.ContentDir); len(left) > 0 {
				t.Errorf("the probe agent is still on the site: %v", left)
			}
			if len(answers) < 5 {
				t.Fatalf("only %d visitor answers", len(answers))
			}
			first := answers[0]
			if !strings.HasPrefix(first, "5") {
				t.Fatalf("before the run a visitor got %s, want the failure", first)
			}
			changed := 0
			for i, a := range answers {
				if a != first {
					changed++
					if want == "isolated" {
						t.Errorf("visitor request %d of %d got %s, before the run %s", i+1, len(answers), a, first)
					}
				}
			}
			if c.strategy == "db" && changed == 0 {
				t.Errorf("with db, no visitor request of %d saw the site change: the loop cannot tell", len(answers))
			}
			js, _ := json.Marshal(r.report)
			if strings.Contains(string(js), "X-WPDoctor-Probe:") {
				t.Error("the report shows the agent header")
			}
			t.Logf("%s/%s: %d bisect probes, %s end to end, %d visitor answers, %d differing from %q", c.scenario, c.strategy, r.report.ProbeCount, r.took, len(answers), changed, first)
		})
	}
}

// checkNoConfigEdit: the report lists the probe agent's log and no debug
// log of wpdoctor's own: the debug-log round went through the agent, and
// wp-config.php was never edited.
func checkNoConfigEdit(t *testing.T, rep *diag.Report) {
	t.Helper()
	agentLog := false
	for _, l := range rep.Logs {
		switch {
		case l.Name == "WordPress debug log (enabled by wpdoctor)":
			t.Errorf("wp-config.php was edited for debug logging although the probe agent logs its requests: %+v", l)
		case l.Name == "PHP errors of wpdoctor's probe requests":
			agentLog = true
		}
	}
	if !agentLog {
		t.Errorf("the probe agent's log is not among the logs: %+v", rep.Logs)
	}
}

// TestLabIsolatedLaterStages: a broken theme is found with the theme
// switched for probe requests only (visitors keep getting the failure); a
// broken must-use plugin is found by renaming it, the agent loading first.
func TestLabIsolatedLaterStages(t *testing.T) {
	f := labtest.Facts(t)
	cases := []struct {
		scenario  string
		kind      diag.Kind
		component string
		invisible bool
	}{
		{"theme-broken", diag.KindTheme, "theme:wpd-broken-theme", true},
		{"mu-broken", diag.KindMU, "mu-plugin:wpd-mu-broken.php", false},
	}
	for _, c := range cases {
		t.Run("site1/"+c.scenario, func(t *testing.T) {
			s := labtest.Site(t, f, "site1", c.scenario)
			before := stateOf(t, f, s)
			stop := visitorLoop(t, s.URL+"/", 150*time.Millisecond)
			time.Sleep(500 * time.Millisecond)
			r := wpdoctor(t, t.TempDir(), nil, append([]string{"diagnose", "--auto-bisect", "--strategy", "isolated", "--json", "-q"}, target(f, s)...)...)
			answers := stop()
			if r.report == nil {
				t.Fatalf("exit %d, no report: %s", r.code, r.stderr)
			}
			v := r.report.Verdict
			if v.Kind != c.kind || strings.Join(v.Components, ",") != c.component {
				t.Errorf("verdict %s %v, want %s\ncause: %s\nnotes %v", v.Kind, v.Components, c.component, v.Cause, r.report.Notes)
			}
			if b := r.report.Bisect; b == nil || b.Strategy != "isolated" {
				t.Errorf("bisect %+v, notes %v", b, r.report.Notes)
			}
			if !r.report.Restored {
				t.Errorf("not restored: %v", r.report.RestoreNotes)
			}
			if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
				t.Errorf("site differs after the run:\n%s", strings.Join(d, "\n"))
			}
			changed := 0
			for _, a := range answers {
				if a != answers[0] {
					changed++
				}
			}
			if c.invisible && changed > 0 {
				t.Errorf("%d of %d visitor answers differ from %q: %v", changed, len(answers), answers[0], answers)
			}
			t.Logf("%s: %d bisect probes, %s end to end, %d visitor answers, %d differing from %q", c.scenario, r.report.ProbeCount, r.took, len(answers), changed, answers[0])
		})
	}
}

// agentFiles lists the probe agents in a site's must-use plugins folder.
func agentFiles(t *testing.T, content string) []string {
	t.Helper()
	found, err := filepath.Glob(filepath.Join(content, "mu-plugins", agent.FilePrefix+"*.php"))
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestLabIsolatedKilled kills an isolated run right after each journaled
// change (the agent placed among them), then runs `wpdoctor restore`: the
// site is exactly as before, the agent and any folder made for it gone.
func TestLabIsolatedKilled(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "crash")
	args := append([]string{"diagnose", "--auto-bisect", "--strategy", "isolated", "--json", "-q"}, target(f, s)...)
	sawAgent := false
	n := killAfterEachChange(t, f, s, args, 20, killHooks{atKill: func(int) {
		if len(agentFiles(t, s.ContentDir)) > 0 {
			sawAgent = true
		}
	}})
	if !sawAgent {
		t.Error("no kill left the agent on the site: the failpoints missed it")
	}
	t.Logf("killed after each of %d changes, restored every time", n)
}

// TestLabAgentSecurity places the probe agent by hand on site1 (real
// WordPress, PHP-FPM, nginx): only a request with the right, unexpired
// secret gets plugins switched off; none gets an inactive plugin switched on.
func TestLabAgentSecurity(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "crash")
	p, err := probe.New(probe.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	// Each placement under a name of its own: PHP's opcache may keep
	// serving a file rewritten in place for a couple of seconds.
	var placed string
	place := func(name string, sec agent.Secret, expires time.Time) {
		t.Helper()
		b, err := agent.Render(sec, agent.Options{Expires: expires, Fallback: "twentytwentythree"})
		if err != nil {
			t.Fatal(err)
		}
		if placed != "" {
			os.Remove(placed)
		}
		placed = filepath.Join(s.ContentDir, "mu-plugins", name)
		if err := os.WriteFile(placed, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { os.Remove(placed) })
	get := func(h agent.Secret, ask agent.Probe) probe.Result {
		ctx := context.Background()
		if h != "" {
			ctx = probe.WithHeader(ctx, h.Header(ask))
		}
		return p.Probe(ctx, s.URL+"/")
	}
	sec := agent.NewSecret()
	place("000-wpdoctor-probe-agent-a.php", sec, time.Now().Add(time.Hour))
	if r := get(sec, agent.Probe{Plugins: []string{}}); r.Status != 200 || r.Headers.WPDoctorAgent != "1" {
		t.Fatalf("with the secret and every plugin off: %d %s (agent %q), want 200 from the agent", r.Status, r.Class, r.Headers.WPDoctorAgent)
	}
	for name, r := range map[string]probe.Result{
		"no secret":    get("", agent.Probe{}),
		"wrong secret": get(agent.NewSecret(), agent.Probe{Plugins: []string{}}),
		"the hash":     get(agent.Secret(sec.Hash()), agent.Probe{Plugins: []string{}}),
	} {
		if r.Status != 502 || r.Headers.WPDoctorAgent != "" {
			t.Errorf("%s: %d %s (agent %q), want the site's own 502", name, r.Status, r.Class, r.Headers.WPDoctorAgent)
		}
	}
	place("000-wpdoctor-probe-agent-b.php", sec, time.Now().Add(-time.Minute))
	if r := get(sec, agent.Probe{Plugins: []string{}}); r.Status != 502 || r.Headers.WPDoctorAgent != "" {
		t.Errorf("expired agent: %d %s (agent %q), want the site's own 502", r.Status, r.Class, r.Headers.WPDoctorAgent)
	}
	// On the healthy site wpd-crash is installed but inactive: naming it
	// must not switch it on.
	labtest.Scenario(t, f, "site1", "healthy")
	place("000-wpdoctor-probe-agent-c.php", sec, time.Now().Add(time.Hour))
	if r := get(sec, agent.Probe{Plugins: []string{"wpd-crash/wpd-crash.php"}}); r.Status != 200 || r.Headers.WPDoctorAgent != "1" {
		t.Errorf("asking for the inactive wpd-crash: %d %s (agent %q), want 200 (nothing switched on)", r.Status, r.Class, r.Headers.WPDoctorAgent)
	}
}
