package nginx

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

func parseServers(t *testing.T, config string) []*Server {
	t.Helper()
	src := conf.MemSource(map[string][]byte{"/etc/nginx/nginx.conf": []byte(config)})
	cfg, err := load(context.Background(), src, "/etc/nginx/nginx.conf", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Problems) > 0 {
		t.Fatalf("problems: %v", cfg.Problems)
	}
	return cfg.Servers()
}

// nginx's merge rule: a level's own directives replace the parent's,
// for scalars and for arrays (fastcgi_param, access_log, error_log).
func TestNginxInheritance(t *testing.T) {
	ss := parseServers(t, `
error_log /var/log/main.log warn;
http {
	fastcgi_read_timeout 30s;
	fastcgi_param HTTP_PROXY "";
	fastcgi_param FROM_HTTP 1;
	access_log /var/log/http.log;
	root /srv/http;
	server {
		listen 80;
		fastcgi_buffer_size 16k;
		access_log /var/log/s1.log main;
		access_log syslog:server=127.0.0.1;
		location ~ \.php$ {
			fastcgi_pass 127.0.0.1:9000;
		}
		location /a/ {
			fastcgi_read_timeout 5m;
			error_log logs/a.log debug;
			root html/a;
			location ~ \.php$ {
				fastcgi_pass 127.0.0.1:9000;
				fastcgi_param SCRIPT_FILENAME $request_filename;
				access_log off;
			}
		}
		location /b/ {
			alias /srv/b/;
			fastcgi_pass unix:/run/b.sock;
			fastcgi_buffers 4 32k;
			fastcgi_busy_buffers_size 64k;
			fastcgi_intercept_errors on;
			fastcgi_buffering off;
			client_max_body_size 20m;
		}
	}
}`)
	if len(ss) != 1 {
		t.Fatalf("%d servers", len(ss))
	}
	s := ss[0]
	if s.Root.Value != "/srv/http" || s.Root.Pos.Line != 8 {
		t.Errorf("server root %+v", s.Root)
	}
	if len(s.ErrorLogs) != 1 || s.ErrorLogs[0].Path != "/var/log/main.log" || s.ErrorLogs[0].Level != "warn" {
		t.Errorf("server error_log inherited from main: %+v", s.ErrorLogs)
	}
	if len(s.AccessLogs) != 2 || s.AccessLogs[0].Format != "main" || s.AccessLogs[1].Kind != conf.LogSyslog {
		t.Errorf("server access logs %+v", s.AccessLogs)
	}
	all := s.AllLocations()
	if len(all) != 4 {
		t.Fatalf("%d locations", len(all))
	}
	php, a, aphp, b := all[0], all[1], all[2], all[3]

	// Top-level php location: timeouts from http, buffer size from server.
	if php.FastCGI.ReadTimeout.Value != 30*time.Second || php.FastCGI.ReadTimeout.Pos.Line != 4 {
		t.Errorf("php read timeout %+v", php.FastCGI.ReadTimeout)
	}
	if php.FastCGI.BufferSize.Value != 16<<10 || php.FastCGI.BufferSize.Default {
		t.Errorf("php buffer size %+v", php.FastCGI.BufferSize)
	}
	// busy default is twice the larger of buffer_size and buffers.size.
	if php.FastCGI.BusyBuffersSize.Value != 32<<10 || !php.FastCGI.BusyBuffersSize.Default {
		t.Errorf("php busy buffers %+v", php.FastCGI.BusyBuffersSize)
	}
	if _, ok := php.FastCGI.Param("HTTP_PROXY"); !ok {
		t.Errorf("php location should inherit http's fastcgi_param (none of its own)")
	}
	if php.FastCGI.SendTimeout.Value != 60*time.Second || !php.FastCGI.SendTimeout.Default {
		t.Errorf("send timeout default %+v", php.FastCGI.SendTimeout)
	}

	// Nested php location in /a/: read timeout from /a/, own fastcgi_param
	// replaces all of http's (the httpoxy guard is lost), access_log off.
	if aphp.FastCGI.ReadTimeout.Value != 5*time.Minute {
		t.Errorf("nested read timeout %+v", aphp.FastCGI.ReadTimeout)
	}
	if _, ok := aphp.FastCGI.Param("HTTP_PROXY"); ok || len(aphp.FastCGI.Params) != 1 {
		t.Errorf("nested params %+v", aphp.FastCGI.Params)
	}
	if len(aphp.AccessLogs) != 1 || aphp.AccessLogs[0].Kind != conf.LogOff {
		t.Errorf("nested access logs %+v", aphp.AccessLogs)
	}
	if len(aphp.ErrorLogs) != 1 || aphp.ErrorLogs[0].Path != "/usr/share/nginx/logs/a.log" || aphp.ErrorLogs[0].Level != "debug" {
		t.Errorf("nested error logs %+v", aphp.ErrorLogs)
	}
	if a.Root.Value != "/usr/share/nginx/html/a" || aphp.Root.Value != "/usr/share/nginx/html/a" {
		t.Errorf("relative root %q %q", a.Root.Value, aphp.Root.Value)
	}
	if a.FastCGI != nil {
		t.Errorf("/a/ has no fastcgi_pass of its own")
	}

	// /b/: alias, every fastcgi setting of its own.
	if !b.Alias || b.Root.Value != "/srv/b/" {
		t.Errorf("alias %+v", b.Root)
	}
	fb := b.FastCGI
	if fb.Targets[0].Network != "unix" || fb.Targets[0].Address != "/run/b.sock" ||
		fb.Buffers.Value != (Buffers{4, 32 << 10}) || fb.BusyBuffersSize.Value != 64<<10 ||
		!fb.InterceptErrors.Value || fb.Buffering.Value || fb.BufferSize.Value != 16<<10 {
		t.Errorf("/b/ backend %+v", fb)
	}
	if b.ClientMaxBodySize.Value != 20<<20 || php.ClientMaxBodySize.Value != 1<<20 || !php.ClientMaxBodySize.Default {
		t.Errorf("client_max_body_size %+v %+v", b.ClientMaxBodySize, php.ClientMaxBodySize)
	}
}

func TestNginxDefaultsWithoutDirectives(t *testing.T) {
	ss := parseServers(t, "http { server { location ~ \\.php$ { fastcgi_pass php:9000; } } }")
	s := ss[0]
	if len(s.Listen) != 1 || !s.Listen[0].Default || s.Listen[0].Port != 80 {
		t.Errorf("default listen %+v", s.Listen)
	}
	if !s.Root.Default || s.Root.Value != "/usr/share/nginx/html" {
		t.Errorf("default root %+v", s.Root)
	}
	if !s.ErrorLogs[0].Default || s.ErrorLogs[0].Path != "/var/log/nginx/error.log" || s.ErrorLogs[0].Raw != "logs/error.log" {
		t.Errorf("default error log %+v", s.ErrorLogs)
	}
	if !s.AccessLogs[0].Default || s.AccessLogs[0].Path != "/var/log/nginx/access.log" {
		t.Errorf("default access log %+v", s.AccessLogs)
	}
	if len(s.ServerNames) != 1 || s.ServerNames[0] != "" {
		t.Errorf("default server_name %q", s.ServerNames)
	}
	b := s.Locations[0].FastCGI
	for name, set := range map[string]bool{
		"read": b.ReadTimeout.Default, "send": b.SendTimeout.Default, "connect": b.ConnectTimeout.Default,
		"buffer_size": b.BufferSize.Default, "buffers": b.Buffers.Default, "busy": b.BusyBuffersSize.Default,
		"buffering": b.Buffering.Default, "intercept": b.InterceptErrors.Default,
	} {
		if !set {
			t.Errorf("%s not marked default", name)
		}
	}
	if b.Targets[0].Address != "php:9000" || b.Targets[0].Network != "tcp" {
		t.Errorf("target %+v", b.Targets)
	}
	// An 8k page size (e.g. some arm64 kernels) changes the defaults.
	src := conf.MemSource(map[string][]byte{"/n.conf": []byte("http { server { location / { fastcgi_pass x:1; } } }")})
	cfg, _ := load(context.Background(), src, "/n.conf", Options{PageSize: 8192, Prefix: "/opt/nginx"})
	b = cfg.Servers()[0].Locations[0].FastCGI
	if b.BufferSize.Value != 8192 || b.Buffers.Value != (Buffers{8, 8192}) || b.BusyBuffersSize.Value != 16384 {
		t.Errorf("8k page defaults %+v %+v %+v", b.BufferSize, b.Buffers, b.BusyBuffersSize)
	}
	if cfg.Servers()[0].Root.Value != "/opt/nginx/html" {
		t.Errorf("prefix root %q", cfg.Servers()[0].Root.Value)
	}
}

func TestNginxInvalidValuesMarked(t *testing.T) {
	ss := parseServers(t, "http { server { location / { fastcgi_pass a:1; fastcgi_read_timeout 5x; fastcgi_buffer_size lots; fastcgi_buffers 8; fastcgi_buffering maybe; } } }")
	b := ss[0].Locations[0].FastCGI
	if !b.ReadTimeout.Invalid || b.ReadTimeout.Value != 60*time.Second || !b.BufferSize.Invalid || !b.Buffers.Invalid || !b.Buffering.Invalid {
		t.Errorf("invalid values not marked: %+v %+v %+v %+v", b.ReadTimeout, b.BufferSize, b.Buffers, b.Buffering)
	}
}

func TestNginxLogTargets(t *testing.T) {
	ss := parseServers(t, `http { server {
		error_log stderr;
		error_log syslog:server=unix:/dev/log info;
		error_log memory:32m debug;
		error_log /dev/null;
		error_log relative.log;
		access_log /var/log/a.log combined buffer=32k flush=5m;
		access_log /var/log/b.log buffer=32k;
	} }`)
	s := ss[0]
	kinds := []conf.LogKind{conf.LogStderr, conf.LogSyslog, conf.LogMemory, conf.LogNull, conf.LogFile}
	for i, k := range kinds {
		if s.ErrorLogs[i].Kind != k {
			t.Errorf("error_log %d kind %s, want %s", i, s.ErrorLogs[i].Kind, k)
		}
	}
	if s.ErrorLogs[1].Level != "info" || s.ErrorLogs[4].Path != "/usr/share/nginx/relative.log" {
		t.Errorf("error logs %+v", s.ErrorLogs)
	}
	if s.AccessLogs[0].Format != "combined" || s.AccessLogs[1].Format != "combined" {
		t.Errorf("access formats %+v", s.AccessLogs)
	}
}

func TestParseListenAddr(t *testing.T) {
	tests := []struct {
		in   string
		want Listen
	}{
		{"80", Listen{Port: 80}},
		{"8080", Listen{Port: 8080}},
		{"*:80", Listen{Port: 80}},
		{"0.0.0.0:443", Listen{Port: 443}},
		{"127.0.0.1", Listen{Addr: "127.0.0.1", Port: 80}},
		{"127.0.0.1:8081", Listen{Addr: "127.0.0.1", Port: 8081}},
		{"[::]:80", Listen{Addr: "::", Port: 80}},
		{"[::1]", Listen{Addr: "::1", Port: 80}},
		{"[2001:db8::1]:8443", Listen{Addr: "2001:db8::1", Port: 8443}},
		{"localhost:8000", Listen{Addr: "localhost", Port: 8000}},
		{"unix:/run/nginx.sock", Listen{Unix: "/run/nginx.sock"}},
	}
	for _, tt := range tests {
		got := parseListenAddr(tt.in)
		tt.want.Raw = tt.in
		if got != tt.want {
			t.Errorf("parseListenAddr(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
	ls := parseListens([]*conf.Directive{{Name: "listen", Args: []string{"443", "ssl", "http2", "default"}}})
	if !ls[0].SSL || !ls[0].HTTP2 || !ls[0].DefaultServer {
		t.Errorf("flags %+v", ls[0])
	}
}

func TestNginxUpstreamFixture(t *testing.T) {
	cfg := loadNginxFixture(t, "upstream", "/etc/nginx/nginx.conf")
	if len(cfg.Problems) != 0 {
		t.Fatalf("problems %v", cfg.Problems)
	}
	ss := cfg.Servers()
	if len(ss) != 4 {
		t.Fatalf("%d servers", len(ss))
	}
	shop := ss[1]
	php := shop.LocationFor("/checkout/index.php")
	if php == nil || php.Pattern != `\.php$` || php.FastCGI == nil {
		t.Fatalf("shop php location %+v", php)
	}
	b := php.FastCGI
	if b.Upstream != "php_backend" || len(b.Targets) != 2 ||
		b.Targets[0] != (conf.Target{Network: "unix", Address: "/run/php/php8.1-fpm.sock", Upstream: "php_backend", Pos: b.Targets[0].Pos}) ||
		b.Targets[1].Address != "127.0.0.1:9001" || !b.Targets[1].Backup {
		t.Errorf("upstream targets %+v", b.Targets)
	}
	if b.Pass.Pos.File != "/etc/nginx/snippets/php.conf" || b.Targets[0].Pos.File != "/etc/nginx/nginx.conf" {
		t.Errorf("positions: pass %s, target %s", b.Pass.Pos, b.Targets[0].Pos)
	}
	if b.ReadTimeout.Value != 90*time.Second || b.BufferSize.Value != 16<<10 || b.Buffers.Value != (Buffers{16, 8 << 10}) {
		t.Errorf("inherited values %+v %+v %+v", b.ReadTimeout, b.BufferSize, b.Buffers)
	}
	// fastcgi.conf's params replace http's HTTP_PROXY guard.
	if _, ok := b.Param("HTTP_PROXY"); ok {
		t.Errorf("HTTP_PROXY should not be inherited")
	}
	if p, ok := b.Param("SCRIPT_FILENAME"); !ok || p.Pos.File != "/etc/nginx/fastcgi.conf" {
		t.Errorf("SCRIPT_FILENAME %+v", p)
	}
	if len(shop.ErrorLogs) != 2 || shop.ErrorLogs[1].Kind != conf.LogSyslog || shop.ErrorLogs[1].Level != "notice" {
		t.Errorf("shop error logs %+v", shop.ErrorLogs)
	}
	if len(shop.AccessLogs) != 1 || shop.AccessLogs[0].Kind != conf.LogOff {
		t.Errorf("shop access logs %+v", shop.AccessLogs)
	}
	blog := ss[2]
	if blog.ErrorLogs[0].Kind != conf.LogNull || blog.ErrorLogs[1].Kind != conf.LogStderr {
		t.Errorf("blog error logs %+v", blog.ErrorLogs)
	}
	bb := blog.LocationFor("/x.php").FastCGI
	if bb.Targets[0].Address != "/run/php/php8.1-fpm-blog.sock" || !bb.InterceptErrors.Value || bb.Buffering.Value {
		t.Errorf("blog targets %+v", bb.Targets)
	}
	regex := ss[3]
	rb := regex.LocationFor("/x.php").FastCGI
	if len(rb.Targets) != 1 || !rb.Targets[0].Variable {
		t.Errorf("variable target %+v", rb.Targets)
	}
}

func TestNginxPleskProxy(t *testing.T) {
	cfg := loadNginxFixture(t, "plesk", "/etc/nginx/nginx.conf")
	if len(cfg.Problems) != 0 {
		t.Fatalf("problems %v", cfg.Problems)
	}
	ss := cfg.Servers()
	if len(ss) != 3 {
		t.Fatalf("%d servers", len(ss))
	}
	m, err := SelectServer(ss, "www.example.com", "203.0.113.10", 443)
	if err != nil || m.By != "exact name" {
		t.Fatalf("select: %+v %v", m, err)
	}
	s := m.Server
	if !s.Listen[0].SSL || !s.Listen[0].HTTP2 || len(s.ServerNames) != 3 {
		t.Errorf("listen/names %+v %q", s.Listen, s.ServerNames)
	}
	if s.ErrorLogs[0].Path != "/var/www/vhosts/system/example.com/logs/proxy_error_log" {
		t.Errorf("error log %+v", s.ErrorLogs)
	}
	l := s.LocationFor("/wp-login.php")
	if l == nil || l.Pattern != "/" || l.Proxy == nil || l.FastCGI != nil {
		t.Fatalf("proxy location %+v", l)
	}
	p := l.Proxy
	if p.Targets[0] != (conf.Target{Network: "tcp", Address: "203.0.113.10:7081", Pos: p.Pass.Pos}) {
		t.Errorf("proxy target %+v", p.Targets)
	}
	// vhost_nginx.conf (server level) overrides zz010_psa_nginx.conf (http level).
	if p.ReadTimeout.Value != 600*time.Second || !strings.HasSuffix(p.ReadTimeout.Pos.File, "vhost_nginx.conf") {
		t.Errorf("proxy_read_timeout %+v", p.ReadTimeout)
	}
	if p.BufferSize.Value != 128<<10 || p.Buffers.Value != (Buffers{4, 256 << 10}) {
		t.Errorf("proxy buffers %+v %+v", p.BufferSize, p.Buffers)
	}
	if h, ok := p.Param("X-Real-IP"); !ok || h.Value != "$remote_addr" {
		t.Errorf("proxy_set_header %+v", p.Params)
	}
	if len(l.AccessLogs) != 1 || l.AccessLogs[0].Kind != conf.LogOff {
		t.Errorf("location access log %+v", l.AccessLogs)
	}
	if s.ClientMaxBodySize.Value != 128<<20 {
		t.Errorf("client_max_body_size %+v", s.ClientMaxBodySize)
	}
	// The default server proxies to Apache's plain port.
	m, err = SelectServer(ss, "unknown.test", "127.0.0.1", 80)
	if err != nil || m.By != "default_server" || m.Server.LocationFor("/").Proxy.Targets[0].Address != "127.0.0.1:7080" {
		t.Errorf("default server %+v %v", m, err)
	}
	// The letsencrypt location is ^~: its nested regex applies, outer regexes do not.
	acme := s.LocationFor("/.well-known/acme-challenge/abc")
	if acme == nil || acme.Modifier != "^~" {
		t.Errorf("acme location %+v", acme)
	}
	if n := s.LocationFor("/.well-known/acme-challenge/x/.hidden"); n == nil || n.Modifier != "~" {
		t.Errorf("nested regex %+v", n)
	}
	if _, err := SelectServer(ss, "example.com", "203.0.113.10", 8443); !errors.Is(err, ErrNoServer) {
		t.Errorf("no listener: %v", err)
	}
}

func TestNginxRHELFixture(t *testing.T) {
	cfg := loadNginxFixture(t, "rhel", "/etc/nginx/nginx.conf")
	if len(cfg.Problems) != 0 {
		t.Fatalf("problems %v", cfg.Problems)
	}
	ss := cfg.Servers()
	if len(ss) != 2 {
		t.Fatalf("%d servers", len(ss))
	}
	m, _ := SelectServer(ss, "example.com", "", 80)
	s := m.Server
	php := s.LocationFor("/index.php").FastCGI
	if php.Targets[0].Address != "127.0.0.1:9000" || php.ReadTimeout.Value != 120*time.Second ||
		php.BufferSize.Value != 32<<10 || php.Buffers.Value != (Buffers{16, 16 << 10}) {
		t.Errorf("example.com php %+v", php)
	}
	if l := s.LocationFor("/xmlrpc.php"); l == nil || l.Modifier != "=" || l.FastCGI != nil {
		t.Errorf("xmlrpc location %+v", l)
	}
	if l := s.LocationFor("/wp-content/a.PNG"); l == nil || l.Modifier != "~*" {
		t.Errorf("case-insensitive regex %+v", l)
	}
	// An unknown Host goes to the first server on the port: conf.d's
	// example.com is included before the stock server, which has no
	// default_server flag.
	m, _ = SelectServer(ss, "203.0.113.5", "", 80)
	if m.By != "first server" || m.Server != s {
		t.Errorf("selected %s by %s", m.Server.Pos, m.By)
	}
	// The stock server takes PHP from default.d/php.conf, upstream php-fpm.
	d := ss[1].LocationFor("/info.php").FastCGI
	if d.Upstream != "php-fpm" || d.Targets[0].Address != "/run/php-fpm/www.sock" || !d.InterceptErrors.Value {
		t.Errorf("default server php %+v", d)
	}
}
