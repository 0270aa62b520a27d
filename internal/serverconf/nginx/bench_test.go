package nginx

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

func readTestdata(b *testing.B, parts ...string) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"..", "testdata"}, parts...)...))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// The real `nginx -T` capture of this machine's Debian nginx, parsed and
// summarised.
func BenchmarkNginxDumpDebian(b *testing.B) {
	data := readTestdata(b, "nginx-T", "debian-system.txt")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		cfg, err := ParseDump(context.Background(), data, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(cfg.Servers()) != 1 {
			b.Fatal("servers")
		}
	}
}

// A shared host: 500 server blocks with PHP locations, then selecting the
// server for a host name and its PHP location.
func BenchmarkNginx500Servers(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("http {\n fastcgi_read_timeout 120s;\n")
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&sb, " server {\n  listen 80;\n  server_name site%d.example.com www.site%d.example.com;\n  root /home/u%d/public_html;\n"+
			"  error_log /home/u%d/logs/error.log;\n  location / { try_files $uri $uri/ /index.php?$args; }\n"+
			"  location ~ \\.php$ { fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name; fastcgi_pass unix:/run/php/u%d.sock; }\n }\n", i, i, i, i, i)
	}
	sb.WriteString("}\n")
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		cfg, err := load(context.Background(), conf.MemSource(map[string][]byte{"/n.conf": data}), "/n.conf", Options{})
		if err != nil {
			b.Fatal(err)
		}
		m, err := SelectServer(cfg.Servers(), "www.site499.example.com", "", 80)
		if err != nil || m.Server.LocationFor("/index.php").FastCGI.Targets[0].Address != "/run/php/u499.sock" {
			b.Fatal("selection")
		}
	}
}
