// Package site defines the narrow interfaces through which wpdoctor touches a
// server — its files, its shell — and the local implementations of them.
// The SSH/SFTP implementations live in internal/remote; everything above
// this package (the WordPress model, the journal, logs, checks, bisect)
// depends only on these interfaces.
//
// Paths are always absolute, slash-separated POSIX paths on the server,
// whatever the OS wpdoctor itself runs on.
package site

import (
	"context"
	"errors"
	"io/fs"
)

// FS is a server's file system.
//
// Contract, shared by every implementation and checked by the conformance
// suite in sitetest:
//   - errors wrap fs.ErrNotExist, fs.ErrExist and fs.ErrPermission where those
//     apply, so callers can use errors.Is;
//   - WriteFileAtomic never leaves a half-written file at name: it writes a
//     temporary file in the same directory and renames it over name. An
//     existing file keeps its permission bits; perm applies to new files;
//   - Rename fails with fs.ErrExist when newpath exists (it never replaces);
//   - RenameMany performs independent renames, pipelined where the transport
//     allows, and returns one error per pair (nil for success), in order;
//   - ReadRange returns at most n bytes from offset off; fewer at end of file,
//     and an empty slice (no error) at or past the end;
//   - ReadDir returns entries sorted by name; Lstat does not follow symlinks;
//   - Remove removes a file or an empty directory; Mkdir fails with
//     fs.ErrExist when name exists.
type FS interface {
	ReadFile(ctx context.Context, name string) ([]byte, error)
	WriteFileAtomic(ctx context.Context, name string, data []byte, perm fs.FileMode) error
	Rename(ctx context.Context, oldpath, newpath string) error
	RenameMany(ctx context.Context, pairs []RenamePair) []error
	Stat(ctx context.Context, name string) (fs.FileInfo, error)
	Lstat(ctx context.Context, name string) (fs.FileInfo, error)
	ReadDir(ctx context.Context, name string) ([]fs.FileInfo, error)
	ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error)
	Remove(ctx context.Context, name string) error
	Mkdir(ctx context.Context, name string, perm fs.FileMode) error
}

// RenamePair is one rename of a batch.
type RenamePair struct {
	Old, New string
}

// Exists reports whether name exists (without following a final symlink).
// Errors other than "not exist" are returned.
func Exists(ctx context.Context, fsys FS, name string) (bool, error) {
	_, err := fsys.Lstat(ctx, name)
	if err == nil {
		return true, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return false, err
}
