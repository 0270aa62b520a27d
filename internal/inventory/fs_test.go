package inventory

import (
	"context"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// countingFS counts the calls made through it, per operation and per path.
type countingFS struct {
	site.FS
	mu      sync.Mutex
	ops     map[string]int
	paths   map[string]int // "op path" → calls
	maxRead int
}

func newCountingFS(inner site.FS) *countingFS {
	return &countingFS{FS: inner, ops: map[string]int{}, paths: map[string]int{}}
}

func (c *countingFS) count(op, name string) {
	c.mu.Lock()
	c.ops[op]++
	c.paths[op+" "+name]++
	c.mu.Unlock()
}

func (c *countingFS) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.ops {
		n += v
	}
	return n
}

func (c *countingFS) ReadFile(ctx context.Context, name string) ([]byte, error) {
	c.count("ReadFile", name)
	return c.FS.ReadFile(ctx, name)
}

func (c *countingFS) Stat(ctx context.Context, name string) (fs.FileInfo, error) {
	c.count("Stat", name)
	return c.FS.Stat(ctx, name)
}

func (c *countingFS) Lstat(ctx context.Context, name string) (fs.FileInfo, error) {
	c.count("Lstat", name)
	return c.FS.Lstat(ctx, name)
}

func (c *countingFS) ReadDir(ctx context.Context, name string) ([]fs.FileInfo, error) {
	c.count("ReadDir", name)
	return c.FS.ReadDir(ctx, name)
}

func (c *countingFS) ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error) {
	c.count("ReadRange", name)
	c.mu.Lock()
	if n > c.maxRead {
		c.maxRead = n
	}
	c.mu.Unlock()
	return c.FS.ReadRange(ctx, name, off, n)
}

// faultFS fails the calls whose "op path" is in fail with the given error.
type faultFS struct {
	site.FS
	fail map[string]error
}

func (f faultFS) err(op, name string) error { return f.fail[op+" "+name] }

func (f faultFS) ReadDir(ctx context.Context, name string) ([]fs.FileInfo, error) {
	if err := f.err("ReadDir", name); err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	return f.FS.ReadDir(ctx, name)
}

func (f faultFS) ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error) {
	if err := f.err("ReadRange", name); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return f.FS.ReadRange(ctx, name, off, n)
}

func (f faultFS) Stat(ctx context.Context, name string) (fs.FileInfo, error) {
	if err := f.err("Stat", name); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return f.FS.Stat(ctx, name)
}

// TestScanCallsOnce checks that Scan lists each directory and reads each
// file at most once, never reads whole files, and reads at most 64 KiB.
func TestScanCallsOnce(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			c := newCountingFS(site.LocalFS{})
			scanFixture(t, c, fx)
			var dup []string
			for k, n := range c.paths {
				if n > 1 {
					dup = append(dup, k)
				}
			}
			sort.Strings(dup)
			if len(dup) > 0 {
				t.Errorf("repeated calls: %s", strings.Join(dup, "; "))
			}
			if c.ops["ReadFile"] > 0 || c.ops["Lstat"] > 0 {
				t.Errorf("unexpected calls: %v", c.ops)
			}
			if c.maxRead > codeSize {
				t.Errorf("read %d bytes at once, want at most %d", c.maxRead, codeSize)
			}
			t.Logf("%d FS calls: %v", c.total(), c.ops)
		})
	}
}
