package phpconf

import (
	"os"
	"path/filepath"
	"testing"
)

func readTestdata(b *testing.B, parts ...string) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(append([]string{"..", "testdata"}, parts...)...))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// Debian's full php.ini (about 2,000 lines).
func BenchmarkPHPIniDebian(b *testing.B) {
	data := readTestdata(b, "debian", "etc", "php", "8.2", "fpm", "php.ini")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if ini := ReadIni("/php.ini", data); ini.MemoryLimit.Value != 128<<20 {
			b.Fatal("memory_limit")
		}
	}
}

// Debian's www.conf with its long comments.
func BenchmarkFPMDebianPool(b *testing.B) {
	data := readTestdata(b, "debian", "etc", "php", "8.2", "fpm", "pool.d", "www.conf")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if cfg := ParseFPM("/www.conf", data, FPMOptions{}); len(cfg.Pools) != 1 {
			b.Fatal("pools")
		}
	}
}
