package nginx

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conftest"
)

func loadNginxFixture(t *testing.T, fx, main string) *Config {
	t.Helper()
	cfg, err := Load(context.Background(), conftest.Fixture(testdata, fx), main, Options{})
	if err != nil {
		t.Fatalf("LoadNginx %s: %v", fx, err)
	}
	return cfg
}

func TestLoadNginxDebian(t *testing.T) {
	cfg := loadNginxFixture(t, "debian", "/etc/nginx/nginx.conf")
	wantFiles := []string{"/etc/nginx/nginx.conf", "/etc/nginx/mime.types", "/etc/nginx/sites-enabled/default"}
	if !reflect.DeepEqual(cfg.Files, wantFiles) {
		t.Errorf("files %q, want %q", cfg.Files, wantFiles)
	}
	if len(cfg.Problems) != 0 {
		t.Errorf("problems: %v", cfg.Problems)
	}
	// The three includes: modules-enabled (no match), mime.types, conf.d (no match), sites-enabled.
	var pats []string
	for _, inc := range cfg.Includes {
		pats = append(pats, inc.Pattern)
	}
	wantPats := []string{"/etc/nginx/modules-enabled/*.conf", "/etc/nginx/mime.types", "/etc/nginx/conf.d/*.conf", "/etc/nginx/sites-enabled/*"}
	if !reflect.DeepEqual(pats, wantPats) {
		t.Errorf("include patterns %q, want %q", pats, wantPats)
	}
	servers := cfg.Servers()
	if len(servers) != 1 {
		t.Fatalf("%d servers, want 1", len(servers))
	}
	s := servers[0]
	if s.Pos.String() != "/etc/nginx/sites-enabled/default:21" {
		t.Errorf("server at %s", s.Pos)
	}
	if len(s.Listen) != 2 || s.Listen[0].Port != 80 || !s.Listen[0].DefaultServer || s.Listen[1].Addr != "::" {
		t.Errorf("listen %+v", s.Listen)
	}
	if s.Root.Value != "/var/www/html" || s.Root.Pos.Line != 41 {
		t.Errorf("root %+v", s.Root)
	}
	// error_log from the main level, access_log from http.
	if len(s.ErrorLogs) != 1 || s.ErrorLogs[0].Path != "/var/log/nginx/error.log" || s.ErrorLogs[0].Default ||
		s.ErrorLogs[0].Pos.String() != "/etc/nginx/nginx.conf:4" || s.ErrorLogs[0].Level != "error" {
		t.Errorf("error logs %+v", s.ErrorLogs)
	}
	if len(s.AccessLogs) != 1 || s.AccessLogs[0].Path != "/var/log/nginx/access.log" || s.AccessLogs[0].Format != "combined" ||
		s.AccessLogs[0].Pos.String() != "/etc/nginx/nginx.conf:40" {
		t.Errorf("access logs %+v", s.AccessLogs)
	}
	// The PHP location is commented out on a stock Debian: no backend.
	if l := s.LocationFor("/index.php"); l == nil || l.Pattern != "/" || l.Backend() != nil {
		t.Errorf("LocationFor(/index.php) = %+v", l)
	}
}

func TestLoadNginxLab(t *testing.T) {
	cfg := loadNginxFixture(t, "lab", "/srv/wplab/nginx/nginx.conf")
	if len(cfg.Problems) != 0 {
		t.Errorf("problems: %v", cfg.Problems)
	}
	servers := cfg.Servers()
	if len(servers) != 3 {
		t.Fatalf("%d servers, want 3", len(servers))
	}
	for i, s := range servers {
		site := []string{"site1", "site2", "site3"}[i]
		if len(s.Listen) != 1 || s.Listen[0].Addr != "127.0.0.1" || s.Listen[0].Port != 8081+i {
			t.Errorf("%s listen %+v", site, s.Listen)
		}
		wantErr := "/srv/wplab/sites/" + site + "/logs/nginx-error.log"
		if len(s.ErrorLogs) != 1 || s.ErrorLogs[0].Path != wantErr || s.ErrorLogs[0].Level != "info" {
			t.Errorf("%s error logs %+v", site, s.ErrorLogs)
		}
		if len(s.AccessLogs) != 1 || s.AccessLogs[0].Format != "wpdlab" {
			t.Errorf("%s access logs %+v", site, s.AccessLogs)
		}
		l := s.LocationFor("/index.php")
		if l == nil || l.Modifier != "~" || l.Pattern != `\.php$` || l.FastCGI == nil {
			t.Fatalf("%s: php location %+v", site, l)
		}
		b := l.FastCGI
		want := "/srv/wplab/run/" + site + "-fpm.sock"
		if len(b.Targets) != 1 || b.Targets[0].Network != "unix" || b.Targets[0].Address != want {
			t.Errorf("%s targets %+v", site, b.Targets)
		}
		// The lab keeps nginx's default buffers and timeouts.
		if !b.BufferSize.Default || b.BufferSize.Value != 4096 || !b.Buffers.Default || b.Buffers.Value != (Buffers{8, 4096}) ||
			!b.ReadTimeout.Default || b.ReadTimeout.Value.Seconds() != 60 || b.BusyBuffersSize.Value != 8192 {
			t.Errorf("%s buffers/timeouts %+v %+v %+v", site, b.BufferSize, b.Buffers, b.ReadTimeout)
		}
		if b.BufferSize.Raw != "4k" || b.Buffers.Raw != "8 4k" || b.BusyBuffersSize.Raw != "8k" || b.ReadTimeout.Raw != "60s" {
			t.Errorf("%s default spellings %q %q %q %q", site, b.BufferSize.Raw, b.Buffers.Raw, b.BusyBuffersSize.Raw, b.ReadTimeout.Raw)
		}
		if p, ok := b.Param("SCRIPT_FILENAME"); !ok || p.Value != "$document_root$fastcgi_script_name" {
			t.Errorf("%s SCRIPT_FILENAME %+v", site, p)
		}
		if p, ok := b.Param("REQUEST_METHOD"); !ok || p.Pos.File != "/srv/wplab/nginx/fastcgi_params" {
			t.Errorf("%s REQUEST_METHOD from %+v", site, p)
		}
		if got := s.LocationFor("/wp-admin/"); got == nil || got.Pattern != "/" {
			t.Errorf("%s LocationFor(/wp-admin/) = %+v", site, got)
		}
	}
}

// `nginx -T` output captured on this machine parses into the same tree as
// reading the same files from the fixture tree.
func TestParseNginxDumpMatchesFiles(t *testing.T) {
	tests := []struct{ dump, fx, main string }{
		{"debian-system.txt", "debian", "/etc/nginx/nginx.conf"},
		{"lab.txt", "lab", "/srv/wplab/nginx/nginx.conf"},
	}
	for _, tt := range tests {
		t.Run(tt.dump, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(testdata, "nginx-T", tt.dump))
			if err != nil {
				t.Fatal(err)
			}
			fromDump, err := ParseDump(context.Background(), data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			fromFS := loadNginxFixture(t, tt.fx, tt.main)
			if fromDump.Main != tt.main {
				t.Errorf("main %q", fromDump.Main)
			}
			if !reflect.DeepEqual(fromDump.Files, fromFS.Files) {
				t.Errorf("files %q vs %q", fromDump.Files, fromFS.Files)
			}
			if !reflect.DeepEqual(fromDump.Tree, fromFS.Tree) {
				t.Errorf("trees differ:\n%s\n%s", conftest.Flat(fromDump.Tree), conftest.Flat(fromFS.Tree))
			}
			if len(fromDump.Problems) != 0 {
				t.Errorf("problems %v", fromDump.Problems)
			}
		})
	}
}

func TestParseNginxDumpHeaderAndPreamble(t *testing.T) {
	dump := "nginx: the configuration file /x/nginx.conf syntax is ok\n" +
		"nginx: configuration file /x/nginx.conf test is successful\n" +
		"# configuration file /x/nginx.conf:\nhttp {\n  include inc/*.conf;\n}\n\n" +
		"# configuration file /x/inc/a.conf:\nserver { listen 81; }\n\n" +
		"# configuration file /x/inc/b.conf:\n\nserver {\n listen 82; }\n"
	cfg, err := ParseDump(context.Background(), []byte(dump), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ss := cfg.Servers()
	if len(ss) != 2 || ss[0].Listen[0].Port != 81 || ss[1].Listen[0].Port != 82 {
		t.Fatalf("servers %+v", ss)
	}
	if ss[1].Pos.String() != "/x/inc/b.conf:2" || ss[1].Listen[0].Pos.String() != "/x/inc/b.conf:3" {
		t.Errorf("positions %s %s", ss[1].Pos, ss[1].Listen[0].Pos)
	}
	if _, err := ParseDump(context.Background(), []byte("nginx: [emerg] unknown directive \"foo\"\n"), Options{}); !errors.Is(err, conf.ErrSyntax) {
		t.Errorf("no header: err = %v", err)
	}
}

func TestLoadNginxIncludeProblems(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("etc/nginx/nginx.conf", "http {\n include missing.conf;\n include none/*.conf;\n include broken.conf;\n include self.conf;\n include secret.conf;\n server { listen 80; }\n}\n")
	write("etc/nginx/broken.conf", "server { listen 81;\n")
	write("etc/nginx/self.conf", "include self.conf;\nserver { listen 82; }\n")
	write("etc/nginx/secret.conf", "server { listen 83; }\n")
	fsys := denyFS{conftest.RootFS{Root: dir}, "/etc/nginx/secret.conf"}
	cfg, err := Load(context.Background(), fsys, "/etc/nginx/nginx.conf", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range cfg.Problems {
		msgs = append(msgs, p.String())
	}
	want := []string{
		"/etc/nginx/nginx.conf:2: include /etc/nginx/missing.conf: no such file",
		`/etc/nginx/broken.conf:2: nginx syntax: /etc/nginx/broken.conf:2: unexpected end of file, expecting "}"`,
		"/etc/nginx/self.conf:1: include /etc/nginx/self.conf: include cycle",
		"/etc/nginx/nginx.conf:6: include /etc/nginx/secret.conf: permission denied",
	}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if !errors.Is(cfg.Problems[0].Err, fs.ErrNotExist) || !errors.Is(cfg.Problems[1].Err, conf.ErrSyntax) ||
		!errors.Is(cfg.Problems[2].Err, conf.ErrLimit) || !errors.Is(cfg.Problems[3].Err, fs.ErrPermission) {
		t.Errorf("problem errors: %v", cfg.Problems)
	}
	// What could be read is still there: the broken file's server (partial) and self.conf's.
	var ports []int
	for _, s := range cfg.Servers() {
		ports = append(ports, s.Listen[0].Port)
	}
	if !reflect.DeepEqual(ports, []int{81, 82, 80}) {
		t.Errorf("ports %v", ports)
	}
	if _, err := Load(context.Background(), fsys, "/etc/nginx/nope.conf", Options{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing main: %v", err)
	}
}

// denyFS fails reads of one path with a permission error.
type denyFS struct {
	conftest.RootFS
	deny string
}

func (d denyFS) ReadFile(ctx context.Context, name string) ([]byte, error) {
	if name == d.deny {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.RootFS.ReadFile(ctx, name)
}

func TestLoadNginxLimits(t *testing.T) {
	// Each level includes the next twice: 2^20 expansions without limits.
	files := map[string][]byte{}
	for i := 0; i < 20; i++ {
		files[nameN(i)] = []byte("include " + nameN(i+1) + ";\ninclude " + nameN(i+1) + ";\n")
	}
	files[nameN(20)] = []byte("a 1;\n")
	src := conf.MemSource(files)
	cfg, err := load(context.Background(), src, nameN(0), Options{Limits: conf.Limits{MaxDepth: 30}})
	if err != nil {
		t.Fatal(err)
	}
	if !hasProblem(cfg.Problems, conf.ErrLimit) {
		t.Errorf("no limit problem; %d directives", len(cfg.Tree))
	}
	if len(cfg.Tree) > maxExpandedDirectives {
		t.Errorf("tree has %d directives", len(cfg.Tree))
	}
	// Depth limit.
	cfg, _ = load(context.Background(), src, nameN(0), Options{Limits: conf.Limits{MaxDepth: 3}})
	if !hasProblem(cfg.Problems, conf.ErrLimit) || len(cfg.Tree) != 0 {
		t.Errorf("depth 3: problems %v, tree %s", cfg.Problems, conftest.Flat(cfg.Tree))
	}
	// File-count limit.
	cfg, _ = load(context.Background(), src, nameN(0), Options{Limits: conf.Limits{MaxFiles: 5, MaxDepth: 30}})
	if !hasProblem(cfg.Problems, conf.ErrLimit) || len(cfg.Files) > 5 {
		t.Errorf("max files: %d files, problems %v", len(cfg.Files), cfg.Problems)
	}
}

func nameN(i int) string { return "/c/" + strings.Repeat("x", i) + ".conf" }

func hasProblem(ps []conf.Problem, target error) bool {
	for _, p := range ps {
		if errors.Is(p.Err, target) {
			return true
		}
	}
	return false
}

// testdata is the serverconf fixture directory shared by the sub-packages.
const testdata = "../testdata"
