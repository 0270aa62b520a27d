package doctor

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// Issue 14, defect 5: a shared log (the host's nginx error log at its
// usual path) holds entries about other sites; only the target's are
// evidence. The site's own logs are read whole.
func TestSharedLogKeepsOnlyTheSitesEntries(t *testing.T) {
	dir := t.TempDir()
	other := `2026/12/03 07:00:00 [error] 123#123: *5 FastCGI sent in stderr: "PHP message: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/other/wp-includes/plugin.php on line 12" while reading response header from upstream, client: 127.0.0.1, server: other.example, request: "GET / HTTP/1.1", upstream: "fastcgi://unix:/run/php/other.sock:", host: "other.example"` + "\n"
	otherNoHost := `2026/12/03 07:00:01 [error] 123#123: *6 FastCGI sent in stderr: "PHP message: PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/other/wp-includes/plugin.php on line 12" while reading response header from upstream, client: 127.0.0.1, server: _, request: "GET / HTTP/1.1"` + "\n"
	ours := `2026/12/03 07:00:02 [error] 123#123: *7 FastCGI sent in stderr: "PHP message: PHP Fatal error:  Uncaught Error: Call to undefined function wpd_nope() in /srv/site/wp-content/plugins/wpd-fatal/wpd-fatal.php:9" while reading response header from upstream, client: 127.0.0.1, server: _, request: "GET / HTTP/1.1", upstream: "fastcgi://unix:/run/php/site.sock:", host: "127.0.0.1:8081"` + "\n"
	b := belonging{dirs: []string{"/srv/site", "/srv/site/wp-content"}, hosts: map[string]bool{urlHost("http://127.0.0.1:8081"): true}}
	for _, tt := range []struct {
		how       string
		wantFiles []string
	}{
		{"usual path", []string{"/srv/site/wp-content/plugins/wpd-fatal/wpd-fatal.php"}},
		{"nginx configuration (main)", []string{"/srv/site/wp-content/plugins/wpd-fatal/wpd-fatal.php"}},
		{"nginx configuration (/etc/nginx/sites-enabled/site:3)", []string{"/var/www/other/wp-includes/plugin.php", "/var/www/other/wp-includes/plugin.php", "/srv/site/wp-content/plugins/wpd-fatal/wpd-fatal.php"}},
	} {
		p := filepath.Join(dir, strings.NewReplacer(" ", "_", "/", "_", "(", "", ")", "").Replace(tt.how)+".log")
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		l := &logSet{foreign: b.foreign}
		l.add("nginx error log", p, logs.FormatNginx, tt.how)
		ctx := context.Background()
		l.mark(ctx, site.LocalFS{})
		if err := os.WriteFile(p, []byte(other+otherNoHost+ours), 0o644); err != nil {
			t.Fatal(err)
		}
		evs := l.readNew(ctx, site.LocalFS{})
		var files []string
		for _, e := range evs {
			f := e.File
			for _, em := range e.Embedded {
				if em.File != "" {
					f = em.File
				}
			}
			files = append(files, f)
		}
		if strings.Join(files, " ") != strings.Join(tt.wantFiles, " ") {
			t.Errorf("%s: entries about %q, want %q", tt.how, files, tt.wantFiles)
		}
		rep := l.report()
		if want := len(tt.wantFiles) == 1; want != strings.Contains(rep[0].Reason, "2 entries about other sites left out") {
			t.Errorf("%s: reason %q", tt.how, rep[0].Reason)
		}
	}
}

func TestNormalHost(t *testing.T) {
	for _, tt := range []struct{ url, header string }{
		{"http://127.0.0.1:8081", "127.0.0.1:8081"},
		{"https://Example.com", "example.com"},
		{"https://example.com:443/blog", "www.example.com"},
		{"http://example.com", "example.com:80"},
	} {
		if urlHost(tt.url) != normalHost(tt.header, "") {
			t.Errorf("%s vs Host %s: %q != %q", tt.url, tt.header, urlHost(tt.url), normalHost(tt.header, ""))
		}
	}
	if urlHost("http://127.0.0.1:8081") == normalHost("127.0.0.1:8082", "") {
		t.Error("ports 8081 and 8082 compared equal")
	}
}
