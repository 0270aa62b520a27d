package apache

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conftest"
)

func TestParseEnvvarsDebian(t *testing.T) {
	data, err := conftest.Fixture(testdata, "apache-debian").ReadFile(context.Background(), "/etc/apache2/envvars")
	if err != nil {
		t.Fatal(err)
	}
	vars := ParseEnvvars(data)
	want := map[string]string{
		"APACHE_LOG_DIR":   "/var/log/apache2",
		"APACHE_RUN_USER":  "www-data",
		"APACHE_PID_FILE":  "/var/run/apache2/apache2.pid",
		"APACHE_LOCK_DIR":  "/var/lock/apache2",
		"APACHE_RUN_GROUP": "www-data",
		"LANG":             "C",
		"SUFFIX":           "",
	}
	for k, v := range want {
		if got, ok := vars[k]; !ok || got != v {
			t.Errorf("%s = %q (%v), want %q", k, got, ok, v)
		}
	}
}

func TestLoadApacheDebian(t *testing.T) {
	fsys := conftest.Fixture(testdata, "apache-debian")
	env, _ := fsys.ReadFile(context.Background(), "/etc/apache2/envvars")
	cfg, err := Load(context.Background(), fsys, "/etc/apache2/apache2.conf", Options{Vars: ParseEnvvars(env)})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Problems) != 0 {
		t.Errorf("problems %v", cfg.Problems)
	}
	if cfg.ServerRoot != "/etc/apache2" {
		t.Errorf("server root %q", cfg.ServerRoot)
	}
	g := cfg.Global
	if g.ErrorLog.Value != "/var/log/apache2/error.log" || g.Timeout.Value != 300*time.Second {
		t.Errorf("global %+v %+v", g.ErrorLog, g.Timeout)
	}
	if len(g.PHPHandlers) != 1 || g.PHPHandlers[0].Target != (conf.Target{Network: "unix", Address: "/run/php/php8.2-fpm.sock", Pos: g.PHPHandlers[0].Pos}) ||
		g.PHPHandlers[0].Match != `.+\.ph(?:ar|p|tml)$` || g.PHPHandlers[0].Pos.File != "/etc/apache2/conf-enabled/php8.2-fpm.conf" {
		t.Errorf("global handlers %+v", g.PHPHandlers)
	}
	if len(cfg.VirtualHosts) != 2 {
		t.Fatalf("%d vhosts", len(cfg.VirtualHosts))
	}
	def, wp := cfg.VirtualHosts[0], cfg.VirtualHosts[1]
	if def.DocumentRoot.Value != "/var/www/html" || def.ErrorLog.Value != "/var/log/apache2/error.log" ||
		len(def.CustomLogs) != 1 || def.CustomLogs[0].Value != "/var/log/apache2/access.log" || def.CustomLogs[0].Raw != "/var/log/apache2/access.log combined" {
		t.Errorf("000-default %+v", def)
	}
	if def.ProxyTimeout.Value != 300*time.Second || !def.ProxyTimeout.Default {
		t.Errorf("ProxyTimeout defaults to Timeout: %+v", def.ProxyTimeout)
	}
	if wp.ServerName.Value != "wp.example.com" || strings.Join(wp.ServerAliases, ",") != "www.wp.example.com,old.example.com" ||
		wp.DocumentRoot.Value != "/var/www/wp" || wp.ErrorLog.Value != "/var/log/apache2/wp-error.log" ||
		wp.ProxyTimeout.Value != 120*time.Second || wp.Timeout.Value != 300*time.Second {
		t.Errorf("wordpress vhost %+v", wp)
	}
	// Own handlers first (SetHandler in <FilesMatch><If>, ProxyPassMatch), then the global one.
	if len(wp.PHPHandlers) != 3 {
		t.Fatalf("handlers %+v", wp.PHPHandlers)
	}
	h := wp.PHPHandlers
	if h[0].Target.Address != "/run/php/php8.2-fpm-wp.sock" || h[0].Match != `\.php$` ||
		h[1].Directive != "ProxyPassMatch" || h[1].Target != (conf.Target{Network: "tcp", Address: "127.0.0.1:9000", Pos: h[1].Pos}) ||
		h[2].Target.Address != "/run/php/php8.2-fpm.sock" {
		t.Errorf("handlers %+v", h)
	}
	if wp.Pos.String() != "/etc/apache2/sites-enabled/wordpress.conf:3" || wp.ServerAliases == nil {
		t.Errorf("pos %s", wp.Pos)
	}
}

func TestLoadApacheCPanel(t *testing.T) {
	cfg, err := Load(context.Background(), conftest.Fixture(testdata, "cpanel"), "/etc/apache2/conf/httpd.conf", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Problems) != 0 {
		t.Errorf("problems %v", cfg.Problems)
	}
	if cfg.ServerRoot != "/etc/apache2" || cfg.Global.ErrorLog.Value != "/etc/apache2/logs/error_log" {
		t.Errorf("root %q error log %+v", cfg.ServerRoot, cfg.Global.ErrorLog)
	}
	if cfg.Global.ProxyTimeout.Value != 600*time.Second || cfg.Global.ProxyFCGIBackendType.Value != "FPM" || cfg.Global.ProxyFCGIBackendType.Default {
		t.Errorf("global proxy %+v %+v", cfg.Global.ProxyTimeout, cfg.Global.ProxyFCGIBackendType)
	}
	if len(cfg.VirtualHosts) != 2 {
		t.Fatalf("%d vhosts", len(cfg.VirtualHosts))
	}
	v := cfg.VirtualHosts[0]
	if v.Addrs[0] != "203.0.113.10:80" || v.ServerName.Value != "example.com" || v.Timeout.Value != 300*time.Second ||
		v.ProxyTimeout.Value != 600*time.Second || len(v.CustomLogs) != 2 {
		t.Errorf("vhost %+v", v)
	}
	if len(v.PHPHandlers) != 1 || v.PHPHandlers[0].Target.Address != "/opt/cpanel/ea-php82/root/usr/var/run/php-fpm/6b7c3f0e6d1c2b5a.sock" {
		t.Errorf("handlers %+v", v.PHPHandlers)
	}
	if s := cfg.VirtualHosts[1]; len(s.Addrs) != 2 || len(s.CustomLogs) != 1 || s.CustomLogs[0].Value != "/etc/apache2/logs/access_log" {
		t.Errorf("second vhost inherits the global CustomLog: %+v", s)
	}
}

func TestParseApacheSyntax(t *testing.T) {
	vars := map[string]string{"D": "/srv"}
	ds, err := Parse("/a.conf", []byte(`
# comment
Define ROOT ${D}/www
DocumentRoot "${ROOT}/html"   
<VirtualHost *:80 [::]:80>
  ServerName "a b" # not a comment: an argument
  <Directory ${ROOT}>
    Require all granted
  </Directory>
  Header set X "quoted \" inner"
</virtualhost>
Unknown ${NOPE}
`), vars)
	if err != nil {
		t.Fatal(err)
	}
	if got := conftest.Flat(ds); got != `Define|ROOT|/srv/www;DocumentRoot|/srv/www/html;VirtualHost|*:80|[::]:80{ServerName|a b|#|not|a|comment:|an|argument;Directory|/srv/www{Require|all|granted;}Header|set|X|quoted " inner;}Unknown|${NOPE};` {
		t.Errorf("tree %s", got)
	}
	tests := []struct{ in, msg string }{
		{"<VirtualHost *:80>\nServerName a\n", "<VirtualHost> is not closed"},
		{"</Directory>\n", "unexpected </Directory>"},
		{"<VirtualHost *>\n</Directory>\n</VirtualHost>\n", "unexpected </Directory>"},
	}
	for _, tt := range tests {
		_, err := Parse("/b.conf", []byte(tt.in), nil)
		if !errors.Is(err, conf.ErrSyntax) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("ParseApache(%q) err = %v, want %q", tt.in, err, tt.msg)
		}
	}
}

func TestApacheIncludeMissing(t *testing.T) {
	src := map[string][]byte{"/etc/httpd/conf/httpd.conf": []byte("ServerRoot /etc/httpd\nInclude conf.d/*.conf\nIncludeOptional extra/*.conf\nInclude missing.conf\nTimeout 5mi\nProxyTimeout nope\n")}
	fsys := conftest.MemFS(src)
	cfg, err := Load(context.Background(), fsys, "/etc/httpd/conf/httpd.conf", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range cfg.Problems {
		msgs = append(msgs, p.String())
	}
	if len(msgs) != 2 || !strings.Contains(msgs[0], "/etc/httpd/conf.d/*.conf") || !strings.Contains(msgs[1], "/etc/httpd/missing.conf") {
		t.Errorf("problems %q", msgs)
	}
	if cfg.Global.Timeout.Value != 5*time.Minute || !cfg.Global.ProxyTimeout.Invalid {
		t.Errorf("timeouts %+v %+v", cfg.Global.Timeout, cfg.Global.ProxyTimeout)
	}
}

func TestHandlerTarget(t *testing.T) {
	tests := []struct {
		in   string
		want conf.Target
		ok   bool
	}{
		{"proxy:unix:/run/php/php8.2-fpm.sock|fcgi://localhost", conf.Target{Network: "unix", Address: "/run/php/php8.2-fpm.sock"}, true},
		{"proxy:fcgi://127.0.0.1:9000", conf.Target{Network: "tcp", Address: "127.0.0.1:9000"}, true},
		{"proxy:fcgi://php", conf.Target{Network: "tcp", Address: "php:9000"}, true},
		{"fcgi://127.0.0.1:9001/var/www/$1", conf.Target{Network: "tcp", Address: "127.0.0.1:9001"}, true},
		{"unix:/x.sock|fcgi://localhost/var/www/", conf.Target{Network: "unix", Address: "/x.sock"}, true},
		{"application/x-httpd-php", conf.Target{}, false},
		{"server-status", conf.Target{}, false},
	}
	for _, tt := range tests {
		got, ok := handlerTarget(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("handlerTarget(%q) = %+v, %v", tt.in, got, ok)
		}
	}
}

func logSummary(ls []conf.LogLocation) []string {
	var out []string
	for _, l := range ls {
		out = append(out, fmt.Sprintf("%s %s %s", l.Role, l.Target.Kind, l.Target.Path))
	}
	return out
}

func TestApacheLogs(t *testing.T) {
	fsys := conftest.Fixture(testdata, "apache-debian")
	env, _ := fsys.ReadFile(context.Background(), "/etc/apache2/envvars")
	cfg, err := Load(context.Background(), fsys, "/etc/apache2/apache2.conf", Options{Vars: ParseEnvvars(env)})
	if err != nil {
		t.Fatal(err)
	}
	got := logSummary(cfg.Logs())
	want := []string{
		"apache-error file /var/log/apache2/error.log",
		"apache-access file /var/log/apache2/access.log",
		"apache-error file /var/log/apache2/wp-error.log",
		"apache-access file /var/log/apache2/wp-access.log",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("logs %q", got)
	}
	piped := &Config{Global: &VHost{ErrorLog: conf.Setting[string]{Value: "|/usr/bin/rotatelogs /var/log/e.%Y 86400"}}}
	if l := piped.Logs(); len(l) != 1 || l[0].Target.Kind != conf.LogPipe {
		t.Errorf("piped %+v", l)
	}
}

// testdata is the serverconf fixture directory shared by the sub-packages.
const testdata = "../testdata"
