package serverconf

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seedFiles adds every file under testdata/dir whose name ends with one of
// the suffixes to the fuzz corpus.
func seedFiles(f *testing.F, dir string, suffixes ...string) {
	_ = filepath.WalkDir(filepath.Join("testdata", dir), func(p string, d os.DirEntry, err error) error {
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
		ds, err := ParseNginx("/f.conf", data)
		if err == nil {
			var b strings.Builder
			for _, d := range ds {
				b.WriteString(d.String())
			}
			again, err := ParseNginx("/f.conf", []byte(b.String()))
			if err != nil {
				t.Fatalf("rendered tree does not parse: %v\n%s", err, b.String())
			}
			if flat(again) != flat(ds) {
				t.Fatalf("round trip changed the tree:\n%s\n%s", flat(ds), flat(again))
			}
		}
		src := &mapSource{files: map[string][]byte{"/e/nginx.conf": data, "/e/inc.conf": data}, names: []string{"/e/inc.conf", "/e/nginx.conf"}}
		cfg, err := loadNginx(context.Background(), src, "/e/nginx.conf", NginxOptions{Limits: Limits{MaxDepth: 4, MaxFiles: 8}})
		if err != nil {
			t.Fatal(err)
		}
		exercise(cfg)
		if bytes.Contains(data, []byte(dumpHeader)) {
			if cfg, err := ParseNginxDump(context.Background(), data, NginxOptions{Limits: Limits{MaxDepth: 4, MaxFiles: 8}}); err == nil {
				exercise(cfg)
			}
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("took %v on %d bytes", d, len(data))
		}
	})
}

func exercise(cfg *NginxConfig) {
	ss := cfg.Servers()
	for _, s := range ss {
		for _, uri := range []string{"/", "/index.php", "/wp-admin/x.php?a=b", ""} {
			if l := s.LocationFor(uri); l != nil {
				_ = CheckHeaderBuffer(l.Backend(), 5000)
				_ = CheckTimeouts(l.Backend(), nil, PHPSettings{})
			}
		}
		for _, l := range s.Listen {
			_, _ = SelectServer(ss, "www.example.com", l.Addr, l.Port)
		}
	}
	_, _ = SelectServer(ss, "", "", 80)
}

// FuzzFPM: the ini parser and the FPM pool builder never panic; line
// numbers stay within the input; every pool has a name-derived slowlog.
func FuzzFPM(f *testing.F) {
	seedFiles(f, ".", "php-fpm.conf", ".ini", "www.conf", "blog.conf", "example.com.conf", "envvars")
	f.Add([]byte("[a]\nlisten = $pool\nprefix = /x/$pool\nslowlog = $prefix/s\nphp_value[x] = \"a\\\"b\" c ; d\nk[] = 'r'\n[global]\ninclude=/nope/*.conf\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, _ := ParseIni("/f.ini", data)
		maxLine := bytes.Count(data, []byte("\n")) + 1
		for _, l := range lines {
			if l.Pos.Line < 1 || l.Pos.Line > maxLine {
				t.Fatalf("line %d outside 1..%d: %+v", l.Pos.Line, maxLine, l)
			}
		}
		cfg := ParseFPM("/etc/php-fpm.conf", data, FPMOptions{})
		for _, p := range cfg.Pools {
			if p.Slowlog.Value == "" {
				t.Fatalf("pool %q without slowlog path", p.Name)
			}
			_ = CheckMaxChildren(p, 3)
			_ = EffectivePHP(nil, p)
		}
		_ = ParsePHPIni("/php.ini", data)
		_, _ = ParseApache("/a.conf", data, map[string]string{})
		_ = ParseEnvvars(data)
	})
}

// FuzzPS: ps parsing and server grouping never panic; worker counts never
// exceed the processes read.
func FuzzPS(f *testing.F) {
	seedFiles(f, "ps", ".txt")
	f.Add([]byte("PID PPID USER COMMAND\n1 1 root nginx: master process\n2 1 u nginx: worker process\n3 3 u php-fpm: pool x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		procs, err := ParsePS(data)
		if err != nil {
			return
		}
		total := 0
		for _, s := range FindServers(procs) {
			total += 1 + s.Workers
			pw := 0
			for _, p := range s.Pools {
				pw += p.Workers
			}
			if pw > s.Workers {
				t.Fatalf("pool workers %d > workers %d", pw, s.Workers)
			}
		}
		if total > len(procs) {
			t.Fatalf("%d processes counted, %d read", total, len(procs))
		}
	})
}
