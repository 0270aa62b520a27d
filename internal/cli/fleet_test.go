package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/connect"
	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/fleet"
	"github.com/wpdoctor/wpdoctor/internal/remote"
	"github.com/wpdoctor/wpdoctor/internal/target"
)

// TestFleetCodesMatch: the fleet package ranks the CLI's exit codes.
func TestFleetCodesMatch(t *testing.T) {
	pairs := [][2]int{{fleet.ExitOK, ExitOK}, {fleet.ExitError, ExitError}, {fleet.ExitUsage, ExitUsage},
		{fleet.ExitCulprit, ExitCulprit}, {fleet.ExitBroken, ExitBroken}, {fleet.ExitAccess, ExitAccess},
		{fleet.ExitNotWordPress, ExitNotWordPress}, {fleet.ExitLocked, ExitLocked},
		{fleet.ExitRestoreIncomplete, ExitRestoreIncomplete}, {fleet.ExitInterrupted, ExitInterrupted}}
	for _, p := range pairs {
		if p[0] != p[1] {
			t.Errorf("fleet code %d, cli code %d", p[0], p[1])
		}
	}
}

func TestFleetFlags(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
		check   func(*FleetOptions) bool
	}{
		{args: nil, check: func(o *FleetOptions) bool {
			return o.Concurrency == 8 && o.PerHost == 4 && o.BisectConcurrency == 2 && !o.AutoBisect && o.SiteTimeout == 10*time.Minute && len(o.Selectors) == 0
		}},
		{args: []string{"@clients", "@shop", "--concurrency", "16", "--auto-bisect", "--bisect-concurrency", "1", "--shard", "2/4", "--json", "--report", "d", "--site-timeout", "1m"},
			check: func(o *FleetOptions) bool {
				return len(o.Selectors) == 2 && o.Concurrency == 16 && o.AutoBisect && o.BisectConcurrency == 1 &&
					o.Shard == (fleet.Shard{K: 2, N: 4}) && o.JSON && o.ReportDir == "d" && o.SiteTimeout == time.Minute
			}},
		{args: []string{"--inventory", "f.yml", "--tag", "a", "--tag", "b"}, check: func(o *FleetOptions) bool { return o.Inventory == "f.yml" && len(o.Tags) == 2 }},
		{args: []string{"--concurrency", "0"}, wantErr: "at least 1"},
		{args: []string{"--shard", "5/4"}, wantErr: "1 ≤ K ≤ N"},
		{args: []string{"--strategy", "x"}, wantErr: "--strategy"},
	}
	for _, tt := range tests {
		io, _, _ := testIO()
		var got *FleetOptions
		cmd := newFleetCmd(io, func(_ context.Context, o *FleetOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: err %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !tt.check(got) {
			t.Errorf("%v: err %v, parsed %+v", tt.args, err, got)
		}
	}
}

const fleetAliases = `
@ok:
  ssh: u@h1:2222/www/ok
@crash:
  ssh: u@h1:2222/www/crash
@down:
  ssh: u@h2:1/www
@notwp:
  path: /tmp/nothing-here
@bad:
  ssh: docker:wp
@ok-again:
  ssh: u@h1:2222/www/ok/
@clients:
  - @ok
  - @crash
@typo:
  - @ok
  - @nope
`

// fakeSites answers like the engine would for fleetAliases' sites.
func fakeSites(ctx context.Context, s fleet.Site, o fleet.RunOptions) fleet.SiteResult {
	switch s.Name {
	case "@ok", "@ok-again":
		return fleet.SiteResult{Exit: ExitOK, Report: &diag.Report{Target: s.Display(), Status: diag.StatusHealthy, Restored: true, Verdict: diag.Verdict{Kind: diag.KindHealthy}}}
	case "@crash":
		return fleet.SiteResult{Exit: ExitCulprit, Report: &diag.Report{Target: s.Display(), Status: diag.StatusBroken, Restored: true,
			Verdict: diag.Verdict{Kind: diag.KindPlugin, Components: []string{"plugin:wpd-crash"}, Cause: "PHP Fatal error in wpd-crash"}}}
	case "@down":
		return fleet.SiteResult{Exit: ExitAccess, Err: errors.New("connect to u@h2:1:/www: connection refused")}
	}
	return fleet.SiteResult{Exit: ExitNotWordPress, Err: errors.New("not a WordPress install")}
}

func runFleetCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	io, out, errb := testIO()
	root := NewRootCmd(io)
	for _, c := range root.Commands() {
		if c.Name() == "fleet" {
			root.RemoveCommand(c)
		}
	}
	root.AddCommand(newFleetCmd(io, func(ctx context.Context, o *FleetOptions) error {
		o.Runner = fakeSites
		return runFleet(ctx, o)
	}))
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	if err != nil {
		errb.WriteString(err.Error())
	}
	return ExitCode(err), out.String(), errb.String()
}

func TestFleetRunPipe(t *testing.T) {
	withAliases(t, fleetAliases)
	code, out, _ := runFleetCmd(t, "fleet")
	if code != ExitCulprit {
		t.Errorf("exit %d, want %d (culprit ranks above unreachable)", code, ExitCulprit)
	}
	for _, want := range []string{
		"@crash               culprit        exit 3", "plugin:wpd-crash — PHP Fatal error in wpd-crash",
		"@down                unreachable    exit 5", "connection refused",
		"@bad                 bad-entry      exit 2", "ssh only",
		"@ok-again            locked         exit 7", "@ok-again is the same site as @ok",
		"FLEET RECAP: 6 sites",
		"healthy=1 culprit=1 unreachable=1 not-wordpress=1 bad-entry=1 locked=1; finished 4 of 6",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runFleetCmd(t, "fleet", "@clients")
	if code != ExitCulprit || strings.Contains(out, "@down") || !strings.Contains(out, "2 sites") {
		t.Errorf("@clients: exit %d\n%s", code, out)
	}
	code, _, errs := runFleetCmd(t, "fleet", "@typo")
	if code != ExitUsage || !strings.Contains(errs, "group @typo") || !strings.Contains(errs, "unknown alias: @nope") {
		t.Errorf("@typo: exit %d, stderr %q", code, errs)
	}
	withAliases(t, "color: false\n")
	code, _, errs = runFleetCmd(t, "fleet")
	if code != ExitUsage || !strings.Contains(errs, "no WP-CLI aliases found") {
		t.Errorf("no aliases: exit %d, stderr %q", code, errs)
	}
	withAliases(t, fleetAliases)
	code, _, errs = runFleetCmd(t, "fleet", "shop")
	if code != ExitUsage || !strings.Contains(errs, "name an alias or group") {
		t.Errorf("shop: exit %d, stderr %q", code, errs)
	}
}

func TestFleetJSONAndReport(t *testing.T) {
	withAliases(t, fleetAliases)
	dir := filepath.Join(t.TempDir(), "out")
	code, out, errs := runFleetCmd(t, "fleet", "@ok", "@crash", "@down", "--json", "--report", dir)
	if code != ExitCulprit {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(errs, "@down") {
		t.Errorf("per-site lines not on stderr with --json: %q", errs)
	}
	var doc struct {
		Summary map[string]any `json:"summary"`
		Sites   []struct {
			Name, Target, Error string
			Exit                int
			Report              *diag.Report
		} `json:"sites"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.Summary["exit"] != float64(3) || doc.Summary["sites"] != float64(3) || len(doc.Sites) != 3 {
		t.Errorf("summary %v", doc.Summary)
	}
	s := doc.Sites
	if s[0].Name != "@ok" || s[0].Exit != 0 || s[0].Report == nil || s[0].Target != "u@h1:2222:/www/ok" ||
		s[1].Report.Verdict.Components[0] != "plugin:wpd-crash" || s[2].Report != nil || !strings.Contains(s[2].Error, "refused") {
		t.Errorf("sites %+v", s)
	}
	idx, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<a href="_crash.html">html</a>`, `<a href="_ok.md">md</a>`, "plugin:wpd-crash", "unreachable", "connection refused", "exit code <strong>3</strong>", "addEventListener"} {
		if !strings.Contains(string(idx), want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	for _, f := range []string{"_ok.html", "_ok.md", "_crash.html", "_crash.md", "fleet.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "_down.html")); err == nil {
		t.Error("a report for a site without one")
	}
}

// TestFleetShardsMerge: the shards' JSON documents merge into what one run
// gives.
func TestFleetShardsMerge(t *testing.T) {
	withAliases(t, fleetAliases)
	dir := t.TempDir()
	var files []string
	total := 0
	for _, k := range []string{"1/3", "2/3", "3/3"} {
		_, out, _ := runFleetCmd(t, "fleet", "--shard", k, "--json")
		var d fleet.Document
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			if out == "" {
				continue // an empty shard: exit 2, "no sites to run"
			}
			t.Fatal(err)
		}
		total += len(d.Sites)
		f := filepath.Join(dir, strings.ReplaceAll(k, "/", "of")+".json")
		if err := os.WriteFile(f, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if total != 6 {
		t.Errorf("the shards hold %d sites, want 6", total)
	}
	_, whole, _ := runFleetCmd(t, "fleet", "--json")
	var w fleet.Document
	if err := json.Unmarshal([]byte(whole), &w); err != nil {
		t.Fatal(err)
	}
	io, out, _ := testIO()
	code := Run(context.Background(), append([]string{"fleet", "merge", "--json"}, files...), io)
	var m fleet.Document
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if code != w.Summary.Exit || m.Summary.Sites != w.Summary.Sites || m.Summary.Exit != w.Summary.Exit {
		t.Errorf("merged exit %d summary %+v, whole %+v", code, m.Summary, w.Summary)
	}
	io, out, _ = testIO()
	if code := Run(context.Background(), append([]string{"fleet", "merge"}, files...), io); code != w.Summary.Exit || !strings.Contains(out.String(), "FLEET RECAP") {
		t.Errorf("merge text: %d %s", code, out)
	}
	io, _, errb := testIO()
	if code := Run(context.Background(), []string{"fleet", "merge", files[0], files[0]}, io); code != ExitUsage || !strings.Contains(errb.String(), "is in both") {
		t.Errorf("merge twice: %d %s", code, errb)
	}
}

// TestFleetEngineOffline runs the real engine adapter on entries that need
// no lab: a local directory that is not WordPress, two sites on a closed
// port of one host (dialled once, both unreachable), and a listed-twice
// local path.
func TestFleetEngineOffline(t *testing.T) {
	empty := t.TempDir()
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	withAliases(t, "@empty:\n  path: "+empty+"\n@empty2:\n  path: "+empty+"/.\n@closed1:\n  ssh: u@127.0.0.1:1/www/a\n@closed2:\n  ssh: u@127.0.0.1:1/www/b\n")
	io, out, _ := testIO()
	code := Run(context.Background(), []string{"fleet", "--known-hosts", filepath.Join(t.TempDir(), "kh"), "--connect-timeout", "2s"}, io)
	got := out.String()
	if code != ExitAccess {
		t.Errorf("exit %d, want %d\n%s", code, ExitAccess, got)
	}
	verdicts := map[string]string{}
	for _, l := range strings.Split(got, "\n") {
		if f := strings.Fields(l); len(f) > 3 && f[2] == "exit" {
			verdicts[f[0]] = f[1]
		}
	}
	want := map[string]string{"@closed1": "unreachable", "@closed2": "unreachable", "@empty": "not-wordpress", "@empty2": "locked"}
	if fmt.Sprint(verdicts) != fmt.Sprint(want) {
		t.Errorf("verdicts %v, want %v\n%s", verdicts, want, got)
	}
}

// TestConnPool: the sites of one host share one connection, opened once
// (also when it fails); at most perHost use it at once; a local site gets
// its own.
func TestConnPool(t *testing.T) {
	var mu sync.Mutex
	opens := map[string]int{}
	open := func(ctx context.Context, tg target.Target, o connect.Options) (*connect.Conn, error) {
		mu.Lock()
		opens[tg.Host]++
		mu.Unlock()
		time.Sleep(10 * time.Millisecond)
		if tg.Host == "down" {
			return nil, fmt.Errorf("dial down: %w", remote.ErrUnreachable)
		}
		return &connect.Conn{Target: tg, Home: "/home/u"}, nil
	}
	p := newConnPool(open, 2)
	site := func(host, path string) fleet.Site {
		return fleet.Site{Name: host + path, Target: target.Target{User: "u", Host: host, Port: 22, Path: path}}
	}
	var wg sync.WaitGroup
	var inUse, maxUse atomic.Int32
	for i := range 6 {
		for _, h := range []string{"up", "down"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s := site(h, fmt.Sprintf("/www/%d", i))
				c, release, err := p.get(context.Background(), s, connect.Options{})
				if h == "down" {
					if !errors.Is(err, remote.ErrUnreachable) {
						t.Errorf("down: %v", err)
					}
					return
				}
				if err != nil {
					t.Error(err)
					return
				}
				if c.Target.Path != s.Target.Path || c.Home != "/home/u" {
					t.Errorf("conn for %s has target %v", s.Name, c.Target)
				}
				n := inUse.Add(1)
				for m := maxUse.Load(); n > m && !maxUse.CompareAndSwap(m, n); m = maxUse.Load() {
				}
				time.Sleep(5 * time.Millisecond)
				inUse.Add(-1)
				release()
			}()
		}
	}
	wg.Wait()
	if opens["up"] != 1 || opens["down"] != 1 {
		t.Errorf("opens %v, want one per host", opens)
	}
	if maxUse.Load() != 2 {
		t.Errorf("%d sites on one connection at once, want 2", maxUse.Load())
	}
	if _, rel, err := p.get(context.Background(), fleet.Site{Target: target.Target{Local: true, Path: "/x"}}, connect.Options{}); err != nil {
		t.Error(err)
	} else {
		rel()
	}
	if opens[""] != 1 {
		t.Errorf("local opens %d", opens[""])
	}
}

// TestFleetLiveTTY: on a terminal the sites in flight are a table redrawn
// in place (site, stage, time, status) with the finished sites' lines
// scrolling above it, then the recap.
func TestFleetLiveTTY(t *testing.T) {
	withAliases(t, fleetAliases)
	io, out, _ := testIO()
	io.TTY = true
	gate, crashing := make(chan struct{}), make(chan struct{})
	runner := func(ctx context.Context, s fleet.Site, o fleet.RunOptions) fleet.SiteResult {
		o.Events(diag.Event{Kind: diag.EventStage, Stage: "probe", Message: "probing http://" + s.Name})
		if s.Name == "@crash" {
			close(crashing)
			<-gate // in flight until @ok is done
		} else {
			<-crashing // @ok finishes while @crash is in flight
		}
		return fakeSites(ctx, s, o)
	}
	root := NewRootCmd(io)
	for _, c := range root.Commands() {
		if c.Name() == "fleet" {
			root.RemoveCommand(c)
		}
	}
	var live string
	root.AddCommand(newFleetCmd(io, func(ctx context.Context, o *FleetOptions) error {
		o.Runner = func(ctx context.Context, s fleet.Site, ro fleet.RunOptions) fleet.SiteResult {
			r := runner(ctx, s, ro)
			if s.Name == "@ok" {
				go func() {
					time.Sleep(50 * time.Millisecond)
					close(gate)
				}()
			}
			return r
		}
		return runFleet(ctx, o)
	}))
	root.SetArgs([]string{"fleet", "@clients", "--concurrency", "2"})
	err := root.ExecuteContext(context.Background())
	live = out.String()
	if ExitCode(err) != ExitCulprit {
		t.Errorf("exit %d", ExitCode(err))
	}
	for _, want := range []string{"SITE", "STAGE", "STATUS", "@crash               probe", "probing http://@crash", "\x1b[1A\x1b[2K",
		"1 of 2 done, 1 running  healthy=1", "2 of 2 done, 0 running  culprit=1 healthy=1", "FLEET RECAP: 2 sites"} {
		if !strings.Contains(live, want) {
			t.Errorf("terminal output lacks %q:\n%q", want, live)
		}
	}
	// The finished site's line is printed once, above the table.
	if n := strings.Count(live, "@ok                  healthy        exit 0"); n != 1 {
		t.Errorf("@ok's line printed %d times", n)
	}
}
