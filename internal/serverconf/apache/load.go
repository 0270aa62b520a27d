package apache

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/site"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// Options describe the Apache installation being read.
type Options struct {
	// ServerRoot for relative paths until a ServerRoot directive is met.
	// Default: the directory of the main file.
	ServerRoot string
	// Vars are ${VAR} values, e.g. ParseEnvvars of /etc/apache2/envvars.
	Vars   map[string]string
	Limits conf.Limits
}

// Config is a loaded Apache configuration.
type Config struct {
	Main         string            `json:"main"`
	ServerRoot   string            `json:"server_root"`
	Files        []string          `json:"files"`
	Includes     []conf.Include    `json:"includes,omitempty"`
	Problems     []conf.Problem    `json:"problems,omitempty"`
	Tree         []*conf.Directive `json:"-"`
	VirtualHosts []*VHost          `json:"virtual_hosts"`
	// Global holds the values set outside any <VirtualHost> (ErrorLog,
	// Timeout, PHP handlers...), which virtual hosts inherit.
	Global *VHost `json:"global"`
}

// Load reads an Apache main configuration (apache2.conf or
// httpd.conf) and its Include / IncludeOptional files through fsys.
// Conditional sections (<IfModule>, <IfDefine>...) are read as if true.
func Load(ctx context.Context, fsys site.FS, main string, opts Options) (*Config, error) {
	data, err := fsys.ReadFile(ctx, main)
	if err != nil {
		return nil, fmt.Errorf("read apache config %s: %w", main, err)
	}
	opts.Limits = opts.Limits.WithDefaults()
	root := opts.ServerRoot
	if root == "" {
		root = path.Dir(main)
	}
	vars := map[string]string{}
	maps.Copy(vars, opts.Vars)
	l := &apacheLoader{src: conf.FSSource(fsys), lim: opts.Limits, vars: vars, root: root,
		cfg: &Config{Main: main}, bytes: int64(len(data))}
	l.cfg.Tree = l.file(ctx, main, data, 0)
	l.cfg.ServerRoot = l.root
	l.cfg.summarise()
	return l.cfg, nil
}

type apacheLoader struct {
	src   conf.Source
	lim   conf.Limits
	vars  map[string]string
	root  string
	cfg   *Config
	bytes int64
	stack []string
}

func (l *apacheLoader) problem(pos conf.Pos, err error, format string, args ...any) {
	l.cfg.Problems = append(l.cfg.Problems, conf.Problem{Pos: pos, Message: fmt.Sprintf(format, args...), Err: err})
}

func (l *apacheLoader) file(ctx context.Context, name string, data []byte, depth int) []*conf.Directive {
	l.cfg.Files = append(l.cfg.Files, name)
	ds, err := Parse(name, data, l.vars)
	if err != nil {
		var se *conf.SyntaxError
		pos := conf.Pos{File: name}
		if errors.As(err, &se) {
			pos = se.Pos
		}
		l.problem(pos, err, "apache syntax: %v", err)
	}
	l.stack = append(l.stack, name)
	defer func() { l.stack = l.stack[:len(l.stack)-1] }()
	return l.expand(ctx, ds, depth)
}

func (l *apacheLoader) expand(ctx context.Context, ds []*conf.Directive, depth int) []*conf.Directive {
	var out []*conf.Directive
	for _, d := range ds {
		switch {
		case strings.EqualFold(d.Name, "ServerRoot") && len(d.Args) > 0:
			l.root = d.Args[0]
		case (strings.EqualFold(d.Name, "Include") || strings.EqualFold(d.Name, "IncludeOptional")) && len(d.Args) > 0:
			out = append(out, l.include(ctx, d, depth)...)
			continue
		case d.HasBlock:
			cp := *d
			cp.Block = l.expand(ctx, d.Block, depth)
			d = &cp
		}
		out = append(out, d)
	}
	return out
}

func (l *apacheLoader) include(ctx context.Context, d *conf.Directive, depth int) []*conf.Directive {
	optional := strings.EqualFold(d.Name, "IncludeOptional")
	pattern := conf.ResolveInclude(d.Args[0], l.root)
	rec := conf.Include{Pos: d.Pos, Pattern: pattern}
	defer func() { l.cfg.Includes = append(l.cfg.Includes, rec) }()
	if depth+1 >= l.lim.MaxDepth {
		l.problem(d.Pos, conf.ErrLimit, "include %s: nesting deeper than %d", pattern, l.lim.MaxDepth)
		return nil
	}
	files, err := l.src.Glob(ctx, pattern)
	if err == nil && !conf.HasMeta(pattern) && len(files) == 1 {
		// A directory includes every file in it.
		if sub, _ := l.src.Glob(ctx, path.Join(pattern, "*")); len(sub) > 0 {
			files = sub
		}
	}
	if err != nil {
		l.problem(d.Pos, err, "include %s: %v", pattern, err)
		return nil
	}
	if len(files) == 0 && !optional {
		l.problem(d.Pos, nil, "Include %s: no such file or no match (Apache refuses to start; IncludeOptional would not)", pattern)
	}
	rec.Files = files
	var out []*conf.Directive
	for _, f := range files {
		if slices.Contains(l.stack, f) {
			l.problem(d.Pos, conf.ErrLimit, "include %s: include cycle", f)
			continue
		}
		if len(l.cfg.Files) >= l.lim.MaxFiles {
			l.problem(d.Pos, conf.ErrLimit, "include %s: more than %d files", f, l.lim.MaxFiles)
			break
		}
		data, err := l.src.Read(ctx, f)
		if err != nil {
			l.problem(d.Pos, err, "include %s: %s", f, conf.DescribeReadErr(err))
			continue
		}
		if l.bytes += int64(len(data)); l.bytes > l.lim.MaxBytes {
			l.problem(d.Pos, conf.ErrLimit, "include %s: more than %d bytes read", f, l.lim.MaxBytes)
			break
		}
		out = append(out, l.file(ctx, f, data, depth+1)...)
	}
	return out
}
