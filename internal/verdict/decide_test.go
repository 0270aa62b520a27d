package verdict

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

var site1 = logs.StandardLayout("/srv/wplab/sites/site1/public")

func site3() logs.Layout {
	c := "/srv/wplab/sites/site3/www/content"
	return logs.Layout{ABSPATH: []string{"/srv/wplab/sites/site3/www"}, ContentDir: []string{c},
		PluginDir: []string{path.Join(c, "plugins")}, MUPluginDir: []string{path.Join(c, "mu-plugins")}, ThemeRoots: []string{path.Join(c, "themes")}}
}

// capture parses lab captures (internal/logs/testdata/<format>/lab-*.log).
func capture(t *testing.T, files ...string) []logs.Event {
	t.Helper()
	var out []logs.Event
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join("..", "logs", "testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		evs, err := logs.Parse(data, logs.Detect(data), logs.Options{Source: f})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, evs...)
	}
	return out
}

func answers(status int, class probe.Class) []probe.Result {
	r := probe.Result{URL: "http://127.0.0.1:8081/", Status: status, Class: class}
	return []probe.Result{r, r, r}
}

func TestDecideOnLabCaptures(t *testing.T) {
	gw := answers(502, probe.ClassGatewayError)
	tests := []struct {
		name       string
		events     []logs.Event
		probes     []probe.Result
		layout     logs.Layout
		kind       diag.Kind
		components []string
		bisect     bool
	}{
		{"fatal", capture(t, "php/lab-site1-fatal.log"), answers(500, probe.ClassWPCriticalError), site1, diag.KindPlugin, []string{"plugin:wpd-fatal"}, false},
		{"memory", capture(t, "php/lab-site1-memory.log"), answers(500, probe.ClassWPCriticalError), site1, diag.KindPlugin, []string{"plugin:wpd-memory-hog"}, false},
		{"theme", capture(t, "php/lab-site1-theme-broken.log"), answers(500, probe.ClassWPCriticalError), site1, diag.KindTheme, []string{"theme:wpd-broken-theme"}, false},
		{"mu-plugin", capture(t, "php/lab-site1-mu-broken.log"), answers(500, probe.ClassWPCriticalError), site1, diag.KindMU, []string{"mu-plugin:wpd-mu-broken.php"}, false},
		{"drop-in", capture(t, "php/lab-site1-dropin-object-cache.log"), answers(500, probe.ClassWPCriticalError), site1, diag.KindDropIn, []string{"drop-in:object-cache.php"}, false},
		{"fatal via FastCGI stderr", capture(t, "nginx/lab-site3-fatal.log", "fpm/lab-site3-fatal.log"), answers(500, probe.ClassWPCriticalError), site3(), diag.KindPlugin, []string{"plugin:wpd-fatal"}, false},
		{"fpm stopped", capture(t, "nginx/lab-site1-fpm-stopped.log"), gw, site1, diag.KindServer, []string{"server:php-fpm-down"}, false},
		{"timeout", capture(t, "nginx/lab-site1-timeout.log", "fpm/lab-site1-timeout.log", "slowlog/lab-site1-timeout.log"), gw, site1, diag.KindPlugin, []string{"plugin:wpd-timeout"}, false},
		{"big headers", capture(t, "nginx/lab-site1-big-headers.log"), gw, site1, diag.KindServer, []string{"server:fastcgi-buffer-too-small"}, true},
		{"silent crash", capture(t, "nginx/lab-site1-crash.log", "fpm/lab-site1-crash.log"), gw, site1, diag.KindUnknown, []string{}, true},
		{"crash with a logged path", capture(t, "nginx/lab-site1-crash-noisy.log", "fpm/lab-site1-crash-noisy.log", "php/lab-site1-crash-noisy.log"), gw, site1, diag.KindPlugin, []string{"plugin:wpd-crash-noisy"}, true},
		{"crash with a path in FPM stderr", capture(t, "nginx/lab-site3-crash-noisy.log", "fpm/lab-site3-crash-noisy.log"), gw, site3(), diag.KindPlugin, []string{"plugin:wpd-crash-noisy"}, true},
		{"no evidence", nil, gw, site1, diag.KindUnknown, []string{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Decide(Input{Status: diag.StatusBroken, Probes: tt.probes, Events: tt.events, Layout: tt.layout, FailureRate: 1})
			if v.Kind != tt.kind || strings.Join(v.Components, ",") != strings.Join(tt.components, ",") || v.RecommendBisect != tt.bisect {
				t.Errorf("verdict %s %v bisect=%v, want %s %v bisect=%v\ncause: %s", v.Kind, v.Components, v.RecommendBisect, tt.kind, tt.components, tt.bisect, v.Cause)
			}
			if v.Cause == "" || v.Fix == "" || v.Confidence <= 0 || v.Confidence > 1 {
				t.Errorf("incomplete verdict %+v", v)
			}
			if len(tt.events) > 0 && len(v.Evidence) == 0 {
				t.Error("no evidence")
			}
		})
	}
}

// Issue 14, an Apache site: the lab's Apache captures (mod_proxy_fcgi
// answering 503) give the same verdicts as nginx's, said in Apache's words.
func TestDecideOnApacheCaptures(t *testing.T) {
	site4 := logs.StandardLayout("/srv/wplab/sites/site4/htdocs")
	r := probe.Result{URL: "http://127.0.0.1:8084/", Status: 503, Class: probe.ClassGatewayError, Server: "Apache"}
	gw := []probe.Result{r, r, r}
	tests := []struct {
		name       string
		events     []logs.Event
		probes     []probe.Result
		kind       diag.Kind
		components []string
		cause      string
	}{
		{"fpm stopped", capture(t, "apache/lab-site4-fpm-stopped.log"), gw, diag.KindServer, []string{"server:php-fpm-down"}, "Apache cannot connect to it, so every PHP request fails with 503"},
		{"timeout", capture(t, "apache/lab-site4-timeout.log", "fpm/lab-site4-timeout.log", "slowlog/lab-site4-timeout.log"), gw, diag.KindPlugin, []string{"plugin:wpd-timeout"}, "Apache then answers 503"},
		{"silent crash", capture(t, "apache/lab-site4-crash.log", "fpm/lab-site4-crash.log"), gw, diag.KindUnknown, []string{}, "Apache answers 503"},
		{"fatal", capture(t, "apache/lab-site4-fatal.log"), answers(500, probe.ClassWPCriticalError), diag.KindPlugin, []string{"plugin:wpd-fatal"}, "wpd-fatal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Decide(Input{Status: diag.StatusBroken, Probes: tt.probes, Events: tt.events, Layout: site4, FailureRate: 1})
			if v.Kind != tt.kind || strings.Join(v.Components, ",") != strings.Join(tt.components, ",") {
				t.Errorf("verdict %s %v, want %s %v\ncause: %s", v.Kind, v.Components, tt.kind, tt.components, v.Cause)
			}
			if !strings.Contains(v.Cause, tt.cause) || strings.Contains(v.Cause+v.Fix, "nginx") {
				t.Errorf("cause %q (fix %q), want %q and no nginx", v.Cause, v.Fix, tt.cause)
			}
		})
	}
}

func TestDecideHealthyAndIntermittent(t *testing.T) {
	v := Decide(Input{Status: diag.StatusHealthy, Probes: answers(200, probe.ClassOK)})
	if v.Kind != diag.KindHealthy || len(v.Components) != 0 {
		t.Errorf("healthy: %+v", v)
	}
	v = Decide(Input{Status: diag.StatusIntermittent, Probes: answers(502, probe.ClassGatewayError), FailureRate: 0.5,
		Events: capture(t, "fpm/lab-site1-crash.log"), Layout: site1})
	if !strings.Contains(v.Cause, "intermittent: 50%") {
		t.Errorf("intermittent: %s", v.Cause)
	}
}

func TestDecideMaintenanceAndUnreachable(t *testing.T) {
	v := Decide(Input{Status: diag.StatusMaintenance, Probes: answers(503, probe.ClassWPMaintenance)})
	if v.Kind != diag.KindCore || !strings.Contains(v.Fix, ".maintenance") {
		t.Errorf("maintenance: %+v", v)
	}
	v = Decide(Input{Status: diag.StatusBroken, Probes: answers(0, probe.ClassConnectionRefused)})
	if v.Kind != diag.KindServer || v.Components[0] != "server:web-server-down" {
		t.Errorf("refused: %+v", v)
	}
}

// A CDN's own error page is evidence about the hop behind it: the CDN is
// blamed only when the origin, reached directly, answers well; without the
// origin the origin's logs decide, and without them the verdict says it
// cannot tell the two apart (issue 14, defect 12).
func TestDecideCDNOwnErrorPage(t *testing.T) {
	cf := answers(502, probe.ClassCDNError)
	for i := range cf {
		cf[i].CDN, cf[i].Reason = probe.CDNCloudflare, "Cloudflare's own 502 page (Bad gateway)"
	}
	ok := answers(200, probe.ClassOK)
	crash := capture(t, "nginx/lab-site1-fpm-stopped.log")
	tests := []struct {
		name       string
		in         Input
		kind       diag.Kind
		components []string
		cause      string
	}{
		{"origin answers well", Input{Origin: ok, OriginAt: "127.0.0.1:8081"}, diag.KindServer, []string{"server:cdn-cloudflare"}, "reached directly"},
		{"origin answers well: old log lines do not outvote it", Input{Origin: ok, OriginAt: "127.0.0.1:8081", Events: crash}, diag.KindServer, []string{"server:cdn-cloudflare"}, "answers normally"},
		{"origin not reached, its logs name the cause", Input{OriginWhy: "no nginx server block", Events: crash}, diag.KindServer, []string{"server:php-fpm-down"}, "PHP-FPM"},
		{"origin not reached, no logs", Input{OriginWhy: "no nginx server block serving the site was found"}, diag.KindUnknown, []string{}, "could not be reached directly (no nginx server block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Status, in.Probes, in.Layout, in.FailureRate = diag.StatusBroken, cf, site1, 1
			v := Decide(in)
			if v.Kind != tt.kind || strings.Join(v.Components, ",") != strings.Join(tt.components, ",") || !strings.Contains(v.Cause, tt.cause) {
				t.Errorf("verdict %s %v, cause %q; want %s %v, cause with %q", v.Kind, v.Components, v.Cause, tt.kind, tt.components, tt.cause)
			}
		})
	}
}
