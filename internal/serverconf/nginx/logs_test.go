package nginx

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

func logSummary(ls []conf.LogLocation) []string {
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
