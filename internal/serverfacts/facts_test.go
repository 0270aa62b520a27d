package serverfacts

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// psShell answers `ps` with a fixed process list.
type psShell string

func (p psShell) Run(context.Context, string) (site.Result, error) {
	return site.Result{Stdout: []byte(p)}, nil
}

func writeFile(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// nginxConf is a minimal main file with one server block.
func nginxConf(listen, name, root, fastcgi string) string {
	return fmt.Sprintf(`events {}
http {
  server {
    listen %s;
    server_name %s;
    root %s;
    location ~ \.php$ { fastcgi_pass %s; }
  }
}
`, listen, name, root, fastcgi)
}

// Two nginx masters run (a control panel's own and the customer's); the
// first in the process list serves another site on the same port. The
// site's own block is found in the second, and the report says why.
func TestGatherServerReadsEveryNginxMaster(t *testing.T) {
	dir := t.TempDir()
	panel := filepath.Join(dir, "panel", "nginx.conf")
	cust := filepath.Join(dir, "cust", "nginx.conf")
	docroot := filepath.Join(dir, "www", "shop")
	writeFile(t, panel, nginxConf("127.0.0.1:8080 default_server", "panel.example", filepath.Join(dir, "panel", "html"), "unix:/run/panel.sock"))
	writeFile(t, cust, nginxConf("127.0.0.1:8080", "shop.example", docroot, "unix:/run/php/shop.sock"))
	ps := fmt.Sprintf(`  PID  PPID USER     COMMAND
  100     1 root     nginx: master process /usr/sbin/nginx -c %s
  101   100 www-data nginx: worker process
  200     1 root     nginx: master process /usr/sbin/nginx -c %s
  201   200 www-data nginx: worker process
`, panel, cust)
	f := GatherServer(context.Background(), site.LocalFS{}, psShell(ps), "http://shop.example:8080/", docroot)
	if f.Server == nil {
		t.Fatalf("no server block chosen; notes: %v", f.Notes)
	}
	if f.NginxFile != cust {
		t.Errorf("chose %s, want %s", f.NginxFile, cust)
	}
	if f.Backend == nil || len(f.Backend.Targets) == 0 || !strings.Contains(f.Backend.Targets[0].Address, "shop.sock") {
		t.Errorf("backend = %+v, want the shop's socket", f.Backend)
	}
	notes := strings.Join(f.Notes, "\n")
	if !strings.Contains(notes, "2 nginx masters run") || !strings.Contains(notes, "root is the document root") {
		t.Errorf("notes do not say which master was chosen and why:\n%s", notes)
	}
}

// With one master whose block for the URL has another root, that block is
// still the one that answers (nginx would use it), but the note says the
// root is not the site's.
func TestServerScorePrefersDocumentRoot(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a", "nginx.conf")
	b := filepath.Join(dir, "b", "nginx.conf")
	docroot := filepath.Join(dir, "www")
	// Both answer shop.example by name; only b's root is the site's.
	writeFile(t, a, nginxConf("8080", "shop.example", filepath.Join(dir, "other"), "127.0.0.1:9001"))
	writeFile(t, b, nginxConf("8080", "shop.example", docroot, "127.0.0.1:9002"))
	ps := fmt.Sprintf("  PID  PPID USER COMMAND\n 1 0 root nginx: master process nginx -c %s\n 2 0 root nginx: master process nginx -c %s\n", a, b)
	f := GatherServer(context.Background(), site.LocalFS{}, psShell(ps), "http://shop.example:8080/", docroot)
	if f.NginxFile != b {
		t.Fatalf("chose %s, want %s (notes %v)", f.NginxFile, b, f.Notes)
	}
}
