package inventory

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// parallel is how many FS calls Scan keeps in flight: enough for a remote
// FS to pipeline them, few enough not to flood a server.
const parallel = 16

// codeSize is how much of a must-use plugin or drop-in Scan reads to find
// what it loads or which plugin it belongs to.
const codeSize = 64 << 10

// ErrBadLayout means a Layout path is not absolute and clean.
var ErrBadLayout = errors.New("layout paths must be absolute and clean")

// Scan reads the install's components through fsys. It lists each
// directory it needs once and reads each candidate file once, at most 64
// KiB of it (8 KiB for plugin files and style.css); symlinks cost one Stat.
//
// A missing directory is recorded in Dirs, not an error; an item that
// cannot be read is recorded in Errors (and in Dirs, Orphans or Themes
// where it belongs). Scan fails only on a bad layout (ErrBadLayout) or when
// ctx ends. fsys is called from several goroutines at once.
func Scan(ctx context.Context, fsys site.FS, l Layout, c Constants) (*Inventory, error) {
	l.ThemeRoots = append([]string(nil), l.ThemeRoots...)
	for _, p := range append([]string{l.ABSPATH, l.ContentDir, l.PluginDir, l.MUPluginDir}, l.ThemeRoots...) {
		if !path.IsAbs(p) || path.Clean(p) != p {
			return nil, fmt.Errorf("scan inventory: %w: %q", ErrBadLayout, p)
		}
	}
	s := &scanner{fs: fsys, inv: &Inventory{Layout: l, Constants: c}}
	s.run(ctx)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan inventory: %w", err)
	}
	s.finish()
	return s.inv, nil
}

type scanner struct {
	fs  site.FS
	inv *Inventory

	mu   sync.Mutex // guards inv.Errors and inv.Dirs while tasks run
	sem  chan struct{}
	wait sync.WaitGroup
}

// run lists the top directories, then scans each part from its listing.
func (s *scanner) run(ctx context.Context) {
	s.sem = make(chan struct{}, parallel)
	l := s.inv.Layout
	var content, plugins, mu []fs.FileInfo
	roots := make([][]fs.FileInfo, len(l.ThemeRoots))
	s.do(func() { content = s.listDir(ctx, "content", l.ContentDir) })
	s.do(func() { plugins = s.listDir(ctx, "plugins", l.PluginDir) })
	s.do(func() { mu = s.listDir(ctx, "mu-plugins", l.MUPluginDir) })
	for i, r := range l.ThemeRoots {
		s.do(func() { roots[i] = s.listDir(ctx, "themes", r) })
	}
	s.do(func() { s.inv.Maintenance = s.maintenance(ctx) })
	s.wait.Wait()

	var ps pluginScan
	var ms muScan
	var ds []Dropin
	ts := make([][]*Theme, len(roots))
	s.do(func() { ps = s.scanPlugins(ctx, plugins) })
	s.do(func() { ms = s.scanMU(ctx, mu) })
	s.do(func() { ds = s.scanDropins(ctx, content) })
	for i, r := range l.ThemeRoots {
		s.do(func() { ts[i] = s.scanThemeRoot(ctx, r, roots[i]) })
	}
	s.wait.Wait()

	s.inv.Plugins, s.inv.Orphans = ps.plugins, ps.orphans
	s.inv.MUPlugins, s.inv.MUSubdirs = ms.plugins, ms.subdirs
	s.inv.Dropins = ds
	s.inv.Themes = mergeThemes(ts)
}

// do runs f in a goroutine of its own. Tasks that issue FS calls take a
// slot with call; do itself does not, so tasks may start tasks.
func (s *scanner) do(f func()) {
	s.wait.Add(1)
	go func() {
		defer s.wait.Done()
		f()
	}()
}

// each runs f(i) for i in [0, n) concurrently (their FS calls go through
// call, so at most parallel are in flight) and returns when all are done.
func (s *scanner) each(n int, f func(i int)) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(i)
		}()
	}
	wg.Wait()
}

// call runs one FS call in a parallel slot.
func (s *scanner) call(f func()) {
	s.sem <- struct{}{}
	defer func() { <-s.sem }()
	f()
}

func (s *scanner) readDir(ctx context.Context, dir string) (list []fs.FileInfo, err error) {
	s.call(func() { list, err = s.fs.ReadDir(ctx, dir) })
	return list, err
}

func (s *scanner) readHead(ctx context.Context, name string, n int) (data []byte, err error) {
	s.call(func() { data, err = s.fs.ReadRange(ctx, name, 0, n) })
	return data, err
}

func (s *scanner) stat(ctx context.Context, name string) (fi fs.FileInfo, err error) {
	s.call(func() { fi, err = s.fs.Stat(ctx, name) })
	return fi, err
}

// listDir lists one of the layout's directories and records its state.
func (s *scanner) listDir(ctx context.Context, role, dir string) []fs.FileInfo {
	list, err := s.readDir(ctx, dir)
	st := DirStatus{Role: role, Path: dir}
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist):
		st.Missing = true
	default:
		st.Error = err.Error()
		s.fail(dir, "list", err)
	}
	s.mu.Lock()
	s.inv.Dirs = append(s.inv.Dirs, st)
	s.mu.Unlock()
	return list
}

// fail records an item that could not be read. Errors after ctx ended are
// not recorded: Scan fails as a whole then.
func (s *scanner) fail(p, op string, err error) {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return
	}
	s.mu.Lock()
	s.inv.Errors = append(s.inv.Errors, ItemError{Path: p, Op: op, Error: err.Error()})
	s.mu.Unlock()
}

// resolve returns entry e of dir, or, for a symlink, what it points to
// (one Stat). ok is false for a broken symlink.
func (s *scanner) resolve(ctx context.Context, dir string, e fs.FileInfo) (fi fs.FileInfo, ok bool) {
	if e.Mode()&fs.ModeSymlink == 0 {
		return e, true
	}
	fi, err := s.stat(ctx, path.Join(dir, e.Name()))
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.fail(path.Join(dir, e.Name()), "stat", err)
		}
		return nil, false
	}
	return fi, true
}

// finish sorts what tasks appended and turns nil slices into empty ones.
func (s *scanner) finish() {
	inv := s.inv
	sort.Slice(inv.Dirs, func(i, j int) bool {
		a, b := inv.Dirs[i], inv.Dirs[j]
		if a.Role != b.Role {
			return a.Role < b.Role
		}
		return a.Path < b.Path
	})
	sort.Slice(inv.Errors, func(i, j int) bool {
		a, b := inv.Errors[i], inv.Errors[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Op < b.Op
	})
	inv.resolveOwners()
	inv.normalize()
}

// normalize makes every slice non-nil, so that JSON has [] and not null.
func (inv *Inventory) normalize() {
	nonNil(&inv.Dirs)
	nonNil(&inv.Plugins)
	nonNil(&inv.Orphans)
	nonNil(&inv.MissingActive)
	nonNil(&inv.MissingNetworkActive)
	nonNil(&inv.MUPlugins)
	nonNil(&inv.MUSubdirs)
	nonNil(&inv.Dropins)
	nonNil(&inv.Themes)
	nonNil(&inv.Errors)
	nonNil(&inv.Layout.ThemeRoots)
	nonNil(&inv.Theme.Problems)
	for i := range inv.MUPlugins {
		nonNil(&inv.MUPlugins[i].Loads)
	}
	for i := range inv.MUSubdirs {
		nonNil(&inv.MUSubdirs[i].LoadedBy)
		nonNil(&inv.MUSubdirs[i].MaybeLoadedBy)
	}
	for i := range inv.Themes {
		nonNil(&inv.Themes[i].Problems)
	}
}

func nonNil[T any](p *[]T) {
	if *p == nil {
		*p = []T{}
	}
}
