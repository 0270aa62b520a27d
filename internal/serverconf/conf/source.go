package conf

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// Limits bound the work of loading a configuration with includes. The
// zero value means the defaults below.
type Limits struct {
	MaxDepth int   // include nesting; default 16
	MaxFiles int   // files read in total; default 512
	MaxBytes int64 // bytes read in total; default 32 MiB
}

// WithDefaults fills zero fields with the defaults.
func (l Limits) WithDefaults() Limits {
	if l.MaxDepth <= 0 {
		l.MaxDepth = 16
	}
	if l.MaxFiles <= 0 {
		l.MaxFiles = 512
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = 32 << 20
	}
	return l
}

// Source is where configuration files come from: a site.FS, or files
// held in memory (an `nginx -T` dump, one file under test).
type Source interface {
	// Read returns a file's contents; errors wrap fs.ErrNotExist and
	// fs.ErrPermission where they apply.
	Read(ctx context.Context, name string) ([]byte, error)
	// Glob returns the files matching an absolute pattern, sorted; no
	// match is not an error.
	Glob(ctx context.Context, pattern string) ([]string, error)
}

// FSSource reads through a site.FS, globbing with Glob.
func FSSource(fsys site.FS) Source { return fsSource{fsys} }

type fsSource struct{ fsys site.FS }

func (s fsSource) Read(ctx context.Context, name string) ([]byte, error) {
	return s.fsys.ReadFile(ctx, name)
}

func (s fsSource) Glob(ctx context.Context, pattern string) ([]string, error) {
	return Glob(ctx, s.fsys, pattern)
}

// MemSource serves files held in memory, by absolute path.
func MemSource(files map[string][]byte) Source {
	s := &memSource{files: files}
	for n := range files {
		s.names = append(s.names, n)
	}
	sort.Strings(s.names)
	return s
}

type memSource struct {
	files map[string][]byte
	names []string // sorted
}

func (s *memSource) Read(_ context.Context, name string) ([]byte, error) {
	b, ok := s.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return b, nil
}

func (s *memSource) Glob(_ context.Context, pattern string) ([]string, error) {
	var out []string
	for _, n := range s.names {
		if ok, _ := globMatch(pattern, n); ok {
			out = append(out, n)
		}
	}
	return out, nil
}

// HasMeta reports whether a path contains glob metacharacters.
func HasMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

// globMatch matches a whole absolute path against a pattern element by
// element, so that '*' never crosses '/', as glob(3) does.
func globMatch(pattern, name string) (bool, error) {
	pe := strings.Split(pattern, "/")
	ne := strings.Split(name, "/")
	if len(pe) != len(ne) {
		return false, nil
	}
	for i := range pe {
		if ok, err := path.Match(pe[i], ne[i]); !ok || err != nil {
			return false, err
		}
		if strings.HasPrefix(ne[i], ".") && !strings.HasPrefix(pe[i], ".") {
			return false, nil // glob(3): a leading dot must be matched explicitly
		}
	}
	return true, nil
}

// Glob expands an absolute glob pattern through fsys: each element with
// metacharacters is matched against ReadDir of its directory. Results are
// sorted. Directories that do not exist give no match; other errors are
// returned. A pattern without metacharacters returns itself if it exists.
func Glob(ctx context.Context, fsys site.FS, pattern string) ([]string, error) {
	if !strings.HasPrefix(pattern, "/") {
		return nil, fmt.Errorf("glob %q: pattern is not absolute", pattern)
	}
	pattern = path.Clean(pattern)
	if _, err := path.Match(pattern, ""); err != nil {
		return nil, fmt.Errorf("glob %q: %w", pattern, err)
	}
	cur := []string{"/"}
	elems := strings.Split(strings.TrimPrefix(pattern, "/"), "/")
	for i, el := range elems {
		last := i == len(elems)-1
		var next []string
		for _, dir := range cur {
			if !HasMeta(el) {
				p := path.Join(dir, el)
				if _, err := fsys.Stat(ctx, p); err == nil {
					next = append(next, p)
				} else if !errors.Is(err, fs.ErrNotExist) {
					return nil, fmt.Errorf("glob %q: %w", pattern, err)
				}
				continue
			}
			ents, err := fsys.ReadDir(ctx, dir)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) || notDir(ctx, fsys, dir) {
					continue // as glob(3): no match
				}
				return nil, fmt.Errorf("glob %q: %w", pattern, err)
			}
			for _, e := range ents {
				name := e.Name()
				ok, _ := path.Match(el, name)
				if !ok || (strings.HasPrefix(name, ".") && !strings.HasPrefix(el, ".")) {
					continue
				}
				if !last && !e.IsDir() && e.Mode()&fs.ModeSymlink == 0 {
					continue
				}
				next = append(next, path.Join(dir, name))
			}
		}
		cur = next
		if len(cur) == 0 {
			return nil, nil
		}
	}
	sort.Strings(cur)
	return cur, nil
}

// notDir reports whether name exists and is not a directory.
func notDir(ctx context.Context, fsys site.FS, name string) bool {
	st, err := fsys.Stat(ctx, name)
	return err == nil && !st.IsDir()
}

// ResolveInclude turns an include argument into an absolute path: as
// written when absolute, else under base.
func ResolveInclude(arg, base string) string {
	if strings.HasPrefix(arg, "/") {
		return path.Clean(arg)
	}
	return path.Join(base, arg)
}

// DescribeReadErr renders a read error for a problem message.
func DescribeReadErr(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

// Include records one include directive and the files it expanded to.
type Include struct {
	Pos     Pos      `json:"pos"`
	Pattern string   `json:"pattern"`
	Files   []string `json:"files"`
}
