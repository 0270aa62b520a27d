package e2e

import (
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabApache: the lab's Apache site (Debian's apache2 with
// mod_proxy_fcgi handing PHP to the site's PHP-FPM pool, which passes the
// database password in env[...]) diagnosed and bisected with
// --auto-bisect. wpdoctor reads the virtual host that serves the site for
// its error log and its PHP hand-off, reads the password the way the pool's
// workers see it, and names the culprit of Apache's 500 and 503 answers;
// every site is identical afterwards (issue 14: an Apache site; defect 6).
func TestLabApache(t *testing.T) {
	f := labtest.Facts(t)
	s, err := f.Site("site4")
	if err != nil || s.Server != "apache" {
		t.Fatalf("the lab has no Apache site (bring the lab up again): %v", err)
	}
	cases := []struct {
		scenario   string
		status     int
		kind       diag.Kind
		components []string
		exit       int
		database   bool   // the password is read from the pool's env[...]: false when the pool is not running
		finding    string // a finding that must be reported
	}{
		{"crash", 503, diag.KindPlugin, []string{"plugin:wpd-crash"}, 3, true, ""},
		{"fatal", 500, diag.KindPlugin, []string{"plugin:wpd-fatal"}, 3, true, ""},
		{"timeout", 503, diag.KindPlugin, []string{"plugin:wpd-timeout"}, 3, true, "server:timeout.fpm-kills-before-apache"},
		{"fpm-stopped", 503, diag.KindServer, []string{"server:php-fpm-down"}, 4, false, "server:php-fpm-down"},
	}
	for _, c := range cases {
		t.Run(c.scenario, func(t *testing.T) {
			labtest.Site(t, f, s.Name, c.scenario)
			before := stateOf(t, f, s)
			r := wpdoctor(t, t.TempDir(), nil, append([]string{"diagnose", "--auto-bisect", "--json", "-q"}, target(f, s)...)...)
			if r.report == nil {
				t.Fatalf("exit %d, no report: %s", r.code, r.stderr)
			}
			rep := r.report
			v := rep.Verdict
			if v.Kind != c.kind || strings.Join(v.Components, ",") != strings.Join(c.components, ",") {
				t.Errorf("verdict %s %v, want %s %v\ncause: %s\nnotes: %v", v.Kind, v.Components, c.kind, c.components, v.Cause, rep.Notes)
			}
			if strings.Contains(v.Cause, "nginx") {
				t.Errorf("the verdict speaks of nginx on an Apache site: %s", v.Cause)
			}
			if r.code != c.exit {
				t.Errorf("exit %d, want %d", r.code, c.exit)
			}
			if len(rep.Probes) == 0 || rep.Probes[0].Statuses[c.status] != rep.Probes[0].Requests || !strings.Contains(rep.Probes[0].Server, "Apache") {
				t.Errorf("probes %+v, want the front page answering %d from Apache", rep.Probes, c.status)
			}
			var vhostLog bool
			for _, l := range rep.Logs {
				if l.Path == s.ApacheError && l.Read && strings.Contains(l.Reason, "Apache configuration") {
					vhostLog = true
				}
			}
			if !vhostLog {
				t.Errorf("the virtual host's error log %s was not read as the Apache configuration names it: %+v", s.ApacheError, rep.Logs)
			}
			var dbErr, found bool
			for _, fd := range rep.Findings {
				dbErr = dbErr || strings.Contains(fd.Summary, "could not use the site's database")
				found = found || fd.Component == c.finding
			}
			if dbErr == c.database {
				t.Errorf("database reachable = %v, want %v (DB_PASSWORD comes from the pool's env[%s])", !dbErr, c.database, "WPLAB_DB_PASSWORD")
			}
			if c.finding != "" && !found {
				t.Errorf("no finding %s in %+v", c.finding, rep.Findings)
			}
			if !rep.Restored {
				t.Errorf("not restored: %v", rep.RestoreNotes)
			}
			if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
				t.Errorf("site differs after the run:\n%s", strings.Join(d, "\n"))
			}
			t.Logf("%s: %s %v, %d diagnosis and %d bisect probes, %s", c.scenario, v.Kind, v.Components, rep.DiagnosisProbes, rep.ProbeCount, r.took)
		})
	}
}
