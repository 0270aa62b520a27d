package journal

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// CreateFile writes a new file where there is none, journaled: undo removes
// it while it holds what was written (the journal keeps its checksum, not
// its content). It fails with fs.ErrExist when path exists.
func (s *Session) CreateFile(ctx context.Context, path string, data []byte, perm fs.FileMode, note string) error {
	if err := s.Touch(ctx, []string{path}, nil); err != nil {
		return err
	}
	if ok, err := site.Exists(ctx, s.env.FS, path); err != nil || ok {
		if err == nil {
			err = fs.ErrExist
		}
		return fmt.Errorf("create %s: %w", path, err)
	}
	seqs, err := s.intent(Step{Kind: KindNewFile, Path: path, AfterSHA: SHA(data), Note: note})
	if err != nil {
		return err
	}
	if err := s.env.FS.WriteFileAtomic(ctx, path, data, perm); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return s.markDone(seqs...)
}

// Mkdir creates a folder, journaled: undo removes it once it is empty
// again. It fails with fs.ErrExist when path exists.
func (s *Session) Mkdir(ctx context.Context, path string, perm fs.FileMode, note string) error {
	if err := s.Touch(ctx, []string{path}, nil); err != nil {
		return err
	}
	seqs, err := s.intent(Step{Kind: KindMkdir, Path: path, Note: note})
	if err != nil {
		return err
	}
	if err := s.env.FS.Mkdir(ctx, path, perm); err != nil {
		return fmt.Errorf("create folder %s: %w", path, err)
	}
	return s.markDone(seqs...)
}

func (s *Session) undoNewFile(ctx context.Context, st Step) (string, error) {
	if s.snap.Paths[st.Path].Exists {
		return "", nil // it was there before: never ours
	}
	b, err := s.env.FS.ReadFile(ctx, st.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if SHA(b) != st.AfterSHA {
		return "", fmt.Errorf("%s: %w (it no longer holds what wpdoctor wrote)", st.Path, ErrChangedUnderneath)
	}
	if err := s.env.FS.Remove(ctx, st.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	return "", nil
}

func (s *Session) undoMkdir(ctx context.Context, st Step) (string, error) {
	if s.snap.Paths[st.Path].Exists {
		return "", nil
	}
	fi, err := s.env.FS.Lstat(ctx, st.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s: %w (it is no longer a folder)", st.Path, ErrChangedUnderneath)
	}
	entries, err := s.env.FS.ReadDir(ctx, st.Path)
	if err != nil {
		return "", err
	}
	if len(entries) > 0 {
		return "", fmt.Errorf("%s: %w (something else put %d file(s) in the folder wpdoctor created)", st.Path, ErrChangedUnderneath, len(entries))
	}
	return "", s.env.FS.Remove(ctx, st.Path)
}
