package proc

import (
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
