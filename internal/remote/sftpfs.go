package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"sync"

	"github.com/pkg/sftp"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// SFTP is the site.FS of a server, over the Client's connection. It opens
// its SFTP session anew after a reconnection.
type SFTP struct {
	c *Client

	mu          sync.Mutex
	sc          *sftp.Client
	gen         int
	posixRename bool
	fsync       bool
}

var _ site.FS = (*SFTP)(nil)

// NewSFTP starts an SFTP session on the connection.
func NewSFTP(ctx context.Context, c *Client) (*SFTP, error) {
	f := &SFTP{c: c}
	if _, err := f.client(ctx); err != nil {
		return nil, err
	}
	return f, nil
}

// client returns the SFTP session of the live connection.
func (f *SFTP) client(ctx context.Context) (*sftp.Client, error) {
	cl, gen, err := f.c.current(ctx)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.sc != nil && f.gen == gen {
		return f.sc, nil
	}
	if f.sc != nil {
		f.sc.Close()
	}
	sc, err := sftp.NewClient(cl, sftp.UseConcurrentReads(true))
	if err != nil {
		return nil, fmt.Errorf("start sftp: %w", err)
	}
	_, f.posixRename = sc.HasExtension("posix-rename@openssh.com")
	_, f.fsync = sc.HasExtension("fsync@openssh.com")
	f.sc, f.gen = sc, gen
	return sc, nil
}

// do runs op on the SFTP session, once more after a reconnection if the
// connection dropped.
func (f *SFTP) do(ctx context.Context, op func(*sftp.Client) error) error {
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		sc, err := f.client(ctx)
		if err != nil {
			return err
		}
		f.mu.Lock()
		gen := f.gen
		f.mu.Unlock()
		err = op(sc)
		if err == nil || !f.c.lost(gen, err) {
			return err
		}
		if attempt > 0 {
			return fmt.Errorf("%w: %w", ErrConnLost, err)
		}
	}
}

// Close ends the SFTP session.
func (f *SFTP) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.sc == nil {
		return nil
	}
	err := f.sc.Close()
	f.sc = nil
	return err
}

func (f *SFTP) ReadFile(ctx context.Context, name string) ([]byte, error) {
	var data []byte
	err := f.do(ctx, func(sc *sftp.Client) error {
		fh, err := sc.Open(name)
		if err != nil {
			return err
		}
		defer fh.Close()
		data, err = io.ReadAll(fh)
		return err
	})
	return data, pathErr("read", name, err)
}

func (f *SFTP) WriteFileAtomic(ctx context.Context, name string, data []byte, perm fs.FileMode) error {
	return pathErr("write", name, f.do(ctx, func(sc *sftp.Client) error {
		if st, err := sc.Stat(name); err == nil {
			perm = st.Mode().Perm()
		}
		tmp := site.TempName(name)
		if err := f.writeNew(sc, tmp, data, perm); err != nil {
			_ = sc.Remove(tmp)
			return err
		}
		if err := f.replace(sc, tmp, name); err != nil {
			_ = sc.Remove(tmp)
			return err
		}
		return nil
	}))
}

func (f *SFTP) writeNew(sc *sftp.Client, name string, data []byte, perm fs.FileMode) error {
	fh, err := sc.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL)
	if err != nil {
		return err
	}
	_, werr := fh.Write(data)
	if werr == nil && f.fsync {
		werr = fh.Sync()
	}
	if err := fh.Close(); werr == nil {
		werr = err
	}
	if werr != nil {
		return werr
	}
	return sc.Chmod(name, perm)
}

// replace renames tmp over name: atomically with posix-rename, else by
// removing name first (a short window without the file).
func (f *SFTP) replace(sc *sftp.Client, tmp, name string) error {
	if f.posixRename {
		return sc.PosixRename(tmp, name)
	}
	if err := sc.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return sc.Rename(tmp, name)
}

func (f *SFTP) Rename(ctx context.Context, oldpath, newpath string) error {
	return pathErr("rename", oldpath, f.do(ctx, func(sc *sftp.Client) error {
		return renameNoReplace(sc, oldpath, newpath)
	}))
}

// renameNoReplace uses SFTP's plain rename, which never replaces (OpenSSH's
// server refuses when the target exists), and names that case ErrExist.
func renameNoReplace(sc *sftp.Client, oldpath, newpath string) error {
	err := sc.Rename(oldpath, newpath)
	if err == nil {
		return nil
	}
	if _, serr := sc.Lstat(newpath); serr == nil {
		return &fs.PathError{Op: "rename", Path: newpath, Err: fs.ErrExist}
	}
	return err
}

// renameWorkers bounds the renames in flight at once.
const renameWorkers = 32

// RenameMany sends the renames concurrently over the one SFTP session, so
// they are pipelined: a batch costs about one round trip, not one per pair.
func (f *SFTP) RenameMany(ctx context.Context, pairs []site.RenamePair) []error {
	errs := make([]error, len(pairs))
	sc, err := f.client(ctx)
	if err != nil {
		for i := range errs {
			errs[i] = err
		}
		return errs
	}
	f.mu.Lock()
	gen := f.gen
	f.mu.Unlock()
	sem := make(chan struct{}, renameWorkers)
	var wg sync.WaitGroup
	for i, p := range pairs {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, p site.RenamePair) {
			defer wg.Done()
			defer func() { <-sem }()
			errs[i] = pathErr("rename", p.Old, renameNoReplace(sc, p.Old, p.New))
		}(i, p)
	}
	wg.Wait()
	// A dropped connection: redo, one by one, what did not happen.
	for i, p := range pairs {
		if errs[i] != nil && f.c.lost(gen, errs[i]) {
			errs[i] = f.redoRename(ctx, p)
		}
	}
	return errs
}

// redoRename finishes a rename whose answer was lost with the connection:
// if it had already happened, that counts as success.
func (f *SFTP) redoRename(ctx context.Context, p site.RenamePair) error {
	err := f.Rename(ctx, p.Old, p.New)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if _, serr := f.Lstat(ctx, p.New); serr == nil {
		return nil
	}
	return err
}

func (f *SFTP) Stat(ctx context.Context, name string) (fs.FileInfo, error) {
	var fi fs.FileInfo
	err := f.do(ctx, func(sc *sftp.Client) (err error) { fi, err = sc.Stat(name); return err })
	return fi, pathErr("stat", name, err)
}

func (f *SFTP) Lstat(ctx context.Context, name string) (fs.FileInfo, error) {
	var fi fs.FileInfo
	err := f.do(ctx, func(sc *sftp.Client) (err error) { fi, err = sc.Lstat(name); return err })
	return fi, pathErr("lstat", name, err)
}

func (f *SFTP) ReadDir(ctx context.Context, name string) ([]fs.FileInfo, error) {
	var list []fs.FileInfo
	err := f.do(ctx, func(sc *sftp.Client) (err error) { list, err = sc.ReadDirContext(ctx, name); return err })
	if err != nil {
		return nil, pathErr("readdir", name, err)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name() < list[j].Name() })
	return list, nil
}

func (f *SFTP) ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error) {
	var out []byte
	err := f.do(ctx, func(sc *sftp.Client) error {
		fh, err := sc.Open(name)
		if err != nil {
			return err
		}
		defer fh.Close()
		buf := make([]byte, n)
		m, err := fh.ReadAt(buf, off)
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		out = buf[:m]
		return nil
	})
	return out, pathErr("read", name, err)
}

func (f *SFTP) Remove(ctx context.Context, name string) error {
	return pathErr("remove", name, f.do(ctx, func(sc *sftp.Client) error { return sc.Remove(name) }))
}

func (f *SFTP) Mkdir(ctx context.Context, name string, perm fs.FileMode) error {
	return pathErr("mkdir", name, f.do(ctx, func(sc *sftp.Client) error {
		if err := sc.Mkdir(name); err != nil {
			if _, serr := sc.Lstat(name); serr == nil {
				return &fs.PathError{Op: "mkdir", Path: name, Err: fs.ErrExist}
			}
			return err
		}
		return sc.Chmod(name, perm)
	}))
}

// pathErr maps SFTP status codes onto the io/fs errors of the site.FS contract.
func pathErr(op, path string, err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && (errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrExist) || errors.Is(err, fs.ErrPermission)) {
		return err
	}
	var se *sftp.StatusError
	if errors.As(err, &se) {
		switch se.FxCode() {
		case sftp.ErrSSHFxNoSuchFile:
			return &fs.PathError{Op: op, Path: path, Err: fs.ErrNotExist}
		case sftp.ErrSSHFxPermissionDenied:
			return &fs.PathError{Op: op, Path: path, Err: fs.ErrPermission}
		}
	}
	if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
		return &fs.PathError{Op: op, Path: path, Err: err}
	}
	return fmt.Errorf("%s %s: %w", op, path, err)
}

// Getwd is the SFTP session's working directory (the login directory).
func (f *SFTP) Getwd(ctx context.Context) (string, error) {
	var wd string
	err := f.do(ctx, func(sc *sftp.Client) (err error) { wd, err = sc.Getwd(); return err })
	return wd, err
}
