package logs

import (
	"os"
	"path"
	"path/filepath"
	"testing"
)

// labLayouts are the lab sites' layouts (see internal/lab): the captures in
// testdata/*/lab-*.log were written by the real nginx 1.22, Apache 2.4
// (site4), PHP-FPM 8.2 and WordPress 6.1 of the lab, with `WPLAB_CAPTURE=dir go test -run
// TestLabScenarios ./internal/lab`.
var labLayouts = map[string]Layout{
	"site1": StandardLayout("/srv/wplab/sites/site1/public"),
	"site2": StandardLayout("/srv/wplab/sites/site2/public_html"),
	"site3": contentLayout("/srv/wplab/sites/site3/www", "/srv/wplab/sites/site3/www/content"),
	"site4": StandardLayout("/srv/wplab/sites/site4/htdocs"),
}

func contentLayout(abspath, content string) Layout {
	return Layout{
		ABSPATH: []string{abspath}, ContentDir: []string{content},
		PluginDir: []string{path.Join(content, "plugins")}, MUPluginDir: []string{path.Join(content, "mu-plugins")},
		ThemeRoots: []string{path.Join(content, "themes")},
	}
}

func TestLabCaptures(t *testing.T) {
	cases := []struct {
		file   string
		format Format
		site   string
		kind   Kind
		blame  string // "" = not checked
		signal string
	}{
		{"nginx/lab-site1-crash.log", FormatNginx, "site1", "upstream-reset", "", ""},
		{"fpm/lab-site1-crash.log", FormatFPM, "site1", "fpm-child-signal", "", "SIGSEGV"},
		{"fpm/lab-site1-conflict.log", FormatFPM, "site1", "fpm-child-signal", "", "SIGSEGV"},
		{"fpm/lab-site1-timeout.log", FormatFPM, "site1", "fpm-request-timeout", "", ""},
		{"slowlog/lab-site1-timeout.log", FormatSlowlog, "site1", "fpm-slowlog", "plugin:wpd-timeout", ""},
		{"slowlog/lab-site2-timeout.log", FormatSlowlog, "site2", "fpm-slowlog", "plugin:wpd-timeout", ""},
		{"nginx/lab-site1-big-headers.log", FormatNginx, "site1", "upstream-header-too-big", "", ""},
		{"nginx/lab-site1-fpm-stopped.log", FormatNginx, "site1", "upstream-no-socket", "", ""},
		{"php/lab-site1-fatal.log", FormatPHP, "site1", "php-fatal", "plugin:wpd-fatal", ""},
		{"php/lab-site2-fatal.log", FormatPHP, "site2", "php-fatal", "plugin:wpd-fatal", ""},
		{"php/lab-site1-memory.log", FormatPHP, "site1", "php-memory-exhausted", "plugin:wpd-memory-hog", ""},
		{"php/lab-site1-mu-broken.log", FormatPHP, "site1", "php-fatal", "mu-plugin:wpd-mu-broken.php", ""},
		{"php/lab-site1-theme-broken.log", FormatPHP, "site1", "php-fatal", "theme:wpd-broken-theme", ""},
		{"php/lab-site1-dropin-object-cache.log", FormatPHP, "site1", "php-fatal", "drop-in:object-cache.php", ""},
		{"php/lab-site1-crash-noisy.log", FormatPHP, "site1", "php-warning", "plugin:wpd-crash-noisy", ""},
		{"nginx/lab-site3-fatal.log", FormatNginx, "site3", "fastcgi-stderr", "plugin:wpd-fatal", ""},
		{"fpm/lab-site3-fatal.log", FormatFPM, "site3", "fpm-stderr", "plugin:wpd-fatal", ""},
		{"fpm/lab-site3-crash-noisy.log", FormatFPM, "site3", "fpm-stderr", "plugin:wpd-crash-noisy", ""},
		{"nginx/lab-site3-mu-broken.log", FormatNginx, "site3", "fastcgi-stderr", "mu-plugin:wpd-mu-broken.php", ""},
		{"nginx/lab-site3-theme-broken.log", FormatNginx, "site3", "fastcgi-stderr", "theme:wpd-broken-theme", ""},
		{"apache/lab-site4-crash.log", FormatApache, "site4", "upstream-reset", "", ""},
		{"apache/lab-site4-timeout.log", FormatApache, "site4", "upstream-closed", "", ""},
		{"apache/lab-site4-fpm-stopped.log", FormatApache, "site4", "upstream-no-socket", "", ""},
		{"apache/lab-site4-fatal.log", FormatApache, "site4", "fastcgi-stderr", "plugin:wpd-fatal", ""},
		{"fpm/lab-site4-crash.log", FormatFPM, "site4", "fpm-child-signal", "", "SIGSEGV"},
		{"fpm/lab-site4-timeout.log", FormatFPM, "site4", "fpm-request-timeout", "", ""},
		{"slowlog/lab-site4-timeout.log", FormatSlowlog, "site4", "fpm-slowlog", "plugin:wpd-timeout", ""},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := Detect(data); got != c.format {
				t.Errorf("Detect = %v, want %v", got, c.format)
			}
			events, err := Parse(data, c.format, Options{Source: c.file})
			if err != nil {
				t.Fatal(err)
			}
			layout := labLayouts[c.site]
			found := false
			for i := range events {
				e := &events[i]
				if e.Kind == "unparsed" {
					t.Errorf("unparsed line: %q", e.Raw)
				}
				if e.Kind != c.kind || (c.signal != "" && e.Signal != c.signal) {
					continue
				}
				if c.blame == "" || layout.Blame(e).ID() == c.blame {
					found = true
				}
			}
			if !found {
				t.Errorf("no %s event blamed on %q (signal %q) among %d events", c.kind, c.blame, c.signal, len(events))
				for _, e := range events {
					t.Logf("  %s %s blame=%s", e.Kind, e.Message, layout.Blame(&e).ID())
				}
			}
		})
	}
}
