package serverfacts

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// Issue 14, defect 7: without the database the site's URL comes from the
// server block (of any nginx master) whose root is the document root.
func TestSiteURLFromServerBlock(t *testing.T) {
	dir := t.TempDir()
	docroot := filepath.Join(dir, "www", "shop")
	tests := []struct {
		listen, name, root, host, want string
	}{
		{"127.0.0.1:8081", "_", docroot, "127.0.0.1", "http://127.0.0.1:8081"},
		{"8080", "shop.example www.shop.example", docroot, "10.0.0.5", "http://shop.example:8080"},
		{"80", "_", docroot, "web1.example", "http://web1.example"},
		{"443 ssl", "shop.example", docroot + "/", "x", "https://shop.example"},
		{"[::1]:8443 ssl", "_", docroot, "x", "https://[::1]:8443"},
		{"127.0.0.1:8081", "_", filepath.Join(dir, "other"), "127.0.0.1", ""},
	}
	for i, tt := range tests {
		panel := filepath.Join(dir, fmt.Sprint(i), "panel.conf")
		cust := filepath.Join(dir, fmt.Sprint(i), "cust.conf")
		writeFile(t, panel, nginxConf("127.0.0.1:8090 default_server", "panel.example", filepath.Join(dir, "panel"), "unix:/run/panel.sock"))
		writeFile(t, cust, nginxConf(tt.listen, tt.name, tt.root, "unix:/run/shop.sock"))
		ps := fmt.Sprintf("  PID  PPID USER     COMMAND\n  100     1 root     nginx: master process /usr/sbin/nginx -c %s\n  200     1 root     nginx: master process /usr/sbin/nginx -c %s\n", panel, cust)
		u, why, ok := SiteURL(context.Background(), site.LocalFS{}, psShell(ps), docroot, tt.host)
		if u != tt.want || ok != (tt.want != "") {
			t.Errorf("listen %s name %s: %q %v (%s), want %q", tt.listen, tt.name, u, ok, why, tt.want)
		}
		if ok && (!strings.Contains(why, cust) || !strings.Contains(why, "document root")) {
			t.Errorf("why %q does not name the block", why)
		}
	}
}
