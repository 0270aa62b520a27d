// Package labtest gives integration tests the lab: its facts, exclusive use
// of a site (across test processes: `go test ./...` runs packages in
// parallel), scenario switching with cleanup, and log offsets.
package labtest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/lab"
)

// Required reports whether a missing lab is a failure (CI) rather than a skip.
func Required() bool { return os.Getenv("WPLAB_REQUIRED") == "1" }

// Facts returns the lab's facts, or skips the test (fails it when
// WPLAB_REQUIRED=1) when the lab is not up.
func Facts(t testing.TB) *lab.Facts {
	t.Helper()
	f, err := lab.LoadFacts()
	if errors.Is(err, lab.ErrNoLab) {
		if Required() {
			t.Fatalf("WPLAB_REQUIRED=1 but %v", err)
		}
		t.Skipf("integration test skipped: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() != 0 {
		if Required() {
			t.Fatal("lab integration tests need root")
		}
		t.Skip("integration test skipped: the lab tests need root")
	}
	return f
}

// Site takes exclusive use of a lab site for the rest of the test, puts it
// into scenario, and resets it to healthy at the end.
func Site(t testing.TB, f *lab.Facts, name, scenario string) *lab.SiteFact {
	t.Helper()
	s, err := f.Site(name)
	if err != nil {
		t.Fatal(err)
	}
	Lock(t, f, name)
	Scenario(t, f, name, scenario)
	t.Cleanup(func() {
		if err := lab.Apply(context.Background(), f, name, "healthy"); err != nil {
			t.Errorf("reset %s to healthy: %v", name, err)
		}
	})
	return s
}

// Scenario switches a site that the test already holds.
func Scenario(t testing.TB, f *lab.Facts, name, scenario string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := lab.Apply(ctx, f, name, scenario); err != nil {
		t.Fatalf("scenario %s on %s: %v", scenario, name, err)
	}
}

// Lock holds an exclusive lock on a site until the test ends.
func Lock(t testing.TB, f *lab.Facts, name string) {
	t.Helper()
	dir := filepath.Join(f.Dir, "locks")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	fh, err := os.OpenFile(filepath.Join(dir, name+".lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(fh.Fd()), syscall.LOCK_EX); err != nil {
		fh.Close()
		t.Fatalf("lock site %s: %v", name, err)
	}
	t.Cleanup(func() { fh.Close() }) // closing releases the lock
}
