package checks

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/probe"
	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/wp"
)

func TestRegistrySortedUnique(t *testing.T) {
	var ids []string
	seen := map[string]bool{}
	for _, c := range All() {
		if c.ID == "" || c.Title == "" || c.Run == nil {
			t.Errorf("incomplete check %+v", c)
		}
		if seen[c.ID] {
			t.Errorf("duplicate ID %s", c.ID)
		}
		seen[c.ID] = true
		ids = append(ids, c.ID)
	}
	if !sort.StringsAreSorted(ids) {
		t.Errorf("registry not sorted: %v", ids)
	}
}

// fakeShell answers commands by prefix.
type fakeShell map[string]site.Result

func (f fakeShell) Run(_ context.Context, cmd string) (site.Result, error) {
	for prefix, r := range f {
		if strings.HasPrefix(cmd, prefix) {
			return r, nil
		}
	}
	return site.Result{ExitCode: 127, Stderr: []byte("command not found")}, nil
}

// fileFS serves some files from memory, the rest from the local disk.
type fileFS struct {
	site.LocalFS
	files map[string]string
}

func (f fileFS) ReadFile(ctx context.Context, name string) ([]byte, error) {
	if s, ok := f.files[name]; ok {
		return []byte(s), nil
	}
	return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
}

func run(t *testing.T, c Check, e *Env) []diag.Finding {
	t.Helper()
	return Run(context.Background(), e, []Check{c})
}

func one(t *testing.T, fs []diag.Finding, sev diag.Severity, contains string) diag.Finding {
	t.Helper()
	for _, f := range fs {
		if f.Severity == sev && strings.Contains(f.Summary, contains) {
			if f.Check == "" || f.Title == "" {
				t.Errorf("finding without check ID or title: %+v", f)
			}
			return f
		}
	}
	t.Fatalf("no %s finding containing %q in %+v", sev, contains, fs)
	return diag.Finding{}
}

func TestSkippedWithoutShell(t *testing.T) {
	fs := Run(context.Background(), &Env{NoShell: "no shell access"}, []Check{diskSpace, oomKills})
	if len(fs) != 2 || !fs[0].Skipped || !strings.Contains(fs[0].Summary, "no shell") {
		t.Errorf("%+v", fs)
	}
	fs = Run(context.Background(), &Env{DBErr: errors.New("refused")}, []Check{missingActivePlugins})
	if len(fs) != 1 || !fs[0].Skipped {
		t.Errorf("%+v", fs)
	}
}

func TestCoreFiles(t *testing.T) {
	root := t.TempDir()
	for _, f := range coreFilesRequired {
		p := filepath.Join(root, f)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, nil, 0o644)
	}
	e := &Env{FS: site.LocalFS{}, Loc: wp.Location{ABSPATH: root}}
	if fs := run(t, coreFiles, e); len(fs) != 0 {
		t.Errorf("complete core: %+v", fs)
	}
	os.Remove(filepath.Join(root, "wp-settings.php"))
	f := one(t, run(t, coreFiles, e), diag.Critical, "wp-settings.php")
	if !f.Cause {
		t.Error("missing core is a cause")
	}
}

func TestWPConfigDamaged(t *testing.T) {
	e := &Env{FS: site.LocalFS{}, Config: &wp.Config{Damaged: true, Diagnostics: []string{"line 7: syntax error"}}}
	one(t, run(t, wpConfigDamaged, e), diag.Critical, "syntax error")
	e.Config.Damaged = false
	if fs := run(t, wpConfigDamaged, e); len(fs) != 0 {
		t.Errorf("%+v", fs)
	}
}

func TestInventoryChecks(t *testing.T) {
	inv := &inventory.Inventory{
		Maintenance:   inventory.Maintenance{Present: true, Path: "/w/.maintenance"},
		Dropins:       []inventory.Dropin{{File: "advanced-cache.php", Path: "/w/wp-content/advanced-cache.php", Orphaned: true, OrphanReason: "wp-super-cache is not installed", Loads: inventory.LoadNever, OwnerSlug: "wp-super-cache"}},
		MissingActive: []string{"gone/gone.php"},
		Theme:         inventory.ActiveTheme{Stylesheet: "child", Template: "parent", StylesheetInstalled: true, Problems: []string{"parent theme parent is not installed"}},
	}
	e := &Env{FS: site.LocalFS{}, Inventory: inv, DB: nil}
	one(t, run(t, maintenanceFile, e), diag.Warning, "left behind")
	f := one(t, run(t, dropinsOrphaned, e), diag.Warning, "orphaned")
	if f.Component != "drop-in:advanced-cache.php" {
		t.Errorf("component %q", f.Component)
	}
	inv.Dropins[0].Loads = inventory.LoadAlways
	one(t, run(t, dropinsOrphaned, e), diag.Error, "orphaned")
}

func TestDatabase(t *testing.T) {
	e := &Env{FS: site.LocalFS{}, Config: &wp.Config{DB: wp.DBSettings{Host: "localhost"}}, DBErr: errors.New("access denied")}
	f := one(t, run(t, database, e), diag.Error, "access denied")
	if f.Cause {
		t.Error("an unreachable DB without the error page is not proven to be the cause")
	}
	e.Probes = []probe.Result{{Class: probe.ClassWPDBError, Status: 500}}
	if f := one(t, run(t, database, e), diag.Critical, "access denied"); !f.Cause {
		t.Error("with WordPress's DB error page it is the cause")
	}
}

func TestMemory(t *testing.T) {
	e := &Env{FS: fileFS{files: map[string]string{"/proc/meminfo": "MemTotal:       4000000 kB\nMemFree:   10 kB\nMemAvailable:      50000 kB\n"}}}
	one(t, run(t, memoryAvailable, e), diag.Warning, "nearly out of memory")
	e.FS = fileFS{files: map[string]string{"/proc/meminfo": "MemTotal: 4000000 kB\nMemAvailable: 3000000 kB\n"}}
	one(t, run(t, memoryAvailable, e), diag.Info, "2929 MiB of 3906 MiB")
	e.FS = fileFS{files: map[string]string{}}
	if fs := run(t, memoryAvailable, e); len(fs) != 1 || !fs[0].Skipped {
		t.Errorf("%+v", fs)
	}
}

func TestOOMKills(t *testing.T) {
	e := &Env{Shell: fakeShell{
		"dmesg 2>/dev/null | head": {Stdout: []byte("64\n")},
		"dmesg 2>/dev/null | grep": {Stdout: []byte("[12.3] Out of memory: Killed process 4242 (php-fpm8.2)\n")},
	}}
	f := one(t, run(t, oomKills, e), diag.Error, "lack of memory")
	if len(f.Evidence) != 1 || !strings.Contains(f.Evidence[0].Text, "php-fpm8.2") {
		t.Errorf("%+v", f.Evidence)
	}
	e.Shell = fakeShell{"dmesg 2>/dev/null | head": {Stdout: []byte("0\n")}, "journalctl": {Stdout: []byte("0\n")}}
	if fs := run(t, oomKills, e); len(fs) != 1 || !fs[0].Skipped {
		t.Errorf("unreadable kernel log must be skipped, not clean: %+v", fs)
	}
}

func TestDiskSpace(t *testing.T) {
	df := "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/sda1 100 99 1 99% /\n"
	e := &Env{Shell: fakeShell{"df -P": {Stdout: []byte(strings.Split(df, "\n")[1] + "\n")}}, Loc: wp.Location{ABSPATH: "/var/www"}}
	if f := one(t, run(t, diskSpace, e), diag.Critical, "disk is full"); !f.Cause {
		t.Error("a full disk is a cause")
	}
}

func TestEventChecks(t *testing.T) {
	e := &Env{FS: site.LocalFS{}, Events: []logs.Event{
		{Kind: logs.KindFPMChildSignal, Signal: "SIGSEGV", Source: "PHP-FPM log", Raw: "child 1 exited on signal 11 (SIGSEGV)"},
		{Kind: logs.KindFPMChildSignal, Signal: "SIGTERM", Source: "PHP-FPM log", Raw: "child 2 exited on signal 15"},
		{Kind: logs.KindWorkersExhausted, Source: "PHP-FPM log", Raw: "server reached pm.max_children setting (5)"},
		{Kind: logs.KindFastCGIStderr, Embedded: []logs.Event{{Kind: logs.KindPHPMemory, Raw: "Allowed memory size of 134217728 bytes exhausted"}}},
	}}
	one(t, run(t, phpFPMCrashes, e), diag.Error, "1 PHP-FPM worker(s) died of SIGSEGV")
	one(t, run(t, phpFPMMaxChildren, e), diag.Warning, "pm.max_children")
	one(t, run(t, phpMemoryLimit, e), diag.Error, "run out of memory")
}

func TestCDN(t *testing.T) {
	e := &Env{URL: "https://shop.example", Probes: []probe.Result{{URL: "https://shop.example/", Status: 522, Class: probe.ClassCDNError, CDN: "cloudflare", Reason: "Cloudflare 522: connection timed out"}}}
	f := one(t, run(t, cdn, e), diag.Warning, "cloudflare itself answers")
	if !strings.Contains(f.Fix, "--resolve") {
		t.Errorf("fix %q", f.Fix)
	}
	e.Probes[0] = probe.Result{URL: "https://shop.example/", Status: 200, Class: probe.ClassOK, CDN: "cloudflare"}
	one(t, run(t, cdn, e), diag.Info, "--resolve shop.example:443:ORIGIN_IP")
}

func TestDNS(t *testing.T) {
	e := &Env{URL: "https://shop.example", Shell: fakeShell{"hostname": {Stdout: []byte("10.0.0.5\n")}},
		LookupHost: func(context.Context, string) ([]string, error) { return []string{"203.0.113.9"}, nil }}
	one(t, run(t, dns, e), diag.Warning, "none of which is this server")
	e.LookupHost = func(context.Context, string) ([]string, error) { return []string{"10.0.0.5"}, nil }
	one(t, run(t, dns, e), diag.Info, "resolves to 10.0.0.5")
	e.LookupHost = func(context.Context, string) ([]string, error) { return nil, errors.New("no such host") }
	if f := one(t, run(t, dns, e), diag.Error, "does not resolve"); !f.Cause {
		t.Error("an unresolvable name is a cause")
	}
}

func TestDebugLogPublic(t *testing.T) {
	root := t.TempDir()
	content := filepath.Join(root, "wp-content")
	os.MkdirAll(content, 0o755)
	os.WriteFile(filepath.Join(content, "debug.log"), []byte("[21-Nov-2026 10:00:00 UTC] PHP Notice: x"), 0o644)
	srv := httptest.NewServer(http.FileServer(http.Dir(root)))
	defer srv.Close()
	p, err := probe.New(probe.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := &Env{FS: site.LocalFS{}, Prober: p, URL: srv.URL, Loc: wp.Location{ABSPATH: root}, Config: &wp.Config{ContentDir: content}}
	one(t, run(t, debugLogPublic, e), diag.Error, "can be downloaded by anyone")
	os.Remove(filepath.Join(content, "debug.log"))
	if fs := run(t, debugLogPublic, e); len(fs) != 0 {
		t.Errorf("no debug.log: %+v", fs)
	}
}
