// Package sitetest is the conformance suite of site.FS: every
// implementation (local, SFTP) must pass it.
package sitetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// Run checks fsys against the site.FS contract inside dir, an existing empty
// directory that the suite may fill.
func Run(t *testing.T, fsys site.FS, dir string) {
	ctx := context.Background()
	p := func(name string) string { return path.Join(dir, name) }
	write := func(t *testing.T, name string, data []byte) {
		t.Helper()
		if err := fsys.WriteFileAtomic(ctx, p(name), data, 0o644); err != nil {
			t.Fatalf("write %s: %v", name, err)
		}
	}
	read := func(t *testing.T, name string) []byte {
		t.Helper()
		b, err := fsys.ReadFile(ctx, p(name))
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		return b
	}

	t.Run("WriteRead", func(t *testing.T) {
		data := []byte("<?php\r\ndefine( 'WP_DEBUG', false );\r\n\x00\xff binary")
		write(t, "a.php", data)
		if got := read(t, "a.php"); !bytes.Equal(got, data) {
			t.Errorf("read back %q, want %q", got, data)
		}
		write(t, "a.php", []byte("second"))
		if got := read(t, "a.php"); string(got) != "second" {
			t.Errorf("after overwrite read %q", got)
		}
		write(t, "empty", nil)
		if got := read(t, "empty"); len(got) != 0 {
			t.Errorf("empty file read %q", got)
		}
	})
	t.Run("WriteKeepsMode", func(t *testing.T) {
		write(t, "mode.php", []byte("x"))
		if err := fsys.WriteFileAtomic(ctx, p("mode.php"), []byte("y"), 0o600); err != nil {
			t.Fatal(err)
		}
		st, err := fsys.Stat(ctx, p("mode.php"))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o644 {
			t.Errorf("mode after rewrite %v, want 0644 kept", st.Mode().Perm())
		}
		if err := fsys.WriteFileAtomic(ctx, p("new600"), []byte("y"), 0o600); err != nil {
			t.Fatal(err)
		}
		if st, _ := fsys.Stat(ctx, p("new600")); st == nil || st.Mode().Perm() != 0o600 {
			t.Errorf("new file mode %v, want 0600", st.Mode().Perm())
		}
	})
	t.Run("NoTempLeftBehind", func(t *testing.T) {
		write(t, "clean", []byte("x"))
		list, err := fsys.ReadDir(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, fi := range list {
			if bytes.Contains([]byte(fi.Name()), []byte(".wpdoctor-")) {
				t.Errorf("temporary file left behind: %s", fi.Name())
			}
		}
	})
	t.Run("NotExist", func(t *testing.T) {
		_, err := fsys.ReadFile(ctx, p("missing"))
		wantIs(t, "ReadFile", err, fs.ErrNotExist)
		_, err = fsys.Stat(ctx, p("missing"))
		wantIs(t, "Stat", err, fs.ErrNotExist)
		_, err = fsys.Lstat(ctx, p("missing"))
		wantIs(t, "Lstat", err, fs.ErrNotExist)
		_, err = fsys.ReadDir(ctx, p("missing"))
		wantIs(t, "ReadDir", err, fs.ErrNotExist)
		_, err = fsys.ReadRange(ctx, p("missing"), 0, 10)
		wantIs(t, "ReadRange", err, fs.ErrNotExist)
		wantIs(t, "Rename", fsys.Rename(ctx, p("missing"), p("other")), fs.ErrNotExist)
		wantIs(t, "Remove", fsys.Remove(ctx, p("missing")), fs.ErrNotExist)
		if ok, err := site.Exists(ctx, fsys, p("missing")); ok || err != nil {
			t.Errorf("Exists(missing) = %v, %v", ok, err)
		}
	})
	t.Run("Rename", func(t *testing.T) {
		write(t, "r1", []byte("one"))
		if err := fsys.Rename(ctx, p("r1"), p("r2")); err != nil {
			t.Fatal(err)
		}
		if string(read(t, "r2")) != "one" {
			t.Error("content lost in rename")
		}
		write(t, "r3", []byte("three"))
		wantIs(t, "Rename onto existing file", fsys.Rename(ctx, p("r2"), p("r3")), fs.ErrExist)
		if string(read(t, "r3")) != "three" || string(read(t, "r2")) != "one" {
			t.Error("a refused rename changed files")
		}
		mustMkdir(t, fsys, p("d1"))
		mustMkdir(t, fsys, p("d2"))
		wantIs(t, "Rename dir onto existing dir", fsys.Rename(ctx, p("d1"), p("d2")), fs.ErrExist)
		if err := fsys.Rename(ctx, p("d1"), p("d1.off")); err != nil {
			t.Errorf("rename dir: %v", err)
		}
	})
	t.Run("RenameMany", func(t *testing.T) {
		mustMkdir(t, fsys, p("many"))
		var pairs []site.RenamePair
		for i := 0; i < 40; i++ {
			name := p(fmt.Sprintf("many/plugin-%02d", i))
			mustMkdir(t, fsys, name)
			pairs = append(pairs, site.RenamePair{Old: name, New: name + ".off"})
		}
		pairs = append(pairs, site.RenamePair{Old: p("many/absent"), New: p("many/absent.off")})
		errs := fsys.RenameMany(ctx, pairs)
		if len(errs) != len(pairs) {
			t.Fatalf("%d errors for %d pairs", len(errs), len(pairs))
		}
		for i, err := range errs[:40] {
			if err != nil {
				t.Errorf("pair %d: %v", i, err)
			}
		}
		wantIs(t, "RenameMany missing source", errs[40], fs.ErrNotExist)
		list, err := fsys.ReadDir(ctx, p("many"))
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 40 || list[0].Name() != "plugin-00.off" || list[39].Name() != "plugin-39.off" {
			t.Errorf("after RenameMany: %d entries, first %q", len(list), list[0].Name())
		}
	})
	t.Run("ReadRange", func(t *testing.T) {
		write(t, "log", []byte("0123456789"))
		for _, c := range []struct {
			off  int64
			n    int
			want string
		}{{0, 4, "0123"}, {6, 10, "6789"}, {10, 5, ""}, {100, 5, ""}, {3, 0, ""}} {
			got, err := fsys.ReadRange(ctx, p("log"), c.off, c.n)
			if err != nil {
				t.Errorf("ReadRange(%d,%d): %v", c.off, c.n, err)
			} else if string(got) != c.want {
				t.Errorf("ReadRange(%d,%d) = %q, want %q", c.off, c.n, got, c.want)
			}
		}
	})
	t.Run("ReadDirSortedAndStat", func(t *testing.T) {
		mustMkdir(t, fsys, p("ls"))
		for _, n := range []string{"zeta.php", "Alpha", "beta"} {
			write(t, "ls/"+n, []byte(n))
		}
		list, err := fsys.ReadDir(ctx, p("ls"))
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, fi := range list {
			names = append(names, fi.Name())
		}
		if fmt.Sprint(names) != "[Alpha beta zeta.php]" {
			t.Errorf("ReadDir order %v", names)
		}
		st, err := fsys.Stat(ctx, p("ls"))
		if err != nil || !st.IsDir() {
			t.Errorf("Stat dir: %v %v", st, err)
		}
		st, err = fsys.Stat(ctx, p("ls/beta"))
		if err != nil || st.IsDir() || st.Size() != 4 {
			t.Errorf("Stat file: %v %v", st, err)
		}
	})
	t.Run("MkdirRemove", func(t *testing.T) {
		mustMkdir(t, fsys, p("m"))
		wantIs(t, "Mkdir existing", fsys.Mkdir(ctx, p("m"), 0o755), fs.ErrExist)
		if err := fsys.Remove(ctx, p("m")); err != nil {
			t.Errorf("remove empty dir: %v", err)
		}
		write(t, "rm", []byte("x"))
		if err := fsys.Remove(ctx, p("rm")); err != nil {
			t.Errorf("remove file: %v", err)
		}
	})
	t.Run("CanceledContext", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := fsys.ReadFile(cctx, p("log")); !errors.Is(err, context.Canceled) {
			t.Errorf("ReadFile with canceled context: %v", err)
		}
	})
}

func mustMkdir(t *testing.T, fsys site.FS, name string) {
	t.Helper()
	if err := fsys.Mkdir(context.Background(), name, 0o755); err != nil {
		t.Fatalf("mkdir %s: %v", name, err)
	}
}

func wantIs(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: error %v, want %v", what, err, target)
	}
}
