package lab

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// fleetFile keeps how many fleet sites the lab has, so that a plain `up`
// (make test's) keeps them.
func fleetFile(dir string) string { return filepath.Join(dir, "fleet-sites") }

// fleetCount is the number of fleet sites Up brings up: want, or with -1
// the number the lab has. A new count is recorded.
func fleetCount(dir string, want int) (int, error) {
	if want < 0 {
		b, err := os.ReadFile(fleetFile(dir))
		if errors.Is(err, fs.ErrNotExist) {
			return 0, nil
		}
		if err != nil {
			return 0, err
		}
		n, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil || n < 0 || n > MaxFleet {
			return 0, fmt.Errorf("%s: not a fleet size: %q", fleetFile(dir), b)
		}
		return n, nil
	}
	if want > MaxFleet {
		return 0, fmt.Errorf("--sites %d: at most %d fleet sites", want, MaxFleet)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	return want, os.WriteFile(fleetFile(dir), []byte(strconv.Itoa(want)+"\n"), 0o644)
}

// dropFleet stops the PHP-FPM masters of fleet sites beyond the count
// (a smaller --sites); their files and databases stay, as the lab's do.
func (s *setup) dropFleet() error {
	for i := s.fleet + 1; i <= MaxFleet; i++ {
		f := fleetSpec(i).fact(s.dir, s.sec)
		if err := stopFPM(&f); err != nil {
			return fmt.Errorf("stop %s: %w", f.Name, err)
		}
	}
	return nil
}
