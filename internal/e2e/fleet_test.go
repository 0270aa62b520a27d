package e2e

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/fleet"
	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// closedPort returns a loopback port nothing listens on.
func closedPort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// fleetAliases writes a wp-cli.yml with the lab's sites and the given
// extra entries into a fresh directory, for the binary to run in.
func fleetAliases(t testing.TB, f *lab.Facts, extra string) string {
	t.Helper()
	var b strings.Builder
	for _, s := range f.Sites {
		fmt.Fprintf(&b, "@%s:\n  ssh: %s@127.0.0.1:%d%s\n  key: %s\n", s.Name, s.User, f.SSHPort, s.Root, f.Key)
	}
	b.WriteString(extra)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "wp-cli.yml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "global.yml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fleetCmd is the binary set up to run `wpdoctor fleet` in dir.
func fleetCmd(ctx context.Context, bin, dir, state string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	cmd := exec.CommandContext(ctx, bin, append([]string{"fleet"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WPDOCTOR_STATE_DIR="+state, "WP_CLI_CONFIG_PATH="+filepath.Join(dir, "global.yml"))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	return cmd, &out, &errb
}

// fleetRun runs a fleet command with --json to its end and returns its
// exit code, its document, its standard error and how long it took.
func fleetRun(t *testing.T, ctx context.Context, dir string, args ...string) (int, fleet.Document, *bytes.Buffer, time.Duration) {
	t.Helper()
	cmd, out, errb := fleetCmd(ctx, binary, dir, t.TempDir(), args...)
	start := time.Now()
	code := exitOf(t, cmd.Run())
	took := time.Since(start)
	var doc fleet.Document
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("exit %d, JSON: %v\n%s\nstderr:\n%s", code, err, out, errb)
	}
	return code, doc, errb, took
}

func exitOf(t testing.TB, err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	t.Fatalf("run wpdoctor fleet: %v", err)
	return -1
}

// TestLabFleet: one fleet run over the lab's four sites (nginx and Apache)
// in different scenarios, plus an unreachable host, a path that is not WordPress and a
// site listed twice, gives each its verdict, isolates the failures, leaves
// every site as it was, and the JSON, the recap and index.html agree.
func TestLabFleet(t *testing.T) {
	f := labtest.Facts(t)
	scen := map[string]string{"site1": "fpm-stopped", "site2": "fatal", "site3": "healthy", "site4": "healthy"}
	sites := map[string]*lab.SiteFact{}
	before := map[string]siteState{}
	for _, name := range []string{"site1", "site2", "site3", "site4"} {
		sites[name] = labtest.Site(t, f, name, scen[name])
		before[name] = stateOf(t, f, sites[name])
	}
	s1 := sites["site1"]
	extra := fmt.Sprintf("@down:\n  ssh: %s@127.0.0.1:%d%s\n  key: %s\n@notwp:\n  ssh: %s@127.0.0.1:%d%s\n  key: %s\n@site2-again:\n  ssh: %s@127.0.0.1:%d%s/\n  key: %s\n@wrongkey:\n  ssh: %s@127.0.0.1:%d%s\n  key: %s\n",
		s1.User, closedPort(t), s1.Root, f.Key,
		s1.User, f.SSHPort, s1.ContentDir, f.Key,
		sites["site2"].User, f.SSHPort, sites["site2"].Root, f.Key,
		sites["site3"].User, f.SSHPort, sites["site3"].Home, strangerKey(t))
	dir := fleetAliases(t, f, extra)
	report := filepath.Join(t.TempDir(), "report")
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	code, doc, errb, took := fleetRun(t, ctx, dir, "@all", "--json", "--report", report,
		"--known-hosts", f.KnownHosts, "--concurrency", "4", "--connect-timeout", "5s")
	t.Logf("fleet of %d entries: %.1fs wall\n%s", len(doc.Sites), took.Seconds(), errb)
	want := map[string]struct {
		exit      int
		kind      diag.Kind
		component string
		err       string
	}{
		"@site1":       {4, diag.KindServer, "server:php-fpm-down", ""},
		"@site2":       {3, diag.KindPlugin, "plugin:wpd-fatal", ""},
		"@site3":       {0, diag.KindHealthy, "", ""},
		"@site4":       {0, diag.KindHealthy, "", ""}, // Apache, its database password in the pool's env[...]
		"@down":        {5, "", "", "connect to"},
		"@notwp":       {6, "", "", "not a WordPress install"},
		"@site2-again": {7, "", "", "@site2-again is the same site as @site2"},
		"@wrongkey":    {5, "", "", "authentication failed"},
	}
	if code != fleet.ExitBroken || doc.Summary.Exit != code {
		t.Errorf("exit %d, summary exit %d; want %d", code, doc.Summary.Exit, fleet.ExitBroken)
	}
	if len(doc.Sites) != len(want) {
		t.Errorf("%d sites in the document, want %d", len(doc.Sites), len(want))
	}
	idx, err := os.ReadFile(filepath.Join(report, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.Sites {
		w, ok := want[e.Name]
		if !ok {
			t.Errorf("unexpected site %s", e.Name)
			continue
		}
		if e.Exit != w.exit || !strings.Contains(e.Error, w.err) || w.err == "" && e.Error != "" {
			t.Errorf("%s: exit %d error %q; want %d %q", e.Name, e.Exit, e.Error, w.exit, w.err)
		}
		if w.kind != "" {
			if e.Report == nil {
				t.Errorf("%s: no report", e.Name)
				continue
			}
			v := e.Report.Verdict
			if v.Kind != w.kind || w.component != "" && !contains(v.Components, w.component) {
				t.Errorf("%s: verdict %s %v, want %s %s", e.Name, v.Kind, v.Components, w.kind, w.component)
			}
			if !e.Report.Restored {
				t.Errorf("%s: not restored: %v", e.Name, e.Report.RestoreNotes)
			}
			if _, err := os.Stat(filepath.Join(report, strings.TrimPrefix(e.Name, "@")+".html")); err != nil && !fileExists(filepath.Join(report, "_"+strings.TrimPrefix(e.Name, "@")+".html")) {
				t.Errorf("%s: no HTML report", e.Name)
			}
		}
		row := fmt.Sprintf("<td>%s</td>", e.Name)
		if !bytes.Contains(idx, []byte(row)) || !bytes.Contains(idx, []byte(">"+e.Verdict+"</td>")) {
			t.Errorf("index.html lacks %s with %s", e.Name, e.Verdict)
		}
		if !strings.Contains(errb.String(), e.Name) {
			t.Errorf("no progress line for %s", e.Name)
		}
	}
	for name, s := range sites {
		if d := before[name].diff(stateOf(t, f, s)); len(d) > 0 {
			t.Errorf("%s differs after the fleet run:\n%s", name, strings.Join(d, "\n"))
		}
	}

	// Each lab site diagnosed alone gets the verdict and exit code the
	// fleet gave it.
	for _, e := range doc.Sites {
		s, ok := sites[strings.TrimPrefix(e.Name, "@")]
		if !ok || e.Report == nil {
			continue
		}
		r := wpdoctor(t, t.TempDir(), nil, append([]string{"diagnose", "--json", "-q"}, target(f, s)...)...)
		if r.report == nil {
			t.Errorf("%s alone: exit %d, no report: %s", e.Name, r.code, r.stderr)
			continue
		}
		if r.code != e.Exit || r.report.Verdict.Kind != e.Report.Verdict.Kind ||
			strings.Join(r.report.Verdict.Components, ",") != strings.Join(e.Report.Verdict.Components, ",") {
			t.Errorf("%s: fleet says exit %d %s %v, alone exit %d %s %v", e.Name, e.Exit, e.Report.Verdict.Kind, e.Report.Verdict.Components,
				r.code, r.report.Verdict.Kind, r.report.Verdict.Components)
		}
	}

	// Another wpdoctor holds site3: the fleet reports it locked, naming
	// the holder, and does not diagnose it.
	s3 := sites["site3"]
	l, err := journal.Lock(ctx, site.LocalFS{}, filepath.Dir(s3.Config), journal.LockInfo{Tool: "wpdoctor diagnose"})
	if err != nil {
		t.Fatal(err)
	}
	cmd, out, errb := fleetCmd(ctx, binary, dir, t.TempDir(), "@site3", "--json", "--known-hosts", f.KnownHosts)
	code = exitOf(t, cmd.Run())
	if err := l.Release(ctx); err != nil {
		t.Fatal(err)
	}
	doc = fleet.Document{}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("exit %d, JSON: %v\n%s", code, err, errb)
	}
	if code != fleet.ExitLocked || len(doc.Sites) != 1 || doc.Sites[0].Report != nil || !strings.Contains(doc.Sites[0].Error, "locked by another wpdoctor") {
		t.Errorf("held site3: exit %d, %+v", code, doc.Sites)
	}
}

// strangerKey writes an ed25519 key no lab account authorises.
func strangerKey(t *testing.T) string {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	blk, err := ssh.MarshalPrivateKey(priv, "stranger")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "stranger")
	if err := os.WriteFile(p, pem.EncodeToMemory(blk), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// TestLabFleetInterrupt: SIGINT while sites are in flight undoes every
// change on each of them; the summary says which finished.
func TestLabFleetInterrupt(t *testing.T) {
	f := labtest.Facts(t)
	sites := map[string]*lab.SiteFact{}
	before := map[string]siteState{}
	for _, name := range []string{"site1", "site2", "site3"} {
		// crash: no log names the culprit, so each site gets the debug-log
		// round and a full bisect — long enough to be interrupted in flight
		// (a fatal error is now confirmed in two quick probes).
		sites[name] = labtest.Site(t, f, name, "crash")
		before[name] = stateOf(t, f, sites[name])
	}
	dir := fleetAliases(t, f, "")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// db: the debug-log round edits wp-config.php and waits for opcache,
	// so the sites are in flight long enough (auto's probe agent finishes
	// a crash in about 3 s).
	cmd, out, errb := fleetCmd(ctx, binary, dir, t.TempDir(), "@site1", "@site2", "@site3", "--auto-bisect", "--strategy", "db", "--json", "--known-hosts", f.KnownHosts)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until a debug log is on (a journaled change) on some site.
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) && !changed(t, f, sites, before) {
		time.Sleep(100 * time.Millisecond)
	}
	if !changed(t, f, sites, before) {
		t.Log("no change seen before the interrupt")
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	code := exitOf(t, cmd.Wait())
	var doc fleet.Document
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatalf("exit %d, JSON: %v\n%s\nstderr:\n%s", code, err, out, errb)
	}
	if code != fleet.ExitInterrupted {
		t.Errorf("exit %d, want %d\n%s", code, fleet.ExitInterrupted, errb)
	}
	interrupted := 0
	for _, e := range doc.Sites {
		if e.State == "interrupted" {
			interrupted++
		}
		if e.Report != nil && !e.Report.Restored {
			t.Errorf("%s not restored: %v", e.Name, e.Report.RestoreNotes)
		}
	}
	if interrupted == 0 {
		t.Errorf("no site was in flight at the interrupt: %+v", doc.Summary)
	}
	for name, s := range sites {
		if d := before[name].diff(stateOf(t, f, s)); len(d) > 0 {
			t.Errorf("%s differs after the interrupted run:\n%s", name, strings.Join(d, "\n"))
		}
	}
}

// changed: some site differs from its state before (a change in flight).
func changed(t *testing.T, f *lab.Facts, sites map[string]*lab.SiteFact, before map[string]siteState) bool {
	for name, s := range sites {
		if len(before[name].diff(stateOf(t, f, s))) > 0 {
			return true
		}
	}
	return false
}

// TestLabFleetInventory: an --inventory file's defaults give the identity
// and known_hosts (none on the command line), entries may use ssh: or
// target:, and --tag picks the sites.
func TestLabFleetInventory(t *testing.T) {
	f := labtest.Facts(t)
	s2 := labtest.Site(t, f, "site2", "healthy")
	s3 := labtest.Site(t, f, "site3", "healthy")
	dir := fleetAliases(t, f, "")
	inv := fmt.Sprintf(`defaults:
  identity: %s
  known_hosts: %s
  tags: [lab]
sites:
  two:
    target: ssh://%s@127.0.0.1:%d%s
    tags: [php]
  three:
    ssh: %s@127.0.0.1:%d%s
    url: %s
    tags: [sftp-only]
`, f.Key, f.KnownHosts, s2.User, f.SSHPort, s2.Root, s3.User, f.SSHPort, s3.Root, s3.URL)
	if err := os.WriteFile(filepath.Join(dir, "fleet.yml"), []byte(inv), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	for _, tc := range []struct {
		args  []string
		names string
	}{
		{[]string{"--tag", "sftp-only"}, "three"},
		{[]string{"all", "--tag", "lab"}, "three two"},
		{[]string{"@two"}, "two"},
	} {
		cmd, out, errb := fleetCmd(ctx, binary, dir, t.TempDir(), append([]string{"--inventory", "fleet.yml", "--json"}, tc.args...)...)
		code := exitOf(t, cmd.Run())
		var doc fleet.Document
		if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
			t.Fatalf("%v: exit %d, JSON: %v\n%s", tc.args, code, err, errb)
		}
		var names []string
		for _, e := range doc.Sites {
			names = append(names, e.Name)
			if e.Exit != 0 || e.Report == nil || e.Report.Verdict.Kind != diag.KindHealthy {
				t.Errorf("%v: %s exit %d error %q", tc.args, e.Name, e.Exit, e.Error)
			}
		}
		if code != 0 || strings.Join(names, " ") != tc.names {
			t.Errorf("%v: exit %d, sites %v; want %s", tc.args, code, names, tc.names)
		}
	}
}
