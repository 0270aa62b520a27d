package phpconf

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

// FuzzFPM: the ini parser and the FPM pool builder never panic; line
// numbers stay within the input; every pool has a name-derived slowlog.
func FuzzFPM(f *testing.F) {
	seedFiles(f, ".", "php-fpm.conf", ".ini", "www.conf", "blog.conf", "example.com.conf")
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
			_ = Effective(nil, p)
		}
		_ = cfg.Logs(ReadIni("/php.ini", data))
	})
}
