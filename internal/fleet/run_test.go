package fleet

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/target"
)

func sshSite(name, host, path string) Site {
	return Site{Name: name, Target: target.Target{User: "u", Host: host, Port: 2222, Path: path}}
}

// fake is a SiteRunner whose behaviour per site is scripted.
type fake struct {
	mu       sync.Mutex
	inFlight int
	maxIn    int
	calls    map[string]int
	bisects  int
	maxBis   int
	behave   func(ctx context.Context, s Site, o RunOptions) SiteResult
}

func (f *fake) run(ctx context.Context, s Site, o RunOptions) SiteResult {
	f.mu.Lock()
	f.inFlight++
	f.maxIn = max(f.maxIn, f.inFlight)
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[s.Name]++
	if o.AutoBisect {
		f.bisects++
		f.maxBis = max(f.maxBis, f.bisects)
	}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inFlight--
		if o.AutoBisect {
			f.bisects--
		}
		f.mu.Unlock()
	}()
	return f.behave(ctx, s, o)
}

func healthy(time.Duration) func(context.Context, Site, RunOptions) SiteResult {
	return func(ctx context.Context, s Site, o RunOptions) SiteResult {
		return SiteResult{Exit: ExitOK, Report: &diag.Report{Status: diag.StatusHealthy, Restored: true}}
	}
}

func TestRunBoundsConcurrencyAndKeepsOrder(t *testing.T) {
	var sites []Site
	for i := range 20 {
		sites = append(sites, sshSite(fmt.Sprintf("@s%02d", i), "h", fmt.Sprintf("/www/%d", i)))
	}
	f := &fake{behave: func(ctx context.Context, s Site, o RunOptions) SiteResult {
		time.Sleep(5 * time.Millisecond)
		return SiteResult{Exit: ExitOK}
	}}
	var done []string
	res := Run(context.Background(), sites, f.run, Options{Concurrency: 3, OnDone: func(r SiteResult) { done = append(done, r.Site.Name) }})
	if f.maxIn != 3 {
		t.Errorf("max in flight %d, want 3", f.maxIn)
	}
	if len(done) != 20 {
		t.Errorf("OnDone called %d times", len(done))
	}
	for i, r := range res {
		if r.Site.Name != sites[i].Name || r.State != "finished" || r.Exit != ExitOK {
			t.Errorf("result %d: %+v", i, r)
		}
	}
}

// TestFailuresIsolated: a hanging site, a panicking one, an unreachable one
// and a bad entry each get their own verdict; the healthy ones are not held
// up by the hanging one.
func TestFailuresIsolated(t *testing.T) {
	sites := []Site{
		sshSite("@hang", "slow", "/a"),
		sshSite("@panic", "h", "/b"),
		sshSite("@down", "gone", "/c"),
		{Name: "@bad", Err: errors.New("bad alias: @bad uses docker:")},
		sshSite("@ok1", "h", "/d"),
		sshSite("@ok2", "h", "/e"),
	}
	var okAt atomic.Int64
	start := time.Now()
	f := &fake{behave: func(ctx context.Context, s Site, o RunOptions) SiteResult {
		switch s.Name {
		case "@hang":
			<-ctx.Done()
			return SiteResult{Exit: ExitAccess, Err: ctx.Err()}
		case "@panic":
			panic("boom")
		case "@down":
			return SiteResult{Exit: ExitAccess, Err: errors.New("dial gone:2222: connection refused")}
		}
		okAt.Store(int64(time.Since(start)))
		return SiteResult{Exit: ExitOK}
	}}
	res := Run(context.Background(), sites, f.run, Options{Concurrency: 2, SiteTimeout: 300 * time.Millisecond})
	want := []struct {
		exit  int
		state string
		err   string
	}{
		{ExitError, "finished", "no verdict within the per-site timeout 300ms"},
		{ExitError, "finished", "@panic: wpdoctor failed: boom"},
		{ExitAccess, "finished", "connection refused"},
		{ExitUsage, "skipped", "docker:"},
		{ExitOK, "finished", ""},
		{ExitOK, "finished", ""},
	}
	for i, w := range want {
		r := res[i]
		errs := ""
		if r.Err != nil {
			errs = r.Err.Error()
		}
		if r.Exit != w.exit || r.State != w.state || !contains(errs, w.err) {
			t.Errorf("%s: exit %d state %s err %q; want %d %s %q", r.Site.Name, r.Exit, r.State, errs, w.exit, w.state, w.err)
		}
	}
	if f.calls["@bad"] != 0 {
		t.Error("a bad entry was run")
	}
	if d := time.Duration(okAt.Load()); d > 200*time.Millisecond {
		t.Errorf("healthy sites finished after %v: held up by the hanging one", d)
	}
	if got := MostSerious(exits(res)...); got != ExitAccess {
		t.Errorf("fleet exit %d, want %d", got, ExitAccess)
	}
}

// contains: sub in s, and an empty sub wants an empty s.
func contains(s, sub string) bool {
	if sub == "" {
		return s == ""
	}
	return strings.Contains(s, sub)
}

func exits(rs []SiteResult) []int {
	var out []int
	for _, r := range rs {
		out = append(out, r.Exit)
	}
	return out
}

// TestSameSiteTwice: the same install under two names is run once; the
// other entry is reported as locked, even after the first finished.
func TestSameSiteTwice(t *testing.T) {
	sites := []Site{sshSite("@a", "Host", "/www/x/"), sshSite("@b", "host", "/www/x"), sshSite("@c", "host", "/www/y")}
	sites[1].Target.Port = 2222
	f := &fake{behave: healthy(0)}
	res := Run(context.Background(), sites, f.run, Options{Concurrency: 1})
	if res[0].Exit != ExitOK || res[1].Exit != ExitLocked || res[2].Exit != ExitOK {
		t.Fatalf("exits %v", exits(res))
	}
	if !errors.Is(res[1].Err, ErrSameSite) || !contains(res[1].Err.Error(), "@b is the same site as @a") {
		t.Errorf("err %v", res[1].Err)
	}
	if f.calls["@b"] != 0 {
		t.Error("the duplicate was run")
	}
}

// TestInterrupt: cancelling the run lets the sites in flight finish (the
// runner reports them interrupted, with their own restore result) and
// starts no more.
func TestInterrupt(t *testing.T) {
	var sites []Site
	for i := range 6 {
		sites = append(sites, sshSite(fmt.Sprintf("@s%d", i), "h", fmt.Sprintf("/%d", i)))
	}
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{}, 6)
	f := &fake{behave: func(c context.Context, s Site, o RunOptions) SiteResult {
		started <- struct{}{}
		<-c.Done()
		time.Sleep(20 * time.Millisecond) // undoing, on its own context
		if s.Name == "@s1" {
			return SiteResult{Exit: ExitRestoreIncomplete, Err: errors.New("restore incomplete")}
		}
		return SiteResult{Exit: ExitInterrupted, Err: c.Err(), Report: &diag.Report{Restored: true}}
	}}
	go func() {
		<-started
		<-started
		cancel()
	}()
	res := Run(ctx, sites, f.run, Options{Concurrency: 2})
	var states []string
	for _, r := range res {
		states = append(states, r.State)
	}
	if fmt.Sprint(states) != "[interrupted interrupted not-started not-started not-started not-started]" {
		t.Errorf("states %v", states)
	}
	if res[0].Exit != ExitInterrupted || res[1].Exit != ExitRestoreIncomplete || res[2].Exit != ExitInterrupted {
		t.Errorf("exits %v", exits(res))
	}
	if got := MostSerious(exits(res)...); got != ExitRestoreIncomplete {
		t.Errorf("fleet exit %d", got)
	}
	if len(f.calls) != 2 {
		t.Errorf("%d sites run after the interrupt", len(f.calls))
	}
}

// TestAutoBisectCap: only sites whose diagnosis asks for it are bisected,
// at most BisectConcurrency at once, and their result replaces the
// diagnosis.
func TestAutoBisectCap(t *testing.T) {
	var sites []Site
	for i := range 8 {
		sites = append(sites, sshSite(fmt.Sprintf("@s%d", i), "h", fmt.Sprintf("/%d", i)))
	}
	f := &fake{behave: func(ctx context.Context, s Site, o RunOptions) SiteResult {
		if s.Name == "@s0" { // healthy: never bisected
			return SiteResult{Exit: ExitOK, Report: &diag.Report{Status: diag.StatusHealthy}}
		}
		if s.Name == "@s1" { // not WordPress: nothing to bisect
			return SiteResult{Exit: ExitNotWordPress}
		}
		if !o.AutoBisect {
			return SiteResult{Exit: ExitBroken, Report: &diag.Report{Status: diag.StatusBroken, Verdict: diag.Verdict{Kind: diag.KindUnknown, RecommendBisect: true}}}
		}
		time.Sleep(20 * time.Millisecond)
		return SiteResult{Exit: ExitCulprit, Report: &diag.Report{Status: diag.StatusBroken, Verdict: diag.Verdict{Kind: diag.KindPlugin, Basis: "bisect"}}}
	}}
	res := Run(context.Background(), sites, f.run, Options{Concurrency: 8, AutoBisect: true, BisectConcurrency: 2})
	if f.maxBis != 2 {
		t.Errorf("max bisects at once %d, want 2", f.maxBis)
	}
	for i, r := range res {
		want, bis := ExitCulprit, true
		switch i {
		case 0:
			want, bis = ExitOK, false
		case 1:
			want, bis = ExitNotWordPress, false
		}
		if r.Exit != want || r.Bisected != bis {
			t.Errorf("%s: exit %d bisected %v", r.Site.Name, r.Exit, r.Bisected)
		}
		if bis && f.calls[r.Site.Name] != 2 {
			t.Errorf("%s run %d times", r.Site.Name, f.calls[r.Site.Name])
		}
	}
	// Without --auto-bisect nothing is bisected.
	f2 := &fake{behave: f.behave}
	for _, r := range Run(context.Background(), sites, f2.run, Options{}) {
		if r.Bisected || f2.calls[r.Site.Name] != 1 {
			t.Errorf("%s bisected without --auto-bisect", r.Site.Name)
		}
	}
}

func TestMostSerious(t *testing.T) {
	tests := []struct {
		codes []int
		want  int
	}{
		{nil, ExitOK},
		{[]int{0, 0}, ExitOK},
		{[]int{0, ExitLocked}, ExitLocked},
		{[]int{ExitLocked, ExitNotWordPress, ExitAccess}, ExitAccess},
		{[]int{ExitAccess, ExitCulprit, 0}, ExitCulprit},
		{[]int{ExitCulprit, ExitBroken}, ExitBroken},
		{[]int{ExitBroken, ExitInterrupted}, ExitInterrupted},
		{[]int{ExitInterrupted, ExitRestoreIncomplete, ExitBroken}, ExitRestoreIncomplete},
		{[]int{0, 42}, 42},
		{[]int{42, ExitLocked}, ExitLocked},
	}
	for _, tt := range tests {
		if got := MostSerious(tt.codes...); got != tt.want {
			t.Errorf("MostSerious(%v) = %d, want %d", tt.codes, got, tt.want)
		}
	}
}

// TestEvents: each site's events reach OnEvent tagged with the site, a
// "connect" stage first.
func TestEvents(t *testing.T) {
	var mu sync.Mutex
	got := map[string][]string{}
	f := &fake{behave: func(ctx context.Context, s Site, o RunOptions) SiteResult {
		o.Events(diag.Event{Kind: diag.EventStage, Stage: "probe"})
		return SiteResult{}
	}}
	Run(context.Background(), []Site{sshSite("@a", "h", "/a"), sshSite("@b", "h", "/b")}, f.run, Options{OnEvent: func(s Site, e diag.Event) {
		mu.Lock()
		got[s.Name] = append(got[s.Name], fmt.Sprint(e.Stage))
		mu.Unlock()
	}})
	if fmt.Sprint(got) != "map[@a:[connect probe] @b:[connect probe]]" {
		t.Errorf("events %v", got)
	}
}
