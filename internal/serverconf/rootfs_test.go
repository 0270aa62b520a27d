package serverconf

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// rootFS maps the absolute paths a configuration names into a fixture
// directory: rootFS{"testdata/debian"}.ReadFile("/etc/nginx/nginx.conf")
// reads testdata/debian/etc/nginx/nginx.conf. It is read-only.
type rootFS struct {
	root string
}

var _ site.FS = rootFS{}

var errReadOnly = errors.New("rootFS is read-only")

func (r rootFS) real(name string) string {
	return filepath.Join(r.root, filepath.FromSlash(path.Clean("/"+name)))
}

func (r rootFS) ReadFile(ctx context.Context, name string) ([]byte, error) {
	return site.LocalFS{}.ReadFile(ctx, r.real(name))
}
func (r rootFS) Stat(ctx context.Context, name string) (fs.FileInfo, error) {
	return site.LocalFS{}.Stat(ctx, r.real(name))
}
func (r rootFS) Lstat(ctx context.Context, name string) (fs.FileInfo, error) {
	return site.LocalFS{}.Lstat(ctx, r.real(name))
}
func (r rootFS) ReadDir(ctx context.Context, name string) ([]fs.FileInfo, error) {
	return site.LocalFS{}.ReadDir(ctx, r.real(name))
}
func (r rootFS) ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error) {
	return site.LocalFS{}.ReadRange(ctx, r.real(name), off, n)
}
func (rootFS) WriteFileAtomic(context.Context, string, []byte, fs.FileMode) error {
	return errReadOnly
}
func (rootFS) Rename(context.Context, string, string) error { return errReadOnly }
func (rootFS) RenameMany(_ context.Context, p []site.RenamePair) []error {
	errs := make([]error, len(p))
	for i := range errs {
		errs[i] = errReadOnly
	}
	return errs
}
func (rootFS) Remove(context.Context, string) error             { return errReadOnly }
func (rootFS) Mkdir(context.Context, string, fs.FileMode) error { return errReadOnly }

func fixture(t testing.TB, name string) rootFS {
	t.Helper()
	return rootFS{root: filepath.Join("testdata", name)}
}

// memFS is a read-only site.FS over a map of absolute paths to contents;
// directories are implied by the paths.
type memFS map[string][]byte

var _ site.FS = memFS{}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }

func (m memFS) ReadFile(_ context.Context, name string) ([]byte, error) {
	if b, ok := m[name]; ok {
		return b, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (m memFS) Stat(_ context.Context, name string) (fs.FileInfo, error) {
	if b, ok := m[name]; ok {
		return memInfo{path.Base(name), int64(len(b)), false}, nil
	}
	for p := range m {
		if strings.HasPrefix(p, strings.TrimSuffix(name, "/")+"/") {
			return memInfo{path.Base(name), 0, true}, nil
		}
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

func (m memFS) Lstat(ctx context.Context, name string) (fs.FileInfo, error) { return m.Stat(ctx, name) }

func (m memFS) ReadDir(_ context.Context, name string) ([]fs.FileInfo, error) {
	prefix := strings.TrimSuffix(name, "/") + "/"
	seen := map[string]memInfo{}
	for p, b := range m {
		if !strings.HasPrefix(p, prefix) {
			continue
		}
		rest := p[len(prefix):]
		if i := strings.IndexByte(rest, '/'); i >= 0 {
			seen[rest[:i]] = memInfo{rest[:i], 0, true}
		} else {
			seen[rest] = memInfo{rest, int64(len(b)), false}
		}
	}
	if len(seen) == 0 {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	var out []fs.FileInfo
	for _, i := range seen {
		out = append(out, i)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

func (m memFS) ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error) {
	b, err := m.ReadFile(ctx, name)
	if err != nil {
		return nil, err
	}
	if off >= int64(len(b)) {
		return []byte{}, nil
	}
	return b[off:min(int64(len(b)), off+int64(n))], nil
}
func (memFS) WriteFileAtomic(context.Context, string, []byte, fs.FileMode) error { return errReadOnly }
func (memFS) Rename(context.Context, string, string) error                       { return errReadOnly }
func (memFS) RenameMany(_ context.Context, p []site.RenamePair) []error {
	return rootFS{}.RenameMany(context.Background(), p)
}
func (memFS) Remove(context.Context, string) error             { return errReadOnly }
func (memFS) Mkdir(context.Context, string, fs.FileMode) error { return errReadOnly }
