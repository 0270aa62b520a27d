package phpconf

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conftest"
)

func logSummary(ls []conf.LogLocation) []string {
	var out []string
	for _, l := range ls {
		out = append(out, fmt.Sprintf("%s %s %s", l.Role, l.Target.Kind, l.Target.Path))
	}
	return out
}

func TestFPMLogs(t *testing.T) {
	ini, err := LoadIni(context.Background(), conftest.Fixture(testdata, "debian"), "/etc/php/8.2/fpm/php.ini", nil, conf.Limits{})
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
	if off[1].Target.Kind != conf.LogSyslog || off[1].Note == "" {
		t.Errorf("log_errors off %+v", off[1])
	}
}
