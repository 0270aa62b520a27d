package serverconf

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

func logSummary(ls []LogLocation) []string {
	var out []string
	for _, l := range ls {
		out = append(out, fmt.Sprintf("%s %s %s", l.Role, l.Target.Kind, l.Target.Path))
	}
	return out
}

func TestNginxLogsLab(t *testing.T) {
	cfg := loadNginxFixture(t, "lab", "/srv/wplab/nginx/nginx.conf")
	got := logSummary(cfg.Logs())
	want := []string{"nginx-error file /srv/wplab/nginx/error.log"}
	for _, s := range []string{"site1", "site2", "site3"} {
		want = append(want,
			"nginx-error file /srv/wplab/sites/"+s+"/logs/nginx-error.log",
			"nginx-access file /srv/wplab/sites/"+s+"/logs/nginx-access.log")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("logs\n%q\nwant\n%q", got, want)
	}
}

func TestNginxLogsUpstream(t *testing.T) {
	cfg := loadNginxFixture(t, "upstream", "/etc/nginx/nginx.conf")
	got := logSummary(cfg.Logs())
	want := []string{
		"nginx-error file /var/log/nginx/error.log",
		"nginx-access file /var/log/nginx/access.log",
		"nginx-error file /var/log/nginx/shop.error.log",
		"nginx-error syslog syslog:server=unix:/dev/log,tag=shop",
		"nginx-access off off",
		"nginx-error null /dev/null",
		"nginx-error stderr stderr",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("logs\n%q\nwant\n%q", got, want)
	}
}

func TestFPMLogs(t *testing.T) {
	ini, err := LoadPHPIni(context.Background(), fixture(t, "debian"), "/etc/php/8.2/fpm/php.ini", nil, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	lab := loadFPMFixture(t, "lab", "/srv/wplab/fpm/site3/php-fpm.conf", FPMOptions{})
	got := logSummary(lab.Logs(ini))
	want := []string{
		"fpm-error file /srv/wplab/sites/site3/logs/php-fpm.log",
		"fpm-slowlog file /srv/wplab/sites/site3/logs/php-fpm-slow.log",
		"php-error stderr ", // site3 sets no error_log: errors go to nginx
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("site3 logs %q", got)
	}
	if n := lab.Logs(ini)[2].Note; n == "" {
		t.Errorf("no note on FastCGI stderr")
	}
	site1 := loadFPMFixture(t, "lab", "/srv/wplab/fpm/site1/php-fpm.conf", FPMOptions{}).Logs(ini)
	if site1[2].Target.Path != "/srv/wplab/sites/site1/logs/php-error.log" || site1[2].Target.Pos.Line != 28 {
		t.Errorf("site1 php error log %+v", site1[2])
	}
	// Debian's stock pool: no slowlog (timeout off), errors to nginx.
	deb := loadFPMFixture(t, "debian", "/etc/php/8.2/fpm/php-fpm.conf", FPMOptions{}).Logs(ini)
	if got := logSummary(deb); !reflect.DeepEqual(got, []string{"fpm-error file /var/log/php8.2-fpm.log", "php-error stderr "}) {
		t.Errorf("debian %q", got)
	}
	up := loadFPMFixture(t, "upstream", "/etc/php/8.1/fpm/php-fpm.conf", FPMOptions{}).Logs(nil)
	if got := logSummary(up); !reflect.DeepEqual(got, []string{
		"fpm-error file /var/log/php8.1-fpm.log",
		"fpm-slowlog file /var/log/php-fpm/blog.slow.log", // pool.d/blog.conf sorts before www.conf
		"fpm-access file /usr/log/blog.access.log",
		"php-error stderr ",
		"php-error stderr ",
	}) {
		t.Errorf("upstream %q", got)
	}
	off := ParseFPM("/x.conf", []byte("[p]\nphp_admin_flag[log_errors] = off\nphp_admin_value[error_log] = syslog\n"), FPMOptions{}).Logs(nil)
	if off[1].Target.Kind != LogSyslog || off[1].Note == "" {
		t.Errorf("log_errors off %+v", off[1])
	}
}

func TestApacheLogs(t *testing.T) {
	fsys := fixture(t, "apache-debian")
	env, _ := fsys.ReadFile(context.Background(), "/etc/apache2/envvars")
	cfg, err := LoadApache(context.Background(), fsys, "/etc/apache2/apache2.conf", ApacheOptions{Vars: ParseEnvvars(env)})
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
	piped := &ApacheConfig{Global: &ApacheVHost{ErrorLog: Setting[string]{Value: "|/usr/bin/rotatelogs /var/log/e.%Y 86400"}}}
	if l := piped.Logs(); len(l) != 1 || l[0].Target.Kind != LogPipe {
		t.Errorf("piped %+v", l)
	}
}
