package proc

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

// The ps capture of this machine.
func BenchmarkPSLab(b *testing.B) {
	data := readTestdata(b, "ps", "lab-debian.txt")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		procs, err := ParsePS(data)
		if err != nil || len(FindServers(procs)) != 5 {
			b.Fatal("servers")
		}
	}
}
