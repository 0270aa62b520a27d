package proc

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

func readPS(t *testing.T, name string) []Process {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "ps", name))
	if err != nil {
		t.Fatal(err)
	}
	procs, err := ParsePS(data)
	if err != nil {
		t.Fatal(err)
	}
	return procs
}

func findKind(ss []Server, k ServerKind) []Server {
	var out []Server
	for _, s := range ss {
		if s.Kind == k {
			out = append(out, s)
		}
	}
	return out
}

// ps -eo pid,ppid,user,args captured on this machine with the lab up.
func TestFindServersLab(t *testing.T) {
	procs := readPS(t, "lab-debian.txt")
	if len(procs) < 60 {
		t.Fatalf("%d processes", len(procs))
	}
	if procs[0] != (Process{PID: 2, PPID: 0, User: "root", Args: "[kthreadd]"}) {
		t.Errorf("first process %+v", procs[0])
	}
	ss := FindServers(procs)
	ng := findKind(ss, KindNginx)
	if len(ng) != 1 {
		t.Fatalf("nginx %+v", ng)
	}
	n := ng[0]
	if n.PID != 18271 || n.User != "root" || n.Binary != "/usr/sbin/nginx" || n.ConfigFile != "/srv/wplab/nginx/nginx.conf" ||
		n.ConfigDefault || n.Workers != 2 || !reflect.DeepEqual(n.WorkerUsers, []string{"www-data"}) {
		t.Errorf("nginx %+v", n)
	}
	fpm := findKind(ss, KindPHPFPM)
	if len(fpm) != 3 {
		t.Fatalf("php-fpm masters %+v", fpm)
	}
	// In PID order: site2 (4273), site3 (4618), site1 (5702).
	for i, site := range []string{"site2", "site3", "site1"} {
		f := fpm[i]
		if f.ConfigFile != "/srv/wplab/fpm/"+site+"/php-fpm.conf" || f.Workers != 2 || len(f.Pools) != 1 ||
			f.Pools[0].Name != site || f.Pools[0].Workers != 2 || len(f.Pools[0].Users) != 1 || f.Pools[0].Users[0][:3] != "wpl" {
			t.Errorf("fpm %s: %+v", site, f)
		}
	}
	my := findKind(ss, KindMySQL)
	if len(my) != 1 || my[0].Binary != "/usr/sbin/mariadbd" || my[0].ConfigFile != "/srv/wplab/mysql/my.cnf" || my[0].User != "mysql" {
		t.Errorf("mysql %+v", my)
	}
	if len(ss) != 5 {
		t.Errorf("%d servers: %+v", len(ss), ss)
	}
}

func TestFindServersCPanel(t *testing.T) {
	ss := FindServers(readPS(t, "cpanel-handwritten.txt"))
	ap := findKind(ss, KindApache)
	if len(ap) != 1 || ap[0].PID != 1021 || ap[0].Workers != 3 || ap[0].ConfigFile != "/etc/httpd/conf/httpd.conf" || !ap[0].ConfigDefault {
		t.Errorf("apache %+v", ap)
	}
	fpm := findKind(ss, KindPHPFPM)
	if len(fpm) != 2 || fpm[0].Version != "8.2" || fpm[1].Version != "7.4" || fpm[0].Pools[0].Name != "example_com" ||
		fpm[0].Pools[0].Users[0] != "exampl+" || fpm[1].Workers != 0 {
		t.Errorf("fpm %+v", fpm)
	}
	my := findKind(ss, KindMySQL)
	if len(my) != 1 || my[0].ConfigFile != "/etc/mysql/my.cnf" || !my[0].ConfigDefault {
		t.Errorf("mysql %+v", my)
	}
	if r := findKind(ss, KindRedis); len(r) != 1 || r[0].Listen != "127.0.0.1:6379" {
		t.Errorf("redis %+v", r)
	}
	if m := findKind(ss, KindMemcached); len(m) != 1 || m[0].Listen != "127.0.0.1:11211,[::1]:11211" || m[0].User != "memcach+" {
		t.Errorf("memcached %+v", m)
	}
	if len(ss) != 6 {
		t.Errorf("%d servers", len(ss))
	}
}

func TestFindServersLiteSpeed(t *testing.T) {
	ss := FindServers(readPS(t, "litespeed-handwritten.txt"))
	ls := findKind(ss, KindLiteSpeed)
	if len(ls) != 1 || ls[0].PID != 800 || ls[0].Workers != 3 || ls[0].ConfigFile != "/usr/local/lsws/conf/httpd_config.conf" {
		t.Errorf("litespeed %+v", ls)
	}
	lsphp := findKind(ss, KindLSPHP)
	if len(lsphp) != 2 || lsphp[0].Workers != 2 || lsphp[1].Version != "8.1" || lsphp[1].User != "other" {
		t.Errorf("lsphp %+v", lsphp)
	}
	v := findKind(ss, KindVarnish)
	if len(v) != 1 || v[0].Workers != 1 || v[0].ConfigFile != "/etc/varnish/default.vcl" || v[0].Listen != ":6081" {
		t.Errorf("varnish %+v", v)
	}
	if my := findKind(ss, KindMySQL); len(my) != 1 || my[0].ConfigFile != "/etc/mysql/my.cnf" {
		t.Errorf("mariadb %+v", my)
	}
}

// ps aux has no PPID column: workers are attached to the only master.
func TestFindServersPSAux(t *testing.T) {
	procs := readPS(t, "docker-aux-handwritten.txt")
	if procs[0].User != "root" || procs[0].PID != 1 || procs[0].Args != "nginx: master process nginx -g daemon off;" {
		t.Errorf("aux line %+v", procs[0])
	}
	ss := FindServers(procs)
	if len(ss) != 2 {
		t.Fatalf("servers %+v", ss)
	}
	n, f := ss[0], ss[1]
	if n.Kind != KindNginx || n.Binary != "nginx" || n.ConfigFile != "/etc/nginx/nginx.conf" || !n.ConfigDefault || n.Workers != 2 {
		t.Errorf("nginx %+v", n)
	}
	if f.Kind != KindPHPFPM || f.ConfigFile != "/usr/local/etc/php-fpm.conf" || f.Workers != 3 || f.Pools[0].Workers != 3 {
		t.Errorf("fpm %+v", f)
	}
}

func TestParsePSShapes(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Process
	}{
		{"eo", "  PID  PPID USER     COMMAND\n  10     1 root     /usr/sbin/nginx -c /x.conf\n", []Process{{10, 1, "root", "/usr/sbin/nginx -c /x.conf"}}},
		{"args header", "PID PPID USER ARGS\n5 1 a b  c\n", []Process{{5, 1, "a", "b  c"}}},
		{"cmd header, no user", "  PID CMD\n 7 php-fpm: pool www\r\n", []Process{{7, 0, "", "php-fpm: pool www"}}},
		{"garbage lines skipped", "PID PPID USER COMMAND\nx y z w\n\n 3 1 u\n 4 1 u cmd\n", []Process{{4, 1, "u", "cmd"}}},
		{"preamble before header", "warning: bad ps syntax\nPID PPID USER COMMAND\n1 0 root init\n", []Process{{1, 0, "root", "init"}}},
	}
	for _, tt := range tests {
		got, err := ParsePS([]byte(tt.in))
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v, %v", tt.name, got, err)
		}
	}
	if _, err := ParsePS([]byte("no header here\n1 2 3\n")); !errors.Is(err, conf.ErrSyntax) {
		t.Errorf("no header: %v", err)
	}
}

func TestFlagValueAndVersion(t *testing.T) {
	w := []string{"/usr/sbin/nginx", "-p", "/srv/", "-c", "conf/nginx.conf", "--defaults-file=/my.cnf", "-sstop"}
	if flagValue(w, "-c") != "conf/nginx.conf" || flagValue(w, "-p") != "/srv/" || flagValue(w, "--defaults-file") != "/my.cnf" ||
		flagValue(w, "-s") != "stop" || flagValue(w, "-f") != "" {
		t.Errorf("flagValue")
	}
	s := Server{Kind: KindNginx, Args: "nginx: master process /usr/sbin/nginx -p /srv/app -c conf/nginx.conf"}
	describe(&s)
	if s.ConfigFile != "/srv/app/conf/nginx.conf" || s.Prefix != "/srv/app" {
		t.Errorf("relative -c: %+v", s)
	}
	for in, want := range map[string]string{
		"/etc/php/8.3/fpm/php-fpm.conf":              "8.3",
		"/opt/cpanel/ea-php81/root/etc/php-fpm.conf": "8.1",
		"/opt/remi/php74/root/etc/php-fpm.conf":      "7.4",
		"/opt/alt/php80/etc/php-fpm.conf":            "8.0",
		"/usr/sbin/php-fpm8.2 --nodaemonize":         "8.2",
		"/usr/local/lsws/lsphp83/bin/lsphp":          "8.3",
		"/usr/local/etc/php-fpm.conf":                "",
		"/opt/plesk/php/8.1/etc/php-fpm.conf":        "8.1",
	} {
		if got := phpVersion(in); got != want {
			t.Errorf("phpVersion(%q) = %q, want %q", in, got, want)
		}
	}
}
