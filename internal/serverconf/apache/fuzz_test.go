package apache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
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

// FuzzApache: the Apache parser and envvars reader never panic; every
// directive they return has a name and a line inside the input.
func FuzzApache(f *testing.F) {
	seedFiles(f, "apache-debian", ".conf", "envvars")
	seedFiles(f, "cpanel/etc", ".conf")
	f.Add([]byte("<VirtualHost *:80>\n  ServerName \"a\\\" b\" \\\n x\n<FilesMatch x>\nSetHandler proxy:unix:/s|fcgi://l\n</FilesMatch>\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		vars := map[string]string{}
		ds, _ := Parse("/a.conf", data, vars)
		max := strings.Count(string(data), "\n") + 1
		var walk func([]*conf.Directive)
		walk = func(ds []*conf.Directive) {
			for _, d := range ds {
				if d.Name == "" || d.Pos.Line < 1 || d.Pos.Line > max {
					t.Fatalf("directive %+v (input has %d lines)", d, max)
				}
				walk(d.Block)
			}
		}
		walk(ds)
		_ = ParseEnvvars(data)
		cfg := &Config{Tree: ds, ServerRoot: "/etc/apache2"}
		cfg.summarise()
		_ = cfg.Logs()
	})
}
