package nginx

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conftest"
)

// seedFiles adds every file under testdata/dir whose name ends with one of
// the suffixes to the fuzz corpus.
func seedFiles(f *testing.F, dir string, suffixes ...string) {
	_ = filepath.WalkDir(filepath.Join("..", "testdata", dir), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		for _, s := range suffixes {
			if strings.HasSuffix(p, s) {
				if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
					f.Add(b)
				}
				break
			}
		}
		return nil
	})
}

// FuzzNginx: the parser never panics and does bounded work; what it
// accepts renders back to the same tree; summaries, selection and location
// matching never panic on whatever it produced (also via the -T path).
func FuzzNginx(f *testing.F) {
	seedFiles(f, ".", ".conf", "fastcgi_params", "default")
	seedFiles(f, "nginx-T", ".txt")
	f.Add([]byte(`http { server { listen 127.0.0.1:80 default_server; server_name ~^(a|b)$ *.x .y z.*; location ~* "\.php$" { fastcgi_pass $u; } location = / {} location ^~ /s/ { location ~ x {} } } }`))
	f.Add([]byte("# configuration file /e/n.conf:\nhttp { include i/*.conf; }\n\n# configuration file /e/i/a.conf:\nserver { location / { proxy_pass http://unix:/s.sock:/x; } }\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		ds, err := Parse("/f.conf", data)
		if err == nil {
			var b strings.Builder
			for _, d := range ds {
				b.WriteString(Render(d))
			}
			again, err := Parse("/f.conf", []byte(b.String()))
			if err != nil {
				t.Fatalf("rendered tree does not parse: %v\n%s", err, b.String())
			}
			if conftest.Flat(again) != conftest.Flat(ds) {
				t.Fatalf("round trip changed the tree:\n%s\n%s", conftest.Flat(ds), conftest.Flat(again))
			}
		}
		src := conf.MemSource(map[string][]byte{"/e/nginx.conf": data, "/e/inc.conf": data})
		cfg, err := load(context.Background(), src, "/e/nginx.conf", Options{Limits: conf.Limits{MaxDepth: 4, MaxFiles: 8}})
		if err != nil {
			t.Fatal(err)
		}
		exercise(cfg)
		if bytes.Contains(data, []byte(dumpHeader)) {
			if cfg, err := ParseDump(context.Background(), data, Options{Limits: conf.Limits{MaxDepth: 4, MaxFiles: 8}}); err == nil {
				exercise(cfg)
			}
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("took %v on %d bytes", d, len(data))
		}
	})
}

func exercise(cfg *Config) {
	ss := cfg.Servers()
	for _, s := range ss {
		for _, uri := range []string{"/", "/index.php", "/wp-admin/x.php?a=b", ""} {
			if b := s.LocationFor(uri).Backend(); b != nil && len(b.Targets) == 0 {
				panic("backend without targets")
			}
		}
		for _, l := range s.Listen {
			_, _ = SelectServer(ss, "www.example.com", l.Addr, l.Port)
		}
	}
	_, _ = SelectServer(ss, "", "", 80)
	_ = cfg.Logs()
}
