// Package conftest provides read-only site.FS implementations for the
// serverconf tests: RootFS maps absolute paths into a fixture tree under
// testdata, MemFS serves a map. Only tests import it.
package conftest

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// RootFS maps the absolute paths a configuration names into a fixture
// directory: RootFS{"testdata/debian"}.ReadFile("/etc/nginx/nginx.conf")
// reads testdata/debian/etc/nginx/nginx.conf. It is read-only.
type RootFS struct {
	Root string
}

var _ site.FS = RootFS{}

var errReadOnly = errors.New("RootFS is read-only")

func (r RootFS) real(name string) string {
	return filepath.Join(r.Root, filepath.FromSlash(path.Clean("/"+name)))
}

func (r RootFS) ReadFile(ctx context.Context, name string) ([]byte, error) {
	return site.LocalFS{}.ReadFile(ctx, r.real(name))
}
func (r RootFS) Stat(ctx context.Context, name string) (fs.FileInfo, error) {
	return site.LocalFS{}.Stat(ctx, r.real(name))
}
func (r RootFS) Lstat(ctx context.Context, name string) (fs.FileInfo, error) {
	return site.LocalFS{}.Lstat(ctx, r.real(name))
}
func (r RootFS) ReadDir(ctx context.Context, name string) ([]fs.FileInfo, error) {
	return site.LocalFS{}.ReadDir(ctx, r.real(name))
}
func (r RootFS) ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error) {
	return site.LocalFS{}.ReadRange(ctx, r.real(name), off, n)
}
func (RootFS) WriteFileAtomic(context.Context, string, []byte, fs.FileMode) error {
	return errReadOnly
}
func (RootFS) Rename(context.Context, string, string) error { return errReadOnly }
func (RootFS) RenameMany(_ context.Context, p []site.RenamePair) []error {
	errs := make([]error, len(p))
	for i := range errs {
		errs[i] = errReadOnly
	}
	return errs
}
func (RootFS) Remove(context.Context, string) error             { return errReadOnly }
func (RootFS) Mkdir(context.Context, string, fs.FileMode) error { return errReadOnly }

// Fixture returns the fixture tree name under the testdata directory dir.
func Fixture(dir, name string) RootFS {
	return RootFS{Root: filepath.Join(dir, name)}
}

// Flat renders a directive tree compactly for comparisons:
// name|arg|arg{...};
func Flat(ds []*conf.Directive) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Name)
		for _, a := range d.Args {
			b.WriteString("|" + a)
		}
		if d.HasBlock {
			b.WriteString("{" + Flat(d.Block) + "}")
		} else {
			b.WriteString(";")
		}
	}
	return b.String()
}

// MemFS is a read-only site.FS over a map of absolute paths to contents;
// directories are implied by the paths.
type MemFS map[string][]byte

var _ site.FS = MemFS{}

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

func (m MemFS) ReadFile(_ context.Context, name string) ([]byte, error) {
	if b, ok := m[name]; ok {
		return b, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

func (m MemFS) Stat(_ context.Context, name string) (fs.FileInfo, error) {
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

func (m MemFS) Lstat(ctx context.Context, name string) (fs.FileInfo, error) { return m.Stat(ctx, name) }

func (m MemFS) ReadDir(_ context.Context, name string) ([]fs.FileInfo, error) {
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

func (m MemFS) ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error) {
	b, err := m.ReadFile(ctx, name)
	if err != nil {
		return nil, err
	}
	if off >= int64(len(b)) {
		return []byte{}, nil
	}
	return b[off:min(int64(len(b)), off+int64(n))], nil
}
func (MemFS) WriteFileAtomic(context.Context, string, []byte, fs.FileMode) error { return errReadOnly }
func (MemFS) Rename(context.Context, string, string) error                       { return errReadOnly }
func (MemFS) RenameMany(_ context.Context, p []site.RenamePair) []error {
	return RootFS{}.RenameMany(context.Background(), p)
}
func (MemFS) Remove(context.Context, string) error             { return errReadOnly }
func (MemFS) Mkdir(context.Context, string, fs.FileMode) error { return errReadOnly }
