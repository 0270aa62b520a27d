package serverconf

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"testing"

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
