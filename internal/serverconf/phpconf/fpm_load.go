package phpconf

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/site"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// FPMOptions describe the PHP-FPM build and invocation being read. The
// zero value means a distribution package started without -p.
type FPMOptions struct {
	// Prefix is the global prefix given with -p; "" when not set.
	Prefix string
	// InstallPrefix is the compiled-in @prefix@, used for relative pool
	// paths and includes when neither the pool nor -p sets a prefix.
	// Default "/usr".
	InstallPrefix string
	// LocalStateDir is where a relative global error_log or pid goes when
	// -p is not set. Default "/var".
	LocalStateDir string
	Limits        conf.Limits
}

func (o FPMOptions) withDefaults() FPMOptions {
	if o.InstallPrefix == "" {
		o.InstallPrefix = "/usr"
	}
	if o.LocalStateDir == "" {
		o.LocalStateDir = "/var"
	}
	o.Limits = o.Limits.WithDefaults()
	return o
}

// FPMConfig is a loaded PHP-FPM configuration.
type FPMConfig struct {
	Main     string         `json:"main"`
	Files    []string       `json:"files"`
	Includes []conf.Include `json:"includes,omitempty"`
	Problems []conf.Problem `json:"problems,omitempty"`
	Global   FPMGlobal      `json:"global"`
	Pools    []*Pool        `json:"pools"`
}

// Pool returns the pool named name (case-insensitively, as FPM compares
// them), or nil.
func (c *FPMConfig) Pool(name string) *Pool {
	for _, p := range c.Pools {
		if strings.EqualFold(p.Name, name) {
			return p
		}
	}
	return nil
}

// LoadFPM reads a php-fpm.conf (an absolute path) and the files it
// includes through fsys. Only an unreadable main file is an error.
func LoadFPM(ctx context.Context, fsys site.FS, main string, opts FPMOptions) (*FPMConfig, error) {
	return loadFPM(ctx, conf.FSSource(fsys), main, opts)
}

// ParseFPM parses one FPM configuration file held in memory; include
// directives in it are recorded as problems (nothing else is readable).
func ParseFPM(name string, data []byte, opts FPMOptions) *FPMConfig {
	src := conf.MemSource(map[string][]byte{name: data})
	cfg, _ := loadFPM(context.Background(), src, name, opts)
	return cfg
}

func loadFPM(ctx context.Context, src conf.Source, main string, opts FPMOptions) (*FPMConfig, error) {
	opts = opts.withDefaults()
	data, err := src.Read(ctx, main)
	if err != nil {
		return nil, fmt.Errorf("read php-fpm config %s: %w", main, err)
	}
	l := &fpmLoader{src: src, opts: opts, cfg: &FPMConfig{Main: main}, bytes: int64(len(data))}
	l.file(ctx, main, data, 0)
	l.cfg.Global = buildFPMGlobal(l.global, opts)
	for _, pe := range l.pools {
		l.cfg.Pools = append(l.cfg.Pools, buildFPMPool(pe, opts))
	}
	return l.cfg, nil
}

// fpmPoolEntries collects a pool's entries across sections and files.
type fpmPoolEntries struct {
	name    string
	pos     conf.Pos
	entries []Line
}

type fpmLoader struct {
	src     conf.Source
	opts    FPMOptions
	cfg     *FPMConfig
	bytes   int64
	global  []Line
	pools   []*fpmPoolEntries
	current *fpmPoolEntries // nil: [global]; persists across includes, as in FPM
	stack   []string
}

func (l *fpmLoader) problem(pos conf.Pos, err error, format string, args ...any) {
	l.cfg.Problems = append(l.cfg.Problems, conf.Problem{Pos: pos, Message: fmt.Sprintf(format, args...), Err: err})
}

func (l *fpmLoader) file(ctx context.Context, name string, data []byte, depth int) {
	l.cfg.Files = append(l.cfg.Files, name)
	lines, probs := ParseIni(name, data)
	l.cfg.Problems = append(l.cfg.Problems, probs...)
	l.stack = append(l.stack, name)
	defer func() { l.stack = l.stack[:len(l.stack)-1] }()
	for _, ln := range lines {
		switch {
		case ln.Section:
			l.section(ln)
		case !ln.HasValue:
			// Reported by ParseIni; FPM refuses such a line.
		case ln.Name == "include" && ln.Offset == "":
			l.include(ctx, ln, depth)
		case l.current == nil:
			l.global = append(l.global, ln)
		default:
			ln.Value = strings.ReplaceAll(ln.Value, "$pool", l.current.name)
			l.current.entries = append(l.current.entries, ln)
		}
	}
}

func (l *fpmLoader) section(ln Line) {
	if strings.EqualFold(ln.Name, "global") {
		l.current = nil
		return
	}
	for _, p := range l.pools {
		if strings.EqualFold(p.name, ln.Name) {
			l.current = p
			return
		}
	}
	l.current = &fpmPoolEntries{name: ln.Name, pos: ln.Pos}
	l.pools = append(l.pools, l.current)
}

func (l *fpmLoader) include(ctx context.Context, ln Line, depth int) {
	base := l.opts.Prefix
	if base == "" {
		base = l.opts.InstallPrefix
	}
	pattern := conf.ResolveInclude(ln.Value, base)
	rec := conf.Include{Pos: ln.Pos, Pattern: pattern}
	defer func() { l.cfg.Includes = append(l.cfg.Includes, rec) }()
	if depth+1 >= l.opts.Limits.MaxDepth {
		l.problem(ln.Pos, conf.ErrLimit, "include %s: nesting deeper than %d", pattern, l.opts.Limits.MaxDepth)
		return
	}
	files, err := l.src.Glob(ctx, pattern)
	if err != nil {
		l.problem(ln.Pos, err, "include %s: %v", pattern, err)
		return
	}
	if len(files) == 0 {
		l.problem(ln.Pos, nil, "include %s: nothing matches the include pattern", pattern)
		return
	}
	rec.Files = files
	for _, f := range files {
		if slices.Contains(l.stack, f) {
			l.problem(ln.Pos, conf.ErrLimit, "include %s: include cycle", f)
			continue
		}
		if len(l.cfg.Files) >= l.opts.Limits.MaxFiles {
			l.problem(ln.Pos, conf.ErrLimit, "include %s: more than %d files", f, l.opts.Limits.MaxFiles)
			return
		}
		data, err := l.src.Read(ctx, f)
		if err != nil {
			l.problem(ln.Pos, err, "include %s: %s", f, conf.DescribeReadErr(err))
			continue
		}
		if l.bytes += int64(len(data)); l.bytes > l.opts.Limits.MaxBytes {
			l.problem(ln.Pos, conf.ErrLimit, "include %s: more than %d bytes read", f, l.opts.Limits.MaxBytes)
			return
		}
		l.file(ctx, f, data, depth+1)
	}
}

// fpmPath resolves an FPM path value: "$prefix" is replaced by prefix,
// and a relative path is made absolute under prefix.
func fpmPath(v, prefix string) string {
	if v == "" || v == "syslog" {
		return v
	}
	v = strings.ReplaceAll(v, "$prefix", prefix)
	if strings.HasPrefix(v, "/") {
		return path.Clean(v)
	}
	return path.Join(prefix, v)
}
