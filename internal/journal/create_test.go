package journal

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestCreateFileAndFolder: a folder and a file in it, created through the
// journal, are gone after undo — in the session, and by Restore after a
// crash (the session never undone).
func TestCreateFileAndFolder(t *testing.T) {
	for _, crash := range []bool{false, true} {
		ctx := context.Background()
		f := newFixture(t)
		before := treeSum(t, f.root)
		s, err := Begin(ctx, f.env(nil), f.run(), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(f.root, "wp-content", "mu-plugins")
		file := filepath.Join(dir, "000-agent.php")
		if err := s.Mkdir(ctx, dir, 0o755, "mu-plugins folder"); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateFile(ctx, file, []byte("<?php // agent"), 0o644, "agent"); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateFile(ctx, file, []byte("<?php // again"), 0o644, "agent"); !errors.Is(err, fs.ErrExist) {
			t.Errorf("creating an existing file: %v, want fs.ErrExist", err)
		}
		if b, err := os.ReadFile(file); err != nil || string(b) != "<?php // agent" {
			t.Fatalf("agent file: %q %v", b, err)
		}
		var rep *Report
		if crash {
			s.j.close()
			rep, err = Restore(ctx, f.env(nil), s.Path())
		} else {
			rep, err = s.Undo(ctx)
		}
		if err != nil || !rep.Verified {
			t.Fatalf("crash %v: undo: %v %+v", crash, err, rep)
		}
		if treeSum(t, f.root) != before {
			t.Errorf("crash %v: the created file or folder is still there", crash)
		}
	}
}

// TestCreatedFolderNotEmptied: a file someone else put in the folder the run
// created is kept, and undo says the site is not as before.
func TestCreatedFolderNotEmptied(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	s, err := Begin(ctx, f.env(nil), f.run(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(f.root, "wp-content", "mu-plugins")
	if err := s.Mkdir(ctx, dir, 0o755, "mu-plugins folder"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "theirs.php"), []byte("<?php"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(ctx); !errors.Is(err, ErrRestoreIncomplete) {
		t.Errorf("undo: %v, want ErrRestoreIncomplete", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "theirs.php")); err != nil {
		t.Errorf("their file: %v", err)
	}
}
