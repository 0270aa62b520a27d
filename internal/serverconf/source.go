package serverconf

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

func (l Limits) withDefaults() Limits {
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

// source is where configuration files come from: a site.FS, or the files
// of an `nginx -T` dump.
type source interface {
	read(ctx context.Context, name string) ([]byte, error)
	// glob returns the files matching an absolute pattern, sorted;
	// no match is not an error.
	glob(ctx context.Context, pattern string) ([]string, error)
}

type fsSource struct{ fsys site.FS }

func (s fsSource) read(ctx context.Context, name string) ([]byte, error) {
	return s.fsys.ReadFile(ctx, name)
}

func (s fsSource) glob(ctx context.Context, pattern string) ([]string, error) {
	return Glob(ctx, s.fsys, pattern)
}

// mapSource serves files held in memory (an nginx -T dump).
type mapSource struct {
	files map[string][]byte
	names []string // sorted
}

func (s *mapSource) read(_ context.Context, name string) ([]byte, error) {
	b, ok := s.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return b, nil
}

func (s *mapSource) glob(_ context.Context, pattern string) ([]string, error) {
	var out []string
	for _, n := range s.names {
		if ok, _ := globMatch(pattern, n); ok {
			out = append(out, n)
		}
	}
	return out, nil
}

// hasMeta reports whether a path contains glob metacharacters.
func hasMeta(p string) bool { return strings.ContainsAny(p, "*?[") }

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
			if !hasMeta(el) {
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
				if errors.Is(err, fs.ErrNotExist) {
					continue
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

// resolveInclude turns an include argument into an absolute path.
func resolveInclude(arg, base string) string {
	if strings.HasPrefix(arg, "/") {
		return path.Clean(arg)
	}
	return path.Join(base, arg)
}
