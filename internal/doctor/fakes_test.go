package doctor

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/doctor/agent"
	"github.com/wpdoctor/wpdoctor/internal/probe"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// rootFS is site.LocalFS confined to a directory: the engine sees /srv/...
// and never this machine's own /etc or /var/log.
type rootFS struct {
	base string
	site.LocalFS
	// failRename, when set, fails renames whose old path it matches.
	failRename func(old string) error
}

func (f *rootFS) p(name string) string { return filepath.Join(f.base, filepath.FromSlash(name)) }

func (f *rootFS) ReadFile(ctx context.Context, name string) ([]byte, error) {
	return f.LocalFS.ReadFile(ctx, f.p(name))
}
func (f *rootFS) WriteFileAtomic(ctx context.Context, name string, data []byte, perm fs.FileMode) error {
	return f.LocalFS.WriteFileAtomic(ctx, f.p(name), data, perm)
}
func (f *rootFS) Rename(ctx context.Context, o, n string) error {
	if f.failRename != nil {
		if err := f.failRename(o); err != nil {
			return err
		}
	}
	return f.LocalFS.Rename(ctx, f.p(o), f.p(n))
}
func (f *rootFS) RenameMany(ctx context.Context, pairs []site.RenamePair) []error {
	errs := make([]error, len(pairs))
	for i, p := range pairs {
		errs[i] = f.Rename(ctx, p.Old, p.New)
	}
	return errs
}
func (f *rootFS) Stat(ctx context.Context, name string) (fs.FileInfo, error) {
	return f.LocalFS.Stat(ctx, f.p(name))
}
func (f *rootFS) Lstat(ctx context.Context, name string) (fs.FileInfo, error) {
	return f.LocalFS.Lstat(ctx, f.p(name))
}
func (f *rootFS) ReadDir(ctx context.Context, name string) ([]fs.FileInfo, error) {
	return f.LocalFS.ReadDir(ctx, f.p(name))
}
func (f *rootFS) ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error) {
	return f.LocalFS.ReadRange(ctx, f.p(name), off, n)
}
func (f *rootFS) Remove(ctx context.Context, name string) error {
	return f.LocalFS.Remove(ctx, f.p(name))
}
func (f *rootFS) Mkdir(ctx context.Context, name string, perm fs.FileMode) error {
	return f.LocalFS.Mkdir(ctx, f.p(name), perm)
}

// fakeDB is an option table in memory.
type fakeDB struct {
	mu   sync.Mutex
	rows map[string][]byte
	// failCAS, when set, fails writes of the option it names.
	failCAS func(name string) error
}

func (d *fakeDB) Option(_ context.Context, name string) ([]byte, bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	v, ok := d.rows[name]
	return append([]byte(nil), v...), ok, nil
}

func (d *fakeDB) CompareAndSwapOption(_ context.Context, name string, oldFound bool, old, new []byte) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.failCAS != nil {
		if err := d.failCAS(name); err != nil {
			return false, err
		}
	}
	cur, ok := d.rows[name]
	if ok != oldFound || ok && !bytes.Equal(cur, old) {
		return false, nil
	}
	d.rows[name] = append([]byte(nil), new...)
	return true, nil
}

func (d *fakeDB) DeleteOption(_ context.Context, name string, value []byte) (bool, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	cur, ok := d.rows[name]
	if !ok || !bytes.Equal(cur, value) {
		return false, nil
	}
	delete(d.rows, name)
	return true, nil
}

func (d *fakeDB) OptionDigests(context.Context) (map[string]string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := map[string]string{}
	for k, v := range d.rows {
		h := sha256.Sum256(v)
		out[k] = hex.EncodeToString(h[:])
	}
	return out, nil
}

func (d *fakeDB) get(name string) string {
	v, _, _ := d.Option(context.Background(), name)
	return string(v)
}

func (d *fakeDB) set(name, v string) {
	d.mu.Lock()
	d.rows[name] = []byte(v)
	d.mu.Unlock()
}

// phpList serializes a PHP list of strings, as active_plugins is stored.
func phpList(items ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "a:%d:{", len(items))
	for i, s := range items {
		fmt.Fprintf(&b, "i:%d;s:%d:\"%s\";", i, len(s), s)
	}
	return b.String() + "}"
}

// fakeSite is a WordPress install in a temp dir, its option table, and a
// web server that answers from their state the way WordPress would: a
// crashing plugin, theme or must-use plugin breaks every page while it is
// loaded, and PHP logs the fatal error to the debug log.
type fakeSite struct {
	t     *testing.T
	fs    *rootFS
	db    *fakeDB
	root  string // the WordPress root as the engine sees it
	probe atomic.Int64
	// bad: what crashes ("plugin:bad", "theme:badtheme", "mu-plugin:bad-mu.php").
	bad string
	// logFatal: PHP logs the crash (the evidence then names the culprit).
	logFatal bool
	// flaky: the crash shows on every second request of each URL only.
	flaky  bool
	perURL map[string]int
	// steadyFirst: with flaky, the first steadyFirst requests of each URL
	// show the crash every time (a flaky crash that looked steady).
	steadyFirst int
	// onProbe runs before each probe answers (cancellation, faults).
	onProbe func(n int64)
	// noAgent: must-use plugins do not load (the probe agent never runs).
	noAgent bool
	// visitors records, per probe, whether a visitor's request (without
	// the agent's secret) would have failed at that moment.
	visitors []bool
	secrets  map[string]bool // agent secrets seen in probe requests
	events   []diag.Event
	evMu     sync.Mutex
}

const fakeRoot = "/srv/www/shop"

func newFakeSite(t *testing.T, bad string, plugins ...string) *fakeSite {
	t.Helper()
	f := &fakeSite{t: t, fs: &rootFS{base: t.TempDir()}, db: &fakeDB{rows: map[string][]byte{}}, root: fakeRoot, bad: bad}
	f.write("wp-settings.php", "<?php\n")
	f.write("wp-includes/version.php", "<?php\n$wp_version = '6.4.2';\n$wp_db_version = 56657;\n")
	f.write("wp-config.php", `<?php
define( 'DB_NAME', 'shop' );
define( 'DB_USER', 'shop' );
define( 'DB_PASSWORD', 'not-a-real-secret' );
define( 'DB_HOST', 'localhost' );
$table_prefix = 'wp_';
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
`)
	var active []string
	for _, p := range plugins {
		f.write("wp-content/plugins/"+p+"/"+p+".php", "<?php\n/*\nPlugin Name: "+p+"\nVersion: 1.0\n*/\n")
		active = append(active, p+"/"+p+".php")
	}
	for _, th := range []string{"twentytwentyfour", "shoptheme", "badtheme"} {
		f.write("wp-content/themes/"+th+"/style.css", "/*\nTheme Name: "+th+"\nVersion: 1.0\n*/\n")
		f.write("wp-content/themes/"+th+"/index.php", "<?php\n")
	}
	f.db.set("active_plugins", phpList(active...))
	f.db.set("home", "http://shop.test")
	f.db.set("siteurl", "http://shop.test")
	f.db.set("template", "shoptheme")
	f.db.set("stylesheet", "shoptheme")
	f.db.set("blogname", "Shop")
	return f
}

func (f *fakeSite) abs(rel string) string { return path.Join(f.root, rel) }

func (f *fakeSite) write(rel, content string) {
	f.t.Helper()
	p := f.fs.p(f.abs(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		f.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

func (f *fakeSite) exists(rel string) bool {
	_, err := os.Lstat(f.fs.p(f.abs(rel)))
	return err == nil
}

// broken says whether WordPress crashes now, and in which file.
// ask is what the request asks of the probe agent (nil: nothing).
func (f *fakeSite) broken(ask http.Header) (bool, string) {
	kind, name, _ := strings.Cut(f.bad, ":")
	switch kind {
	case "plugin":
		file := name + "/" + name + ".php"
		if kept, ok := ask[http.CanonicalHeaderKey(agent.HeaderPlugins)]; ok && !strings.Contains(","+kept[0]+",", ","+strings.ReplaceAll(file, "/", "%2F")+",") {
			return false, ""
		}
		if f.exists("wp-content/plugins/"+file) && strings.Contains(f.db.get("active_plugins"), `"`+file+`"`) {
			return true, f.abs("wp-content/plugins/" + file)
		}
	case "theme":
		if ask.Get(agent.HeaderTheme) == "off" {
			return false, ""
		}
		if f.db.get("stylesheet") == name && f.exists("wp-content/themes/"+name) {
			return true, f.abs("wp-content/themes/" + name + "/functions.php")
		}
	case "mu-plugin":
		if f.exists("wp-content/mu-plugins/" + name) {
			return true, f.abs("wp-content/mu-plugins/" + name)
		}
	}
	return false, ""
}

// Probe answers as the site would.
func (f *fakeSite) Probe(ctx context.Context, url string) probe.Result {
	n := f.probe.Add(1)
	if f.onProbe != nil {
		f.onProbe(n)
	}
	if ctx.Err() != nil {
		return probe.Result{URL: url, Class: probe.ClassCanceled, Reason: "canceled", Err: ctx.Err()}
	}
	f.evMu.Lock()
	vbad, _ := f.broken(nil)
	f.visitors = append(f.visitors, vbad)
	f.evMu.Unlock()
	ask := f.agentAsk(ctx)
	if ask != nil && ask.Get(agent.HeaderPing) != "" {
		n := 0
		if kept := ask.Values(agent.HeaderPlugins); len(kept) > 0 && kept[0] != "" {
			n = len(strings.Split(kept[0], ","))
		}
		return probe.Result{URL: url, Status: 200, Class: probe.ClassOK, Headers: probe.Headers{WPDoctorAgent: "1"},
			Body: []byte(fmt.Sprintf(`{"agent":1,"active":%d}`, n)), Total: time.Millisecond}
	}
	bad, file := f.broken(ask)
	if f.flaky {
		f.evMu.Lock()
		if f.perURL == nil {
			f.perURL = map[string]int{}
		}
		f.perURL[url]++
		even := f.perURL[url]%2 == 0 || f.perURL[url] <= f.steadyFirst
		f.evMu.Unlock()
		bad = bad && even
	}
	if !bad {
		return probe.Result{URL: url, Status: 200, Class: probe.ClassOK, Reason: "200 OK", Total: time.Millisecond}
	}
	if f.logFatal {
		line := fmt.Sprintf("[03-Dec-2026 07:00:%02d UTC] PHP Fatal error:  Uncaught Error: Call to undefined function shop_crash() in %s:3\n", n%60, file)
		p := f.fs.p(f.abs("wp-content/debug.log"))
		fh, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			fh.WriteString(line)
			fh.Close()
		}
	}
	return probe.Result{URL: url, Status: 500, Class: probe.ClassWPCriticalError, Reason: "500: There has been a critical error on this website", Total: time.Millisecond}
}

var agentHash = regexp.MustCompile(`\$hash\s*=\s*'([0-9a-f]{64})'`)

// agentAsk is what a request asks of a placed probe agent: its headers
// when they carry the secret whose hash the agent file holds, else nil.
func (f *fakeSite) agentAsk(ctx context.Context) http.Header {
	h := probe.HeaderFrom(ctx)
	sec := h.Get(agent.HeaderSecret)
	if sec == "" {
		return nil
	}
	f.evMu.Lock()
	if f.secrets == nil {
		f.secrets = map[string]bool{}
	}
	f.secrets[sec] = true
	f.evMu.Unlock()
	found, _ := filepath.Glob(f.fs.p(f.abs("wp-content/mu-plugins/" + agent.FilePrefix + "*.php")))
	if len(found) != 1 || f.noAgent {
		return nil
	}
	b, err := os.ReadFile(found[0])
	if err != nil {
		return nil
	}
	m := agentHash.FindSubmatch(b)
	sum := sha256.Sum256([]byte(sec))
	if m == nil || string(m[1]) != hex.EncodeToString(sum[:]) {
		return nil
	}
	return h
}

func (f *fakeSite) Requests() int64 { return f.probe.Load() }

func (f *fakeSite) sink(e diag.Event) {
	f.evMu.Lock()
	f.events = append(f.events, e)
	f.evMu.Unlock()
}

func (f *fakeSite) eventsOf(kind diag.EventKind) []diag.Event {
	f.evMu.Lock()
	defer f.evMu.Unlock()
	var out []diag.Event
	for _, e := range f.events {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// fakeClock never waits.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Millisecond)
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

// open loads the fake site and opens a session on it.
func (f *fakeSite) open(stateDir string) *Session {
	f.t.Helper()
	s := f.load()
	sess, err := Open(context.Background(), s, OpenOptions{Name: "shop", StateDir: stateDir, Sink: f.sink, Prober: f,
		Clock: &fakeClock{now: time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)}, OpcacheDelay: time.Millisecond, Tool: "wpdoctor test"})
	if err != nil {
		f.t.Fatal(err)
	}
	return sess
}

func (f *fakeSite) load() *Site {
	f.t.Helper()
	s, err := LoadSite(context.Background(), Access{ID: "local:test", Target: f.root, FS: f.fs, Shell: fakeShell{}, Home: "/home/shop"}, f.root)
	if err != nil {
		f.t.Fatal(err)
	}
	s.DB = f.db
	return s
}

// snapshot is the site's state: every file with its content, every option.
func (f *fakeSite) snapshot() map[string]string {
	f.t.Helper()
	out := map[string]string{}
	base := f.fs.p(f.root)
	err := filepath.Walk(base, func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(base, p)
		if info.IsDir() {
			out["dir "+rel] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		out["file "+rel] = string(b)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	f.db.mu.Lock()
	for k, v := range f.db.rows {
		out["option "+k] = string(v)
	}
	f.db.mu.Unlock()
	return out
}

// diffState lists what differs between two snapshots, ignoring the debug
// log WordPress writes (it is the site's, not wpdoctor's).
func diffState(a, b map[string]string) []string {
	var d []string
	for k, v := range a {
		if w, ok := b[k]; !ok {
			d = append(d, "gone: "+k)
		} else if w != v && !strings.HasSuffix(k, "debug.log") {
			d = append(d, "changed: "+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok && !strings.HasSuffix(k, "debug.log") {
			d = append(d, "appeared: "+k)
		}
	}
	sort.Strings(d)
	return d
}

// fakeShell answers the engine's few commands like a small server.
type fakeShell struct{}

func (fakeShell) Run(_ context.Context, cmd string) (site.Result, error) {
	switch {
	case strings.HasPrefix(cmd, "php -v"):
		return site.Result{Stdout: []byte("PHP 8.2.7 (cli) (built: Jun  9 2023)\n")}, nil
	case strings.Contains(cmd, "nginx apache2"):
		return site.Result{Stdout: []byte("nginx version: nginx/1.22.1\n")}, nil
	}
	return site.Result{ExitCode: 127, Stderr: []byte("not found")}, nil
}
