package logs

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

func appendFile(t *testing.T, name, s string) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// bump moves name's mtime forward so that a same-second rewrite is seen.
func bump(t *testing.T, name string, d time.Duration) {
	t.Helper()
	st, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(name, st.ModTime().Add(d), st.ModTime().Add(d)); err != nil {
		t.Fatal(err)
	}
}

func TestReadNewAppend(t *testing.T) {
	ctx := context.Background()
	fsys := site.LocalFS{}
	name := filepath.Join(t.TempDir(), "debug.log")
	appendFile(t, name, "old line 1\nold line 2\n")
	m, err := MarkFile(ctx, fsys, name)
	if err != nil || !m.Exists || m.Offset != 22 || m.Head != "old line 1\nold line 2\n" {
		t.Fatalf("mark = %+v, %v", m, err)
	}
	c, err := ReadNew(ctx, fsys, m, 0)
	if err != nil || len(c.Data) != 0 || c.Rotated || c.Next.Offset != 22 {
		t.Fatalf("nothing new: %+v, %v", c, err)
	}
	appendFile(t, name, "new 1\nnew 2\n")
	c, err = ReadNew(ctx, fsys, m, 0)
	if err != nil || string(c.Data) != "new 1\nnew 2\n" || c.Start != 22 || c.Rotated || c.Dropped != 0 {
		t.Fatalf("append: %q start %d %+v, %v", c.Data, c.Start, c, err)
	}
	appendFile(t, name, "new 3\n")
	c2, err := ReadNew(ctx, fsys, c.Next, 0)
	if err != nil || string(c2.Data) != "new 3\n" || c2.Next.Offset != 40 {
		t.Fatalf("second append: %q %+v, %v", c2.Data, c2.Next, err)
	}
}

func TestReadNewMissingThenCreated(t *testing.T) {
	ctx := context.Background()
	fsys := site.LocalFS{}
	name := filepath.Join(t.TempDir(), "debug.log")
	m, err := MarkFile(ctx, fsys, name)
	if err != nil || m.Exists {
		t.Fatalf("mark of missing = %+v, %v", m, err)
	}
	c, err := ReadNew(ctx, fsys, m, 0)
	if err != nil || len(c.Data) != 0 || c.Next.Exists {
		t.Fatalf("still missing: %+v, %v", c, err)
	}
	appendFile(t, name, "first\n")
	c, err = ReadNew(ctx, fsys, m, 0)
	if err != nil || string(c.Data) != "first\n" || c.Rotated || c.Next.Head != "first\n" {
		t.Fatalf("created: %+v, %v", c, err)
	}
	// Removed after marking: empty, Rotated, no error.
	if err := os.Remove(name); err != nil {
		t.Fatal(err)
	}
	c, err = ReadNew(ctx, fsys, c.Next, 0)
	if err != nil || len(c.Data) != 0 || !c.Rotated {
		t.Fatalf("removed: %+v, %v", c, err)
	}
}

func TestReadNewTruncation(t *testing.T) {
	ctx := context.Background()
	fsys := site.LocalFS{}
	name := filepath.Join(t.TempDir(), "debug.log")
	appendFile(t, name, strings.Repeat("before the probe\n", 10))
	m, err := MarkFile(ctx, fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	// copytruncate: the file is emptied, then written again (shorter).
	if err := os.Truncate(name, 0); err != nil {
		t.Fatal(err)
	}
	appendFile(t, name, "after\n")
	c, err := ReadNew(ctx, fsys, m, 0)
	if err != nil || !c.Rotated || string(c.Data) != "after\n" || c.Start != 0 {
		t.Fatalf("truncated: %q %+v, %v", c.Data, c, err)
	}
}

func TestReadNewRotationToLargerFile(t *testing.T) {
	ctx := context.Background()
	fsys := site.LocalFS{}
	dir := t.TempDir()
	name := filepath.Join(dir, "error.log")
	appendFile(t, name, "2026/11/21 16:00:00 [notice] 1#1: old\n")
	m, err := MarkFile(ctx, fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	// logrotate: rename away, a new file appears and outgrows the old one.
	if err := os.Rename(name, name+".1"); err != nil {
		t.Fatal(err)
	}
	fresh := strings.Repeat("2026/11/21 17:00:00 [error] 2#2: new\n", 5)
	appendFile(t, name, fresh)
	c, err := ReadNew(ctx, fsys, m, 0)
	if err != nil || !c.Rotated || string(c.Data) != fresh {
		t.Fatalf("rotated: %q %+v, %v", c.Data, c, err)
	}
}

func TestReadNewSameSizeRewrite(t *testing.T) {
	ctx := context.Background()
	fsys := site.LocalFS{}
	name := filepath.Join(t.TempDir(), "x.log")
	appendFile(t, name, "aaaa\n")
	m, err := MarkFile(ctx, fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte("bbbb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bump(t, name, 2*time.Second)
	c, err := ReadNew(ctx, fsys, m, 0)
	if err != nil || !c.Rotated || string(c.Data) != "bbbb\n" {
		t.Fatalf("same-size rewrite: %q %+v, %v", c.Data, c, err)
	}
	// Same size, new mtime, same content (touch): nothing new.
	bump(t, name, 2*time.Second)
	c2, err := ReadNew(ctx, fsys, c.Next, 0)
	if err != nil || c2.Rotated || len(c2.Data) != 0 {
		t.Fatalf("touch: %+v, %v", c2, err)
	}
}

func TestReadNewCap(t *testing.T) {
	ctx := context.Background()
	fsys := site.LocalFS{}
	name := filepath.Join(t.TempDir(), "debug.log")
	appendFile(t, name, "x\n")
	m, err := MarkFile(ctx, fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := 0; i < 1000; i++ {
		b.WriteString("line ")
		b.WriteString(strings.Repeat("z", i%50))
		b.WriteString("\n")
	}
	appendFile(t, name, b.String())
	c, err := ReadNew(ctx, fsys, m, 1000)
	if err != nil {
		t.Fatal(err)
	}
	all := b.String()
	if len(c.Data) > 1000 || len(c.Data) < 900 || !strings.HasSuffix(all, string(c.Data)) {
		t.Fatalf("cap: %d bytes, suffix=%v", len(c.Data), strings.HasSuffix(all, string(c.Data)))
	}
	if c.Data[0] != 'l' || all[len(all)-len(c.Data)-1] != '\n' {
		t.Errorf("kept part does not start at a line: %q", c.Data[:20])
	}
	if c.Dropped != int64(len(all)-len(c.Data)) || c.Start != 2+c.Dropped || c.Next.Offset != int64(2+len(all)) {
		t.Errorf("dropped %d start %d next %d", c.Dropped, c.Start, c.Next.Offset)
	}
}

func TestReadNewCapExactBoundary(t *testing.T) {
	ctx := context.Background()
	fsys := site.LocalFS{}
	name := filepath.Join(t.TempDir(), "debug.log")
	m, _ := MarkFile(ctx, fsys, name)
	appendFile(t, name, "aaaa\nbbbb\ncccc\n")
	c, err := ReadNew(ctx, fsys, m, 10) // exactly "bbbb\ncccc\n"
	if err != nil || string(c.Data) != "bbbb\ncccc\n" || c.Dropped != 5 {
		t.Fatalf("boundary: %q dropped %d, %v", c.Data, c.Dropped, err)
	}
	c, err = ReadNew(ctx, fsys, m, 3) // one partial line is all the cap holds: keep it
	if err != nil || string(c.Data) != "cc\n" {
		t.Fatalf("tiny cap: %q, %v", c.Data, err)
	}
}

func TestTail(t *testing.T) {
	ctx := context.Background()
	fsys := site.LocalFS{}
	name := filepath.Join(t.TempDir(), "debug.log")
	appendFile(t, name, "first line\nsecond line\nthird line\n")
	c, err := Tail(ctx, fsys, name, 20)
	if err != nil || string(c.Data) != "third line\n" || c.Start != 23 || c.Dropped != 23 {
		t.Fatalf("tail: %q %+v, %v", c.Data, c, err)
	}
	c, err = Tail(ctx, fsys, name, 1<<20)
	if err != nil || !bytes.HasPrefix(c.Data, []byte("first")) || c.Dropped != 0 {
		t.Fatalf("whole: %q, %v", c.Data, err)
	}
	appendFile(t, name, "fourth\n")
	n, err := ReadNew(ctx, fsys, c.Next, 0)
	if err != nil || string(n.Data) != "fourth\n" {
		t.Fatalf("ReadNew after Tail: %q, %v", n.Data, err)
	}
	if _, err := Tail(ctx, fsys, name+".missing", 10); err == nil {
		t.Error("Tail of a missing file: no error")
	}
}

// countingFS records the ranges read, to prove big files are not read whole.
type countingFS struct {
	site.LocalFS
	read int64
}

func (c *countingFS) ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error) {
	b, err := c.LocalFS.ReadRange(ctx, name, off, n)
	c.read += int64(len(b))
	return b, err
}

func TestReadsOnlyWhatMatters(t *testing.T) {
	ctx := context.Background()
	name := filepath.Join(t.TempDir(), "big.log")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 3 GiB file: cheap to make, fatal to read whole.
	if err := f.Truncate(3 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	appendFile(t, name, "\n[21-Nov-2026 16:47:01 UTC] tail line\n")
	fsys := &countingFS{}
	c, err := Tail(ctx, fsys, name, 4096)
	if err != nil || !bytes.HasSuffix(c.Data, []byte("tail line\n")) || fsys.read > 4096+1+2*headLen {
		t.Fatalf("tail read %d bytes, data %q, %v", fsys.read, c.Data, err)
	}
	m, err := MarkFile(ctx, fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	appendFile(t, name, "x\n")
	fsys.read = 0
	n, err := ReadNew(ctx, fsys, m, 0)
	if err != nil || string(n.Data) != "x\n" || fsys.read > 2+2*headLen {
		t.Fatalf("ReadNew read %d bytes, data %q, %v", fsys.read, n.Data, err)
	}
	// Cap on a huge append: only the cap (plus one byte) is read.
	m2 := Mark{Name: name, Exists: true, Offset: 0, Head: m.Head}
	fsys.read = 0
	n, err = ReadNew(ctx, fsys, m2, 1<<20)
	if err != nil || len(n.Data) > 1<<20 || fsys.read > 1<<20+1+2*headLen {
		t.Fatalf("capped ReadNew read %d bytes, kept %d, %v", fsys.read, len(n.Data), err)
	}
}

type failFS struct{ site.LocalFS }

func (failFS) ReadRange(context.Context, string, int64, int) ([]byte, error) {
	return nil, os.ErrPermission
}

func TestReadErrorsWrapped(t *testing.T) {
	ctx := context.Background()
	name := filepath.Join(t.TempDir(), "x.log")
	appendFile(t, name, "a\n")
	if _, err := MarkFile(ctx, failFS{}, name); err == nil || !strings.Contains(err.Error(), name) || !errorsIs(err, os.ErrPermission) {
		t.Errorf("MarkFile error = %v", err)
	}
	if _, err := Tail(ctx, failFS{}, name, 10); err == nil || !errorsIs(err, os.ErrPermission) {
		t.Errorf("Tail error = %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ReadNew(cancelled, site.LocalFS{}, Mark{Name: name}, 0); err == nil {
		t.Error("ReadNew with cancelled context: no error")
	}
}

// TestBefore: what a log held when it was marked, whatever it gained since;
// capped at a line boundary; nothing once it was rotated or truncated.
func TestBefore(t *testing.T) {
	ctx := context.Background()
	fsys := site.LocalFS{}
	name := filepath.Join(t.TempDir(), "error.log")
	if c, err := Before(ctx, fsys, Mark{Name: name}, 0); err != nil || len(c.Data) != 0 {
		t.Fatalf("missing file: %+v, %v", c, err)
	}
	appendFile(t, name, "line one\nline two\nline three\n")
	m, err := MarkFile(ctx, fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	appendFile(t, name, "during the run\n")
	c, err := Before(ctx, fsys, m, 0)
	if err != nil || string(c.Data) != "line one\nline two\nline three\n" || c.Rotated {
		t.Fatalf("before: %q %+v, %v", c.Data, c, err)
	}
	c, err = Before(ctx, fsys, m, 15)
	if err != nil || string(c.Data) != "line three\n" || c.Dropped == 0 {
		t.Fatalf("capped: %q %+v, %v", c.Data, c, err)
	}
	if err := os.WriteFile(name, []byte("rotated\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err := Before(ctx, fsys, m, 0); err != nil || len(c.Data) != 0 || !c.Rotated {
		t.Fatalf("truncated: %q %+v, %v", c.Data, c, err)
	}
	if err := os.WriteFile(name, []byte("a new file, longer than the old one was: rotated\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err := Before(ctx, fsys, m, 0); err != nil || len(c.Data) != 0 || !c.Rotated {
		t.Fatalf("replaced: %q %+v, %v", c.Data, c, err)
	}
}
