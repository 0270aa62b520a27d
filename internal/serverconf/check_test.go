package serverconf

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/apache"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conftest"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/nginx"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/phpconf"
)

// labSite1 loads the lab's real configuration for site1: nginx's PHP
// location, the FPM pool, and Debian's php.ini (the lab's FPM masters run
// Debian's php-fpm8.2 with its php.ini).
func labSite1(t *testing.T) (*nginx.Backend, *phpconf.Pool, phpconf.Settings) {
	t.Helper()
	ng := loadNginx(t, "lab", "/srv/wplab/nginx/nginx.conf")
	m, err := nginx.SelectServer(ng.Servers(), "127.0.0.1:8081", "127.0.0.1", 8081)
	if err != nil {
		t.Fatal(err)
	}
	b := m.Server.LocationFor("/index.php").FastCGI
	pool := loadFPM(t, "lab", "/srv/wplab/fpm/site1/php-fpm.conf").Pool("site1")
	ini, err := phpconf.LoadIni(context.Background(), conftest.Fixture(testdata, "debian"), "/etc/php/8.2/fpm/php.ini", nil, conf.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return b, pool, phpconf.Effective(ini, pool)
}

func evidenceOf(f Finding, name string) (Evidence, bool) {
	for _, e := range f.Evidence {
		if e.Name == name {
			return e, true
		}
	}
	return Evidence{}, false
}

func TestCheckTimeoutsLab(t *testing.T) {
	b, pool, php := labSite1(t)
	fs := CheckTimeouts(b, pool, php)
	if len(fs) != 1 {
		t.Fatalf("findings %+v", fs)
	}
	f := fs[0]
	if f.ID != IDFPMKillsFirst || f.Severity != SeverityWarning {
		t.Errorf("finding %s %s", f.ID, f.Severity)
	}
	for _, want := range []string{"after 8s", "waits 60s", "502", "104: Connection reset by peer", "execution timed out", "max_execution_time 30s"} {
		if !strings.Contains(f.Message, want) {
			t.Errorf("message lacks %q: %s", want, f.Message)
		}
	}
	rt, _ := evidenceOf(f, "fastcgi_read_timeout")
	term, _ := evidenceOf(f, "request_terminate_timeout")
	met, _ := evidenceOf(f, "max_execution_time")
	if !rt.Default || rt.Value != "60s" || term.Value != "8s" || term.Pos.String() != "/srv/wplab/fpm/site1/php-fpm.conf:20" ||
		met.Value != "30" || met.Pos.File != "/srv/wplab/fpm/site1/php-fpm.conf" {
		t.Errorf("evidence %v / %v / %v", rt, term, met)
	}
	if rt.String() != "fastcgi_read_timeout = 60s (default)" || term.String() != "request_terminate_timeout = 8s (/srv/wplab/fpm/site1/php-fpm.conf:20)" {
		t.Errorf("evidence strings %q %q", rt, term)
	}
	if !contains(f.LogKinds, "upstream-reset") || !contains(f.LogKinds, "fpm-request-timeout") {
		t.Errorf("log kinds %v", f.LogKinds)
	}
}

func TestCheckTimeoutsDirections(t *testing.T) {
	mk := func(read time.Duration) *nginx.Backend {
		return &nginx.Backend{Module: "fastcgi", ReadTimeout: conf.Setting[time.Duration]{Value: read, Raw: fmtDur(read), Pos: conf.Pos{File: "/n.conf", Line: 3}}}
	}
	pool := func(term time.Duration) *phpconf.Pool {
		return &phpconf.Pool{Name: "www", RequestTerminateTimeout: conf.Setting[time.Duration]{Value: term, Raw: fmtDur(term), Pos: conf.Pos{File: "/p.conf", Line: 9}}}
	}
	php := func(met time.Duration) phpconf.Settings {
		return phpconf.Settings{MaxExecutionTime: conf.Setting[time.Duration]{Value: met, Raw: fmtDur(met)}}
	}
	tests := []struct {
		name           string
		read, term     time.Duration
		met            time.Duration
		id             string
		sev            Severity
		inMsg, notInMs string
	}{
		{"fpm kills first, php limit shorter", 60 * time.Second, 30 * time.Second, 10 * time.Second, IDFPMKillsFirst, SeverityWarning, "CPU-bound scripts are stopped earlier", "never gets"},
		{"fpm kills first, php unlimited", 60 * time.Second, 30 * time.Second, 0, IDFPMKillsFirst, SeverityWarning, "never gets the chance", ""},
		{"nginx first, terminate later", 60 * time.Second, 300 * time.Second, 30 * time.Second, IDNginxGivesUpFirst, SeverityInfo, "until request_terminate_timeout (5m)", "no wall-clock"},
		{"nginx first, terminate off", 60 * time.Second, 0, 30 * time.Second, IDNginxGivesUpFirst, SeverityWarning, "counts CPU time only", ""},
		{"nginx first, nothing limits php", 60 * time.Second, 0, 0, IDNginxGivesUpFirst, SeverityWarning, "no wall-clock limit", "CPU time"},
		{"equal", 60 * time.Second, 60 * time.Second, 30 * time.Second, IDTimeoutsEqual, SeverityInfo, "502 or 504", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := CheckTimeouts(mk(tt.read), pool(tt.term), php(tt.met))
			if len(fs) != 1 || fs[0].ID != tt.id || fs[0].Severity != tt.sev {
				t.Fatalf("findings %+v", fs)
			}
			if !strings.Contains(fs[0].Message, tt.inMsg) || tt.notInMs != "" && strings.Contains(fs[0].Message, tt.notInMs) {
				t.Errorf("message: %s", fs[0].Message)
			}
			if len(fs[0].Evidence) != 3 {
				t.Errorf("evidence %+v", fs[0].Evidence)
			}
		})
	}
	if CheckTimeouts(nil, nil, phpconf.Settings{}) != nil || CheckTimeouts(&nginx.Backend{Module: "proxy"}, nil, phpconf.Settings{}) != nil {
		t.Errorf("nil/proxy backends give no findings")
	}
	// No pool known: terminate counts as off (FPM's default).
	if fs := CheckTimeouts(mk(time.Minute), nil, php(30*time.Second)); len(fs) != 1 || fs[0].ID != IDNginxGivesUpFirst {
		t.Errorf("nil pool %+v", fs)
	}
}

// The upstream fixture: /wp-admin/ raises nginx's timeout to 10m, beyond
// the www pool's 120s kill; the rest of the site waits 90s.
func TestCheckTimeoutsUpstreamFixture(t *testing.T) {
	ng := loadNginx(t, "upstream", "/etc/nginx/nginx.conf")
	fpm := loadFPM(t, "upstream", "/etc/php/8.1/fpm/php-fpm.conf")
	shop := ng.Servers()[1]
	for uri, want := range map[string]string{"/wp-admin/options.php": IDFPMKillsFirst, "/cart/index.php": IDNginxGivesUpFirst} {
		b := shop.LocationFor(uri).FastCGI
		pool := MatchPool(b.Targets[0], fpm.Pools)
		if pool == nil || pool.Name != "www" {
			t.Fatalf("%s: pool %+v", uri, pool)
		}
		fs := CheckTimeouts(b, pool, phpconf.Effective(nil, pool))
		if len(fs) != 1 || fs[0].ID != want {
			t.Errorf("%s: %+v", uri, fs)
		}
	}
}

func TestCheckHeaderBuffer(t *testing.T) {
	b, _, _ := labSite1(t)
	tests := []struct {
		bytes int
		id    string
	}{
		{1000, ""},
		{3000, ""},
		{3070, IDHeaderNearLimit}, // 3070 + 8 > 3072
		{4088, IDHeaderNearLimit},
		{4089, IDHeaderTooBig}, // 4089 + 8 > 4096
		{9000, IDHeaderTooBig},
		{0, ""},
	}
	for _, tt := range tests {
		fs := CheckHeaderBuffer(b, tt.bytes)
		switch {
		case tt.id == "" && len(fs) != 0:
			t.Errorf("%d bytes: %+v", tt.bytes, fs)
		case tt.id != "" && (len(fs) != 1 || fs[0].ID != tt.id):
			t.Errorf("%d bytes: %+v, want %s", tt.bytes, fs, tt.id)
		}
	}
	f := CheckHeaderBuffer(b, 9000)[0]
	for _, want := range []string{"9000 bytes", "fastcgi_buffer_size is 4k (default)", "upstream sent too big header", "fastcgi_buffer_size 32k", "fastcgi_buffers 16 16k"} {
		if !strings.Contains(f.Message, want) {
			t.Errorf("message lacks %q: %s", want, f.Message)
		}
	}
	if f.Severity != SeverityError || !contains(f.LogKinds, "upstream-header-too-big") {
		t.Errorf("finding %+v", f)
	}
	// The suggestion is one nginx accepts: busy buffers (2 × buffer) below
	// all buffers minus one.
	for _, need := range []int64{100, 5000, 40000, 300000} {
		msg := suggestBuffers("fastcgi", need)
		m := suggestRe.FindStringSubmatch(msg)
		if m == nil {
			t.Fatalf("suggestion %q", msg)
		}
		size, _ := nginx.ParseSize(m[1])
		n, _ := strconv.ParseInt(m[2], 10, 64)
		bs, _ := nginx.ParseSize(m[3])
		if size < 2*need || 2*size >= (n-1)*bs {
			t.Errorf("suggestion for %d: %s", need, msg)
		}
	}
	// Plesk: proxy_buffer_size 128k from vhost_nginx.conf.
	pl := loadNginx(t, "plesk", "/etc/nginx/nginx.conf")
	m, _ := nginx.SelectServer(pl.Servers(), "example.com", "203.0.113.10", 443)
	p := m.Server.LocationFor("/").Proxy
	if fs := CheckHeaderBuffer(p, 90000); len(fs) != 0 {
		t.Errorf("plesk 128k: %+v", fs)
	}
	if fs := CheckHeaderBuffer(p, 131073); len(fs) != 1 || !strings.Contains(fs[0].Message, "proxy_buffer_size is 128k") {
		t.Errorf("plesk too big: %+v", fs)
	}
}

var suggestRe = regexp.MustCompile(`fastcgi_buffer_size (\w+); fastcgi_buffers (\d+) (\w+);`)

func TestCheckSocket(t *testing.T) {
	// The lab: each site's socket is its pool's listen.
	ng := loadNginx(t, "lab", "/srv/wplab/nginx/nginx.conf")
	var pools []*phpconf.Pool
	for _, s := range []string{"site1", "site2", "site3"} {
		pools = append(pools, loadFPM(t, "lab", "/srv/wplab/fpm/"+s+"/php-fpm.conf").Pools...)
	}
	for _, s := range ng.Servers() {
		b := s.LocationFor("/index.php").FastCGI
		if fs := CheckSocket(b, pools); len(fs) != 0 {
			t.Errorf("lab %s: %+v", s.Pos, fs)
		}
		if p := MatchPool(b.Targets[0], pools); p == nil || !strings.HasSuffix(b.Targets[0].Address, p.Name+"-fpm.sock") {
			t.Errorf("lab match %+v", p)
		}
	}
	// Without site1's pool (its FPM master stopped), site1's socket has no pool.
	b := ng.Servers()[0].LocationFor("/index.php").FastCGI
	fs := CheckSocket(b, pools[1:])
	if len(fs) != 1 || fs[0].ID != IDSocketNoPool || fs[0].Severity != SeverityError ||
		!strings.Contains(fs[0].Message, "connect() to unix:/srv/wplab/run/site1-fpm.sock failed (2: No such file or directory)") ||
		!contains(fs[0].LogKinds, "upstream-no-socket") {
		t.Errorf("missing pool: %+v", fs)
	}
	if CheckSocket(b, nil) != nil {
		t.Errorf("no pools known: no findings")
	}

	// RHEL: the stock server's upstream points at /run/php-fpm/www.sock,
	// but the pool was switched to TCP.
	rh := loadNginx(t, "rhel", "/etc/nginx/nginx.conf")
	rpools := loadFPM(t, "rhel", "/etc/php-fpm.conf").Pools
	stock := rh.Servers()[1].LocationFor("/index.php").FastCGI
	fs = CheckSocket(stock, rpools)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "[www] 127.0.0.1:9000") || fs[0].Evidence[0].Pos.File != "/etc/nginx/conf.d/php-fpm.conf" {
		t.Errorf("rhel stock: %+v", fs)
	}
	if fs := CheckSocket(rh.Servers()[0].LocationFor("/index.php").FastCGI, rpools); len(fs) != 0 {
		t.Errorf("rhel example.com: %+v", fs)
	}

	// Upstream fixture: /var/run vs /run, $pool sockets, a backup with no
	// pool, an upstream nobody serves, a variable.
	up := loadNginx(t, "upstream", "/etc/nginx/nginx.conf")
	upools := loadFPM(t, "upstream", "/etc/php/8.1/fpm/php-fpm.conf").Pools
	ss := up.Servers()
	fs = CheckSocket(ss[1].LocationFor("/x.php").FastCGI, upools)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "127.0.0.1:9001") || !strings.Contains(fs[0].Message, "backup") ||
		!strings.Contains(fs[0].Message, "111: Connection refused") {
		t.Errorf("php_backend: %+v", fs)
	}
	if fs := CheckSocket(ss[2].LocationFor("/x.php").FastCGI, upools); len(fs) != 0 {
		t.Errorf("blog ($pool socket): %+v", fs)
	}
	if fs := CheckSocket(ss[3].LocationFor("/x.php").FastCGI, upools); len(fs) != 1 || fs[0].ID != IDSocketVariable || fs[0].Severity != SeverityInfo {
		t.Errorf("variable: %+v", fs)
	}
}

func TestMatchPoolTCP(t *testing.T) {
	mkPool := func(listen string) *phpconf.Pool {
		return phpconf.ParseFPM("/p.conf", []byte("[p]\nlisten = "+listen+"\n"), phpconf.FPMOptions{}).Pools[0]
	}
	tests := []struct {
		target, listen string
		match          bool
	}{
		{"127.0.0.1:9000", "127.0.0.1:9000", true},
		{"127.0.0.1:9000", "9000", true},
		{"localhost:9000", "127.0.0.1:9000", true},
		{"127.0.0.1:9000", "0.0.0.0:9000", true},
		{"127.0.0.1:9000", "[::]:9000", true},
		{"[::1]:9000", "localhost:9000", true},
		{"127.0.0.1:9000", "127.0.0.1:9001", false},
		{"10.0.0.5:9000", "127.0.0.1:9000", false},
		{"127.0.0.1:9000", "/run/php/php-fpm.sock", false},
	}
	for _, tt := range tests {
		target := conf.Target{Network: "tcp", Address: tt.target}
		if got := MatchPool(target, []*phpconf.Pool{mkPool(tt.listen)}) != nil; got != tt.match {
			t.Errorf("%s vs listen %s: %v", tt.target, tt.listen, got)
		}
	}
	if MatchPool(conf.Target{Network: "unix", Address: "/var/run/php/a.sock"}, []*phpconf.Pool{mkPool("/run/php/a.sock")}) == nil {
		t.Errorf("/var/run is /run")
	}
	if MatchPool(conf.Target{Variable: true, Address: "$x"}, []*phpconf.Pool{mkPool("")}) != nil {
		t.Errorf("empty listen / variable target must not match")
	}
}

func TestCheckMaxChildren(t *testing.T) {
	_, lab, _ := labSite1(t)
	fs := CheckMaxChildren(lab, 2)
	if len(fs) != 1 || fs[0].ID != IDMaxChildren || fs[0].Severity != SeverityInfo || !strings.Contains(fs[0].Message, "the limit is small") ||
		strings.Contains(fs[0].Message, "request_terminate_timeout is off") {
		t.Errorf("lab 2 running: %+v", fs)
	}
	fs = CheckMaxChildren(lab, 4)
	if len(fs) != 1 || fs[0].ID != IDMaxChildrenFull || fs[0].Severity != SeverityWarning || !strings.Contains(fs[0].Message, "server reached pm.max_children setting") {
		t.Errorf("lab 4 running: %+v", fs)
	}
	deb := loadFPM(t, "debian", "/etc/php/8.2/fpm/php-fpm.conf").Pool("www")
	fs = CheckMaxChildren(deb, -1)
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "small") || !strings.Contains(fs[0].Message, "request_terminate_timeout is off") {
		t.Errorf("debian: %+v", fs)
	}
	if _, ok := evidenceOf(fs[0], "running workers"); ok {
		t.Errorf("unknown running count must not be evidence")
	}
	rh := loadFPM(t, "rhel", "/etc/php-fpm.conf").Pool("www")
	fs = CheckMaxChildren(rh, 10)
	if len(fs) != 1 || strings.Contains(fs[0].Message, "plausible") {
		t.Errorf("rhel: %+v", fs)
	}
	if CheckMaxChildren(nil, 3) != nil {
		t.Errorf("nil pool")
	}
}

// testdata is the fixture directory shared with the sub-packages.
const testdata = "testdata"

func loadNginx(t *testing.T, fx, main string) *nginx.Config {
	t.Helper()
	cfg, err := nginx.Load(context.Background(), conftest.Fixture(testdata, fx), main, nginx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func loadFPM(t *testing.T, fx, main string) *phpconf.FPMConfig {
	t.Helper()
	cfg, err := phpconf.LoadFPM(context.Background(), conftest.Fixture(testdata, fx), main, phpconf.FPMOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// The cPanel vhost's SetHandler socket is the cPanel pool's listen.
func TestMatchPoolApacheCPanel(t *testing.T) {
	cfg, err := apache.Load(context.Background(), conftest.Fixture(testdata, "cpanel"), "/etc/apache2/conf/httpd.conf", apache.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fpm := loadFPM(t, "cpanel", "/opt/cpanel/ea-php82/root/etc/php-fpm.conf")
	h := cfg.VirtualHosts[0].PHPHandlers[0]
	if p := MatchPool(h.Target, fpm.Pools); p == nil || p.Name != "example_com" {
		t.Errorf("MatchPool(%s) = %+v", h.Target, p)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Issue 14, an Apache site: ProxyTimeout (Timeout by default) against the
// pool's request_terminate_timeout, in Apache's words.
func TestCheckApacheTimeouts(t *testing.T) {
	vhost := func(wait time.Duration) *apache.VHost {
		return &apache.VHost{ProxyTimeout: conf.Setting[time.Duration]{Value: wait, Raw: fmtDur(wait), Pos: conf.Pos{File: "/a.conf", Line: 4}}}
	}
	pool := func(term time.Duration) *phpconf.Pool {
		return &phpconf.Pool{Name: "www", RequestTerminateTimeout: conf.Setting[time.Duration]{Value: term, Raw: fmtDur(term), Pos: conf.Pos{File: "/p.conf", Line: 9}}}
	}
	tests := []struct {
		name       string
		wait, term time.Duration
		id         string
		sev        Severity
		inMsg      string
	}{
		{"fpm kills first", 60 * time.Second, 8 * time.Second, IDFPMKillsBeforeApache, SeverityWarning, "503 Service Unavailable; Apache logs \"AH01067"},
		{"apache gives up first", 30 * time.Second, 120 * time.Second, IDApacheGivesUpFirst, SeverityInfo, "answers 504 Gateway Timeout"},
		{"terminate off", 60 * time.Second, 0, IDApacheGivesUpFirst, SeverityWarning, "no wall-clock limit"},
		{"equal", 60 * time.Second, 60 * time.Second, IDTimeoutsEqual, SeverityInfo, "503 or 504"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := CheckApacheTimeouts(vhost(tt.wait), pool(tt.term), phpconf.Settings{})
			if len(fs) != 1 || fs[0].ID != tt.id || fs[0].Severity != tt.sev || !strings.Contains(fs[0].Message, tt.inMsg) {
				t.Fatalf("findings %+v", fs)
			}
			if strings.Contains(fs[0].Message, "nginx") || fs[0].Evidence[0].Pos.File != "/a.conf" {
				t.Errorf("message %s, evidence %+v", fs[0].Message, fs[0].Evidence)
			}
		})
	}
	if CheckApacheTimeouts(nil, pool(time.Second), phpconf.Settings{}) != nil {
		t.Error("no virtual host: no finding")
	}
}
