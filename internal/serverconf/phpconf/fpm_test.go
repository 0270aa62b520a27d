package phpconf

import (
	"context"
	"errors"
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conftest"
)

func loadFPMFixture(t *testing.T, fx, main string, opts FPMOptions) *FPMConfig {
	t.Helper()
	cfg, err := LoadFPM(context.Background(), conftest.Fixture(testdata, fx), main, opts)
	if err != nil {
		t.Fatalf("LoadFPM %s: %v", fx, err)
	}
	return cfg
}

func TestLoadFPMLab(t *testing.T) {
	for i, site := range []string{"site1", "site2", "site3"} {
		main := "/srv/wplab/fpm/" + site + "/php-fpm.conf"
		cfg := loadFPMFixture(t, "lab", main, FPMOptions{})
		if len(cfg.Problems) != 0 || len(cfg.Pools) != 1 {
			t.Fatalf("%s: problems %v, %d pools", site, cfg.Problems, len(cfg.Pools))
		}
		g := cfg.Global
		if g.PID.Value != "/srv/wplab/fpm/"+site+"/php-fpm.pid" || g.ErrorLog.Value != "/srv/wplab/sites/"+site+"/logs/php-fpm.log" ||
			g.LogLevel.Value != "notice" || g.LogLevel.Default || !g.Daemonize.Value {
			t.Errorf("%s global %+v", site, g)
		}
		p := cfg.Pool(site)
		if p == nil || p.Pos.String() != main+":8" {
			t.Fatalf("%s pool %+v", site, p)
		}
		user := "wpl" + string(rune('1'+i))
		if p.User.Value != user || p.Group.Value != user || p.ListenOwner.Value != "www-data" || p.ListenMode.Value != "0660" {
			t.Errorf("%s user/listen perms %+v %+v %+v", site, p.User, p.ListenOwner, p.ListenMode)
		}
		if p.ListenOn != (conf.Target{Network: "unix", Address: "/srv/wplab/run/" + site + "-fpm.sock", Pos: conf.Pos{File: main, Line: 11}}) {
			t.Errorf("%s listen %+v", site, p.ListenOn)
		}
		if p.PM.Value != "dynamic" || p.MaxChildren.Value != 4 || p.StartServers.Value != 2 || p.MinSpareServers.Value != 1 ||
			p.MaxSpareServers.Value != 3 || !p.MaxRequests.Default {
			t.Errorf("%s pm %+v %+v", site, p.PM, p.MaxChildren)
		}
		if p.RequestTerminateTimeout.Value != 8*time.Second || p.RequestTerminateTimeout.Raw != "8s" ||
			p.RequestSlowlogTimeout.Value != 2*time.Second {
			t.Errorf("%s timeouts %+v %+v", site, p.RequestTerminateTimeout, p.RequestSlowlogTimeout)
		}
		if p.Slowlog.Value != "/srv/wplab/sites/"+site+"/logs/php-fpm-slow.log" || !p.CatchWorkersOutput.Value {
			t.Errorf("%s slowlog %+v", site, p.Slowlog)
		}
		if d := p.PHP["log_errors"]; d.Value != "1" || !d.Admin || !d.Flag {
			t.Errorf("%s log_errors %+v", site, d)
		}
		if d := p.PHP["memory_limit"]; d.Value != "128M" || d.Admin || d.Flag {
			t.Errorf("%s memory_limit %+v", site, d)
		}
		if d := p.PHP["max_execution_time"]; d.Value != "30" {
			t.Errorf("%s max_execution_time %+v", site, d)
		}
		wantErrLog := "/srv/wplab/sites/" + site + "/logs/php-error.log"
		if site == "site3" {
			wantErrLog = "" // site3's pool sets no error_log
		}
		if p.PHP["error_log"].Value != wantErrLog {
			t.Errorf("%s error_log %+v", site, p.PHP["error_log"])
		}
	}
}

func TestLoadFPMDebian(t *testing.T) {
	cfg := loadFPMFixture(t, "debian", "/etc/php/8.2/fpm/php-fpm.conf", FPMOptions{})
	if len(cfg.Problems) != 0 {
		t.Errorf("problems %v", cfg.Problems)
	}
	if !reflect.DeepEqual(cfg.Files, []string{"/etc/php/8.2/fpm/php-fpm.conf", "/etc/php/8.2/fpm/pool.d/www.conf"}) {
		t.Errorf("files %q", cfg.Files)
	}
	if len(cfg.Includes) != 1 || cfg.Includes[0].Pattern != "/etc/php/8.2/fpm/pool.d/*.conf" {
		t.Errorf("includes %+v", cfg.Includes)
	}
	g := cfg.Global
	if g.PID.Value != "/run/php/php8.2-fpm.pid" || g.ErrorLog.Value != "/var/log/php8.2-fpm.log" || !g.LogLevel.Default ||
		!g.EmergencyRestartThreshold.Default || g.EmergencyRestartThreshold.Value != 0 {
		t.Errorf("global %+v", g)
	}
	p := cfg.Pool("www")
	if p == nil {
		t.Fatal("no www pool")
	}
	if p.ListenOn.Network != "unix" || p.ListenOn.Address != "/run/php/php8.2-fpm.sock" || p.MaxChildren.Value != 5 {
		t.Errorf("www %+v %+v", p.ListenOn, p.MaxChildren)
	}
	// Everything Debian leaves commented out falls back to FPM's defaults.
	if !p.RequestTerminateTimeout.Default || p.RequestTerminateTimeout.Value != 0 || !p.RequestSlowlogTimeout.Default {
		t.Errorf("terminate %+v", p.RequestTerminateTimeout)
	}
	if !p.Slowlog.Default || p.Slowlog.Value != "/usr/log/www.log.slow" || p.Slowlog.Raw != "log/$pool.log.slow" {
		t.Errorf("default slowlog %+v", p.Slowlog)
	}
	if !p.ListenMode.Default || p.ProcessIdleTimeout.Value != 10*time.Second || p.AccessLog.Value != "" {
		t.Errorf("defaults %+v %+v %+v", p.ListenMode, p.ProcessIdleTimeout, p.AccessLog)
	}
}

func TestLoadFPMRHEL(t *testing.T) {
	cfg := loadFPMFixture(t, "rhel", "/etc/php-fpm.conf", FPMOptions{})
	if len(cfg.Problems) != 0 {
		t.Errorf("problems %v", cfg.Problems)
	}
	// The include comes before [global]: the entries after it are global,
	// and the pool in the included file does not capture them.
	g := cfg.Global
	if g.ErrorLog.Value != "/var/log/php-fpm/error.log" || g.EmergencyRestartThreshold.Value != 10 ||
		g.EmergencyRestartInterval.Value != time.Minute || g.Daemonize.Value {
		t.Errorf("global %+v", g)
	}
	p := cfg.Pool("WWW") // pool names compare case-insensitively
	if p == nil {
		t.Fatal("no www pool")
	}
	if p.ListenOn != (conf.Target{Network: "tcp", Address: "127.0.0.1:9000", Pos: conf.Pos{File: "/etc/php-fpm.d/www.conf", Line: 9}}) {
		t.Errorf("listen %+v", p.ListenOn)
	}
	if p.RequestTerminateTimeout.Value != 5*time.Minute || p.RequestSlowlogTimeout.Value != 10*time.Second ||
		p.MaxChildren.Value != 50 || p.Values["listen.allowed_clients"].Value != "127.0.0.1" {
		t.Errorf("pool %+v", p)
	}
	if d := p.PHP["session.save_path"]; d.Value != "/var/lib/php/session" || d.Pos.Line != 36 {
		t.Errorf("session.save_path %+v", d)
	}
}

func TestLoadFPMCPanel(t *testing.T) {
	cfg := loadFPMFixture(t, "cpanel", "/opt/cpanel/ea-php82/root/etc/php-fpm.conf", FPMOptions{})
	if len(cfg.Problems) != 0 {
		t.Errorf("problems %v", cfg.Problems)
	}
	p := cfg.Pool("example_com")
	if p == nil {
		t.Fatal("no pool")
	}
	if p.User.Value != "exampleuser" || p.User.Raw != `"exampleuser"` || p.PM.Value != "ondemand" || p.MaxChildren.Value != 5 ||
		p.MaxRequests.Value != 20 || p.ProcessIdleTimeout.Value != 10*time.Second || p.Chdir.Value != "/home/exampleuser" {
		t.Errorf("pool %+v", p)
	}
	if p.ListenOn.Address != "/opt/cpanel/ea-php82/root/usr/var/run/php-fpm/6b7c3f0e6d1c2b5a.sock" {
		t.Errorf("listen %+v", p.ListenOn)
	}
	if p.PHP["memory_limit"].Value != "512M" || p.PHP["error_reporting"].Value != "E_ALL & ~E_NOTICE" ||
		!p.PHP["error_log"].Admin || p.PHP["allow_url_fopen"].Value != "1" {
		t.Errorf("php %+v", p.PHP)
	}
	if cfg.Global.ProcessControlTimeout.Value != 10*time.Second {
		t.Errorf("process_control_timeout %+v", cfg.Global.ProcessControlTimeout)
	}
}

func TestLoadFPMPoolVariables(t *testing.T) {
	cfg := loadFPMFixture(t, "upstream", "/etc/php/8.1/fpm/php-fpm.conf", FPMOptions{})
	blog := cfg.Pool("blog")
	if blog == nil {
		t.Fatal("no blog pool")
	}
	if blog.Listen.Value != "/run/php/php8.1-fpm-blog.sock" || blog.Listen.Raw != "/run/php/php8.1-fpm-$pool.sock" {
		t.Errorf("listen %+v", blog.Listen)
	}
	if blog.Slowlog.Value != "/var/log/php-fpm/blog.slow.log" {
		t.Errorf("slowlog %+v", blog.Slowlog)
	}
	// A relative access.log goes under the install prefix (no -p, no pool prefix).
	if blog.AccessLog.Value != "/usr/log/blog.access.log" {
		t.Errorf("access.log %+v", blog.AccessLog)
	}
	cfg2 := ParseFPM("/p.conf", []byte("[x]\nprefix = /srv/x\nphp_admin_value[error_log] = logs/php.log\n[y]\nphp_value[error_log] = syslog\n"), FPMOptions{})
	if got := cfg2.Pool("x").PHP["error_log"].Value; got != "/srv/x/logs/php.log" {
		t.Errorf("relative php error_log: %q", got)
	}
	if got := cfg2.Pool("y").PHP["error_log"].Value; got != "syslog" {
		t.Errorf("syslog php error_log: %q", got)
	}
	// With -p /opt/fpm, relative paths move there.
	cfg = loadFPMFixture(t, "upstream", "/etc/php/8.1/fpm/php-fpm.conf", FPMOptions{Prefix: "/opt/fpm"})
	if got := cfg.Pool("blog").AccessLog.Value; got != "/opt/fpm/log/blog.access.log" {
		t.Errorf("access.log with -p: %q", got)
	}
	www := cfg.Pool("www")
	if www.PM.Value != "static" || www.MaxChildren.Value != 20 || www.RequestTerminateTimeout.Value != 120*time.Second {
		t.Errorf("www %+v", www)
	}
}

func TestParseFPMSemantics(t *testing.T) {
	conf := `
error_log = log/fpm.log          ; before any section: global
[a]
listen = 9000
prefix = /srv/$pool
slowlog = log/slow.log
chroot = $prefix/root
request_terminate_timeout = 1h
[B]
listen = [::1]:9001
pm.max_children = lots
request_terminate_timeout = 5x
[global]
log_level = debug
[a]
pm.max_children = 7             ; a second [a] section continues pool a
php_value[memory_limit] = 64M
php_value[memory_limit] = 96M
env[PATH] = /usr/bin
[c]
listen = localhost:9002
`
	cfg := ParseFPM("/etc/php-fpm.conf", []byte(conf), FPMOptions{})
	if len(cfg.Problems) != 0 {
		t.Errorf("problems %v", cfg.Problems)
	}
	if cfg.Global.ErrorLog.Value != "/var/log/fpm.log" || cfg.Global.LogLevel.Value != "debug" {
		t.Errorf("global %+v %+v", cfg.Global.ErrorLog, cfg.Global.LogLevel)
	}
	if len(cfg.Pools) != 3 {
		t.Fatalf("%d pools", len(cfg.Pools))
	}
	a := cfg.Pool("a")
	if a.ListenOn.Network != "tcp" || a.ListenOn.Address != ":9000" || a.Prefix != "/srv/a" ||
		a.Slowlog.Value != "/srv/a/log/slow.log" || a.Chroot.Value != "/srv/a/root" ||
		a.RequestTerminateTimeout.Value != time.Hour || a.MaxChildren.Value != 7 {
		t.Errorf("pool a %+v", a)
	}
	if a.PHP["memory_limit"].Value != "96M" || a.Env["PATH"].Value != "/usr/bin" {
		t.Errorf("pool a php/env %+v %+v", a.PHP, a.Env)
	}
	b := cfg.Pool("b")
	if b.ListenOn.Address != "[::1]:9001" || !b.MaxChildren.Invalid || !b.RequestTerminateTimeout.Invalid {
		t.Errorf("pool B %+v", b)
	}
	if c := cfg.Pool("c"); c.ListenOn.Network != "tcp" || c.ListenOn.Address != "localhost:9002" {
		t.Errorf("pool c %+v", c.ListenOn)
	}
}

func TestLoadFPMIncludeProblems(t *testing.T) {
	src := conf.MemSource(map[string][]byte{
		"/f/php-fpm.conf": []byte("include=/f/none/*.conf\ninclude=/f/loop.conf\ninclude = pools/*.conf\n"),
		"/f/loop.conf":    []byte("include=/f/loop.conf\n[loop]\nlisten = /run/loop.sock\n"),
	})
	cfg, err := loadFPM(context.Background(), src, "/f/php-fpm.conf", FPMOptions{InstallPrefix: "/f"})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range cfg.Problems {
		msgs = append(msgs, p.String())
	}
	want := []string{
		"/f/php-fpm.conf:1: include /f/none/*.conf: nothing matches the include pattern",
		"/f/loop.conf:1: include /f/loop.conf: include cycle",
		"/f/php-fpm.conf:3: include /f/pools/*.conf: nothing matches the include pattern",
	}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("problems:\n%s", strings.Join(msgs, "\n"))
	}
	if cfg.Pool("loop") == nil {
		t.Errorf("pool from included file missing")
	}
	if _, err := LoadFPM(context.Background(), conftest.Fixture(testdata, "lab"), "/nope.conf", FPMOptions{}); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing main: %v", err)
	}
}

func TestFPMListenTarget(t *testing.T) {
	tests := []struct{ in, network, addr string }{
		{"/run/php/php8.2-fpm.sock", "unix", "/run/php/php8.2-fpm.sock"},
		{"9000", "tcp", ":9000"},
		{"127.0.0.1:9000", "tcp", "127.0.0.1:9000"},
		{"[::]:9000", "tcp", "[::]:9000"},
		{"localhost:9000", "tcp", "localhost:9000"},
		{"", "", ""},
	}
	for _, tt := range tests {
		got := fpmListenTarget(conf.Setting[string]{Value: tt.in})
		if got.Network != tt.network || got.Address != tt.addr {
			t.Errorf("fpmListenTarget(%q) = %+v", tt.in, got)
		}
	}
}

// testdata is the serverconf fixture directory shared by the sub-packages.
const testdata = "../testdata"

func TestParseFPMEmptyAndValueless(t *testing.T) {
	cfg := ParseFPM("/x.conf", []byte("[w]\nslowlog =\nlisten\npm = static\n"), FPMOptions{})
	p := cfg.Pool("w")
	if !p.Slowlog.Default || p.Slowlog.Value != "/usr/log/w.log.slow" {
		t.Errorf("empty slowlog falls back to the default: %+v", p.Slowlog)
	}
	if _, ok := p.Values["listen"]; ok || len(cfg.Problems) != 1 || cfg.Problems[0].Pos.Line != 3 {
		t.Errorf("a key without '=' is a problem, not a value: %+v %v", p.Values, cfg.Problems)
	}
	if p.PM.Value != "static" {
		t.Errorf("parsing goes on after it: %+v", p.PM)
	}
}
