package apache

import (
	"context"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conftest"
)

// Apache's name-based virtual hosts: the exact address before a wildcard,
// ServerName and ServerAlias (wildcards) before the first of the address.
func TestSelectVHost(t *testing.T) {
	src := `Listen 80
<VirtualHost *:80>
	ServerName default.example
</VirtualHost>
<VirtualHost *:80>
	ServerName shop.example
	ServerAlias *.shop.example
	<FilesMatch ".+\.ph(ar|p|tml)$">
		SetHandler "proxy:unix:/run/php/shop.sock|fcgi://localhost"
	</FilesMatch>
</VirtualHost>
<VirtualHost 127.0.0.1:8084 [::1]:8084>
	ServerName lab.example:8084
	ProxyPassMatch "^/(.*\.php)$" "fcgi://127.0.0.1:9000/srv/www/$1"
</VirtualHost>
<VirtualHost 10.0.0.5>
	ServerName anyport.example
</VirtualHost>
`
	fsys := conftest.MemFS{"/etc/apache2/apache2.conf": []byte(src)}
	cfg, err := Load(context.Background(), fsys, "/etc/apache2/apache2.conf", Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		host, ip string
		port     int
		want, by string
	}{
		{"shop.example", "", 80, "shop.example", "ServerName"},
		{"SHOP.example:80", "", 80, "shop.example", "ServerName"},
		{"www.shop.example", "", 80, "shop.example", "ServerAlias"},
		{"other.example", "", 80, "default.example", "first virtual host"},
		{"127.0.0.1", "127.0.0.1", 8084, "lab.example:8084", "first virtual host"},
		{"lab.example", "::1", 8084, "lab.example:8084", "ServerName"},
		{"x", "10.0.0.5", 8443, "anyport.example", "first virtual host"},
		{"shop.example", "10.0.0.5", 80, "anyport.example", "first virtual host"}, // the exact address wins over *:80
	}
	for _, tt := range tests {
		m, err := SelectVHost(cfg.VirtualHosts, tt.host, tt.ip, tt.port)
		if err != nil || m.VHost.ServerName.Value != tt.want || m.By != tt.by {
			t.Errorf("%s on %s:%d: %+v %v, want %s by %s", tt.host, tt.ip, tt.port, m, err, tt.want, tt.by)
		}
	}
	if _, err := SelectVHost(cfg.VirtualHosts, "shop.example", "127.0.0.1", 9999); err == nil {
		t.Error("nothing listens on 9999: ErrNoVHost")
	}
	shop, _ := SelectVHost(cfg.VirtualHosts, "shop.example", "", 80)
	if h := shop.VHost.PHPHandler(); h == nil || h.Target.Address != "/run/php/shop.sock" {
		t.Errorf("shop handler %+v", h)
	}
	lab, _ := SelectVHost(cfg.VirtualHosts, "lab.example", "127.0.0.1", 8084)
	if h := lab.VHost.PHPHandler(); h == nil || h.Directive != "ProxyPassMatch" || h.Target.Address != "127.0.0.1:9000" {
		t.Errorf("lab handler %+v", h)
	}
	if ls := lab.VHost.Listens(); len(ls) != 2 || ls[0] != (Listen{"127.0.0.1", 8084}) || ls[1] != (Listen{"::1", 8084}) {
		t.Errorf("listens %+v", ls)
	}
	if def, _ := SelectVHost(cfg.VirtualHosts, "x", "", 80); def.VHost.PHPHandler() != nil {
		t.Errorf("the default host has no PHP handler: %+v", def.VHost.PHPHandler())
	}
}
