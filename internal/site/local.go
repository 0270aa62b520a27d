package site

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"sort"
)

// LocalFS is the FS of the machine wpdoctor runs on.
type LocalFS struct{}

var _ FS = LocalFS{}

func (LocalFS) ReadFile(ctx context.Context, name string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return os.ReadFile(name)
}

func (LocalFS) WriteFileAtomic(ctx context.Context, name string, data []byte, perm fs.FileMode) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if st, err := os.Stat(name); err == nil {
		perm = st.Mode().Perm()
	}
	tmp := TempName(name)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if err := f.Close(); werr == nil {
		werr = err
	}
	if werr == nil {
		// The umask may have narrowed perm at creation.
		werr = os.Chmod(tmp, perm)
	}
	if werr == nil {
		werr = os.Rename(tmp, name)
	}
	if werr != nil {
		_ = os.Remove(tmp)
		return werr
	}
	return nil
}

func (LocalFS) Rename(ctx context.Context, oldpath, newpath string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	// Never replace: check first. A race with another writer is accepted
	// on the local side, as it is for SFTP's non-POSIX rename.
	if _, err := os.Lstat(newpath); err == nil {
		return &fs.PathError{Op: "rename", Path: newpath, Err: fs.ErrExist}
	}
	return os.Rename(oldpath, newpath)
}

func (l LocalFS) RenameMany(ctx context.Context, pairs []RenamePair) []error {
	errs := make([]error, len(pairs))
	for i, p := range pairs {
		errs[i] = l.Rename(ctx, p.Old, p.New)
	}
	return errs
}

func (LocalFS) Stat(ctx context.Context, name string) (fs.FileInfo, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return os.Stat(name)
}

func (LocalFS) Lstat(ctx context.Context, name string) (fs.FileInfo, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return os.Lstat(name)
}

func (LocalFS) ReadDir(ctx context.Context, name string) ([]fs.FileInfo, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(name)
	if err != nil {
		return nil, err
	}
	infos := make([]fs.FileInfo, 0, len(entries))
	for _, e := range entries {
		info, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed since listed
		}
		if err != nil {
			return nil, err
		}
		infos = append(infos, info)
	}
	sort.Slice(infos, func(i, j int) bool { return infos[i].Name() < infos[j].Name() })
	return infos, nil
}

func (LocalFS) ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	m, err := f.ReadAt(buf, off)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:m], nil
}

func (LocalFS) Remove(ctx context.Context, name string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return os.Remove(name)
}

func (LocalFS) Mkdir(ctx context.Context, name string, perm fs.FileMode) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return os.Mkdir(name, perm)
}

// TempName returns a fresh name beside name for an atomic write.
func TempName(name string) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return path.Join(path.Dir(name), fmt.Sprintf(".%s.wpdoctor-%s.tmp", path.Base(name), hex.EncodeToString(b[:])))
}

// LocalShell runs commands on the machine wpdoctor runs on.
type LocalShell struct{}

func (LocalShell) Run(ctx context.Context, cmd string) (Result, error) {
	var out, errb bytes.Buffer
	c := exec.CommandContext(ctx, "/bin/sh", "-c", cmd)
	c.Stdout, c.Stderr = &out, &errb
	err := c.Run()
	res := Result{Stdout: out.Bytes(), Stderr: errb.Bytes()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee) && ctx.Err() == nil:
		res.ExitCode = ee.ExitCode()
	case ctx.Err() != nil:
		return res, fmt.Errorf("run %q: %w", cmd, ctx.Err())
	default:
		return res, fmt.Errorf("run %q: %w", cmd, err)
	}
	return res, nil
}
