package serverfacts

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// apacheConf is a main file with a panel's virtual host and the site's, on
// the same address, the site's handing PHP to its pool.
func apacheConf(dir, docroot, sock string) string {
	return fmt.Sprintf(`ServerRoot %[1]s
Listen 127.0.0.1:8084
ErrorLog %[1]s/error.log
Timeout 45
<VirtualHost 127.0.0.1:8084>
	ServerName panel.example
	DocumentRoot %[1]s/panel
	ErrorLog %[1]s/panel-error.log
</VirtualHost>
<VirtualHost 127.0.0.1:8084>
	ServerName shop.example
	ServerAlias www.shop.example
	DocumentRoot %[2]s
	ErrorLog %[1]s/shop-error.log
	<FilesMatch "\.php$">
		SetHandler "proxy:unix:%[3]s|fcgi://localhost"
	</FilesMatch>
</VirtualHost>
`, dir, docroot, sock)
}

const fpmConf = `[global]
error_log = %[1]s/fpm.log
[shop]
listen = %[2]s
request_terminate_timeout = 8s
`

// Issue 14, an Apache site: with no nginx block for the site, the Apache
// master's virtual host that serves it (by ServerAlias here) gives the
// web server, its error log, its PHP hand-off and through it the pool.
func TestGatherServerApacheVirtualHost(t *testing.T) {
	dir := t.TempDir()
	docroot := filepath.Join(dir, "shop")
	sock := filepath.Join(dir, "shop.sock")
	main := filepath.Join(dir, "apache2.conf")
	fpm := filepath.Join(dir, "php-fpm.conf")
	writeFile(t, main, apacheConf(dir, docroot, sock))
	writeFile(t, fpm, fmt.Sprintf(fpmConf, dir, sock))
	// Another site's nginx runs too, with no block for this one.
	other := filepath.Join(dir, "nginx.conf")
	writeFile(t, other, nginxConf("127.0.0.1:8081", "other.example", filepath.Join(dir, "other"), "unix:/run/other.sock"))
	ps := fmt.Sprintf(`  PID  PPID USER     COMMAND
  100     1 root     /usr/sbin/apache2 -f %s -k start
  101   100 www-data /usr/sbin/apache2 -f %s -k start
  200     1 root     php-fpm: master process (%s)
  201   200 shop     php-fpm: pool shop
  300     1 root     nginx: master process /usr/sbin/nginx -c %s
`, main, main, fpm, other)
	f := GatherServer(context.Background(), site.LocalFS{}, psShell(ps), "http://www.shop.example:8084/", docroot)
	if f.Web() != "apache" || f.VHost == nil || f.VHost.ServerName.Value != "shop.example" {
		t.Fatalf("web %q vhost %v; notes %v", f.Web(), f.VHost, f.Notes)
	}
	if notes := strings.Join(f.Notes, "\n"); strings.Contains(notes, "nginx") {
		t.Errorf("a note about the other site's nginx: %s", notes)
	}
	if f.WebServer() != "Apache" {
		t.Errorf("WebServer() = %q", f.WebServer())
	}
	h, ok := f.PHPTarget()
	if !ok || h.Target.Network != "unix" || h.Target.Address != sock || h.Directive != "SetHandler" || h.Pos.Line != 16 {
		t.Errorf("PHP target %+v %v", h, ok)
	}
	if f.Pool == nil || f.Pool.Name != "shop" || f.Pool.RequestTerminateTimeout.Value != 8*time.Second {
		t.Errorf("pool %+v, want shop matched through the handler's socket", f.Pool)
	}
	if f.VHost.ProxyTimeout.Value != 45*time.Second {
		t.Errorf("ProxyTimeout %v, want the global Timeout 45s", f.VHost.ProxyTimeout.Value)
	}
	if d := f.Describe(); !strings.Contains(d, "Apache virtual host at "+main+":10") || !strings.Contains(d, "PHP-FPM pool shop") {
		t.Errorf("Describe() = %q", d)
	}
}

// A site an nginx block serves is nginx's, even with Apache running too.
func TestGatherServerNginxBeforeApache(t *testing.T) {
	dir := t.TempDir()
	docroot := filepath.Join(dir, "shop")
	ng := filepath.Join(dir, "nginx.conf")
	ap := filepath.Join(dir, "apache2.conf")
	writeFile(t, ng, nginxConf("127.0.0.1:8084", "shop.example", docroot, "unix:/run/ng.sock"))
	writeFile(t, ap, apacheConf(dir, docroot, "/run/ap.sock"))
	ps := fmt.Sprintf("  PID  PPID USER COMMAND\n 1 0 root nginx: master process nginx -c %s\n 2 0 root /usr/sbin/apache2 -f %s -k start\n", ng, ap)
	f := GatherServer(context.Background(), site.LocalFS{}, psShell(ps), "http://shop.example:8084/", docroot)
	if f.Web() != "nginx" || f.VHost != nil {
		t.Errorf("web %q vhost %v, want nginx", f.Web(), f.VHost)
	}
}

// Issue 14, defect 7 on Apache: without the database, the URL comes from
// the virtual host whose DocumentRoot is the document root.
func TestSiteURLFromApacheVirtualHost(t *testing.T) {
	dir := t.TempDir()
	docroot := filepath.Join(dir, "shop")
	main := filepath.Join(dir, "apache2.conf")
	writeFile(t, main, apacheConf(dir, docroot, "/run/shop.sock"))
	ps := fmt.Sprintf("  PID  PPID USER COMMAND\n 2 0 root /usr/sbin/apache2 -f %s -k start\n", main)
	u, why, ok := SiteURL(context.Background(), site.LocalFS{}, psShell(ps), docroot, "10.0.0.5")
	if !ok || u != "http://shop.example:8084" || !strings.Contains(why, "Apache virtual host at "+main+":10") {
		t.Errorf("SiteURL = %q %v (%s)", u, ok, why)
	}
}
