package conf

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

func TestGlobLocalFS(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a/x.conf", "a/y.conf", "a/.hidden.conf", "a/z.txt", "b/x.conf", "c.conf/x.conf", "plain"} {
		p := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tests := []struct {
		pattern string
		want    []string
	}{
		{"/a/*.conf", []string{"/a/x.conf", "/a/y.conf"}}, // no dotfiles
		{"/a/.*.conf", []string{"/a/.hidden.conf"}},       // unless asked for
		{"/*/x.conf", []string{"/a/x.conf", "/b/x.conf", "/c.conf/x.conf", "/link/x.conf"}},
		{"/*.conf", []string{"/c.conf"}},     // a directory matches the last element
		{"/plain/*", nil},                    // a file is not a directory
		{"/nope/*.conf", nil},                // missing directory: no match
		{"/a/x.conf", []string{"/a/x.conf"}}, // no metacharacters: exists
		{"/a/none.conf", nil},                // no metacharacters: missing
		{"/a/[xy].conf", []string{"/a/x.conf", "/a/y.conf"}},
		{"/a/?.conf", []string{"/a/x.conf", "/a/y.conf"}},
		{"/a//./x.conf", []string{"/a/x.conf"}}, // cleaned
	}
	for _, tt := range tests {
		got, err := Glob(ctx, rooted{dir}, tt.pattern)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Glob(%q) = %q, %v; want %q", tt.pattern, got, err, tt.want)
		}
	}
	if _, err := Glob(ctx, rooted{dir}, "relative/*.conf"); err == nil {
		t.Errorf("relative pattern accepted")
	}
	if _, err := Glob(ctx, rooted{dir}, "/a/[x.conf"); err == nil {
		t.Errorf("bad pattern accepted")
	}
	denied := deniedDir{rooted{dir}}
	if _, err := Glob(ctx, denied, "/a/*.conf"); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("unreadable directory: %v", err)
	}
}

// rooted maps absolute paths under a directory, for Glob's ReadDir/Stat.
type rooted struct{ dir string }

func (r rooted) p(n string) string { return filepath.Join(r.dir, filepath.FromSlash(n)) }

func (r rooted) ReadFile(ctx context.Context, n string) ([]byte, error) {
	return site.LocalFS{}.ReadFile(ctx, r.p(n))
}
func (r rooted) Stat(ctx context.Context, n string) (fs.FileInfo, error) {
	return site.LocalFS{}.Stat(ctx, r.p(n))
}
func (r rooted) Lstat(ctx context.Context, n string) (fs.FileInfo, error) {
	return site.LocalFS{}.Lstat(ctx, r.p(n))
}
func (r rooted) ReadDir(ctx context.Context, n string) ([]fs.FileInfo, error) {
	return site.LocalFS{}.ReadDir(ctx, r.p(n))
}
func (r rooted) ReadRange(ctx context.Context, n string, off int64, c int) ([]byte, error) {
	return site.LocalFS{}.ReadRange(ctx, r.p(n), off, c)
}
func (rooted) WriteFileAtomic(context.Context, string, []byte, fs.FileMode) error {
	return errors.ErrUnsupported
}
func (rooted) Rename(context.Context, string, string) error { return errors.ErrUnsupported }
func (rooted) RenameMany(_ context.Context, p []site.RenamePair) []error {
	return make([]error, len(p))
}
func (rooted) Remove(context.Context, string) error             { return errors.ErrUnsupported }
func (rooted) Mkdir(context.Context, string, fs.FileMode) error { return errors.ErrUnsupported }

type deniedDir struct{ rooted }

func (deniedDir) ReadDir(_ context.Context, n string) ([]fs.FileInfo, error) {
	return nil, &fs.PathError{Op: "readdir", Path: n, Err: fs.ErrPermission}
}

func TestMemSource(t *testing.T) {
	src := MemSource(map[string][]byte{"/e/n.conf": []byte("x"), "/e/c/a.conf": nil, "/e/c/.b.conf": nil, "/e/c/d/e.conf": nil})
	ctx := context.Background()
	got, _ := src.Glob(ctx, "/e/c/*.conf")
	if !reflect.DeepEqual(got, []string{"/e/c/a.conf"}) {
		t.Errorf("glob %q", got) // '*' does not cross '/', dotfiles excluded
	}
	if b, err := src.Read(ctx, "/e/n.conf"); err != nil || string(b) != "x" {
		t.Errorf("read %q %v", b, err)
	}
	if _, err := src.Read(ctx, "/e/none"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}

func TestPosSettingTarget(t *testing.T) {
	if (Pos{}).String() != "default" || (Pos{File: "/a", Line: 3}).String() != "/a:3" || !(Pos{}).IsZero() {
		t.Errorf("Pos strings")
	}
	d := DefaultSetting(60, "60s")
	if !d.Default || d.Where() != "default" || d.Raw != "60s" {
		t.Errorf("default %+v", d)
	}
	s := Setting[int]{Value: 8, Raw: "8s", Pos: Pos{File: "/p", Line: 2}}
	if s.Where() != "/p:2" {
		t.Errorf("where %q", s.Where())
	}
	se := &SyntaxError{Pos: Pos{File: "/x", Line: 1}, Msg: "bad"}
	if !errors.Is(se, ErrSyntax) || se.Error() != "/x:1: bad" {
		t.Errorf("syntax error %v", se)
	}
	if (Target{Network: "unix", Address: "/s"}).String() != "unix:/s" || (Target{Network: "tcp", Address: "h:1"}).String() != "h:1" {
		t.Errorf("target strings")
	}
	for in, kind := range map[string]LogKind{"/var/log/x": LogFile, "syslog": LogSyslog, "syslog:local1": LogSyslog,
		"/dev/null": LogNull, "/dev/stderr": LogStderr, "/proc/self/fd/2": LogStderr, "|/usr/bin/rotatelogs": LogPipe} {
		if got := PathTarget(Setting[string]{Value: in}).Kind; got != kind {
			t.Errorf("PathTarget(%q) = %s, want %s", in, got, kind)
		}
	}
	if ResolveInclude("a/b.conf", "/etc/nginx") != "/etc/nginx/a/b.conf" || ResolveInclude("/x/../y.conf", "/z") != "/y.conf" {
		t.Errorf("ResolveInclude")
	}
	l := Limits{}.WithDefaults()
	if l.MaxDepth != 16 || l.MaxFiles != 512 || l.MaxBytes != 32<<20 {
		t.Errorf("limits %+v", l)
	}
}
