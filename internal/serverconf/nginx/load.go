package nginx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/site"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// Options describe the nginx build being read. The zero value means
// Debian's / RHEL's packaged nginx on x86_64.
type Options struct {
	// ConfPrefix is the directory relative include paths resolve against
	// (nginx's conf prefix: the directory of the -c file). Default: the
	// directory of the main file.
	ConfPrefix string
	// Prefix is nginx's -p prefix, against which relative root and log
	// paths resolve. Default "/usr/share/nginx".
	Prefix string
	// DefaultErrorLog and DefaultAccessLog are the compiled-in log paths
	// used when no error_log / access_log is configured. Defaults
	// "/var/log/nginx/error.log" and "/var/log/nginx/access.log".
	DefaultErrorLog  string
	DefaultAccessLog string
	// PageSize is the memory page size, nginx's default for buffer sizes.
	// Default 4096 (x86_64).
	PageSize int64
	Limits   conf.Limits
}

func (o Options) withDefaults(main string) Options {
	if o.ConfPrefix == "" {
		o.ConfPrefix = path.Dir(main)
	}
	if o.Prefix == "" {
		o.Prefix = "/usr/share/nginx"
	}
	if o.DefaultErrorLog == "" {
		o.DefaultErrorLog = "/var/log/nginx/error.log"
	}
	if o.DefaultAccessLog == "" {
		o.DefaultAccessLog = "/var/log/nginx/access.log"
	}
	if o.PageSize <= 0 {
		o.PageSize = 4096
	}
	o.Limits = o.Limits.WithDefaults()
	return o
}

// Config is a loaded nginx configuration: the directive tree with
// includes expanded, and what went wrong on the way.
type Config struct {
	Main     string            `json:"main"`
	Files    []string          `json:"files"` // files read, in order of first inclusion
	Tree     []*conf.Directive `json:"-"`
	Includes []conf.Include    `json:"includes,omitempty"`
	Problems []conf.Problem    `json:"problems,omitempty"`
	Options  Options           `json:"-"`
}

// Load reads the nginx configuration main (an absolute path) and the
// files it includes through fsys. Only a main file that cannot be read is
// an error; a missing or unreadable include, a syntax error or a limit
// reached is recorded in Problems.
func Load(ctx context.Context, fsys site.FS, main string, opts Options) (*Config, error) {
	return load(ctx, conf.FSSource(fsys), main, opts)
}

func load(ctx context.Context, src conf.Source, main string, opts Options) (*Config, error) {
	opts = opts.withDefaults(main)
	data, err := src.Read(ctx, main)
	if err != nil {
		return nil, fmt.Errorf("read nginx config %s: %w", main, err)
	}
	l := &nginxLoader{src: src, opts: opts, cfg: &Config{Main: main, Options: opts},
		cache: map[string]*expanded{}, seen: map[string]bool{}}
	l.bytes = int64(len(data))
	tree, _ := l.expandFile(ctx, main, data)
	l.cfg.Tree = tree
	return l.cfg, nil
}

type expanded struct {
	ds    []*conf.Directive
	count int
}

type nginxLoader struct {
	src        conf.Source
	opts       Options
	cfg        *Config
	cache      map[string]*expanded
	seen       map[string]bool
	stack      []string
	bytes      int64
	directives int
	stopped    bool
}

func (l *nginxLoader) problem(pos conf.Pos, err error, format string, args ...any) {
	l.cfg.Problems = append(l.cfg.Problems, conf.Problem{Pos: pos, Message: fmt.Sprintf(format, args...), Err: err})
}

// expandFile parses data (the contents of name) and expands its includes.
func (l *nginxLoader) expandFile(ctx context.Context, name string, data []byte) ([]*conf.Directive, int) {
	if e, ok := l.cache[name]; ok {
		return e.ds, e.count
	}
	if !l.seen[name] {
		l.seen[name] = true
		l.cfg.Files = append(l.cfg.Files, name)
	}
	ds, err := Parse(name, data)
	if err != nil {
		var se *conf.SyntaxError
		pos := conf.Pos{File: name}
		if errors.As(err, &se) {
			pos = se.Pos
		}
		l.problem(pos, err, "nginx syntax: %v", err)
	}
	l.stack = append(l.stack, name)
	out, n := l.expand(ctx, ds)
	l.stack = l.stack[:len(l.stack)-1]
	l.cache[name] = &expanded{ds: out, count: n}
	return out, n
}

// expand replaces include directives in ds (recursively) by the
// directives of the included files.
func (l *nginxLoader) expand(ctx context.Context, ds []*conf.Directive) ([]*conf.Directive, int) {
	out := make([]*conf.Directive, 0, len(ds))
	count := 0
	for _, d := range ds {
		if d.Name == "include" && !d.HasBlock && len(d.Args) == 1 {
			inc, n := l.include(ctx, d)
			out = append(out, inc...)
			count += n
			continue
		}
		if d.HasBlock {
			cp := *d
			cp.Block, cp.HasBlock = nil, true
			var n int
			cp.Block, n = l.expand(ctx, d.Block)
			d = &cp
			count += n
		}
		out = append(out, d)
		count++
	}
	return out, count
}

func (l *nginxLoader) include(ctx context.Context, d *conf.Directive) ([]*conf.Directive, int) {
	pattern := conf.ResolveInclude(d.Args[0], l.opts.ConfPrefix)
	rec := conf.Include{Pos: d.Pos, Pattern: pattern}
	defer func() { l.cfg.Includes = append(l.cfg.Includes, rec) }()
	if l.stopped {
		return nil, 0
	}
	if len(l.stack) >= l.opts.Limits.MaxDepth {
		l.problem(d.Pos, conf.ErrLimit, "include %s: nesting deeper than %d", pattern, l.opts.Limits.MaxDepth)
		return nil, 0
	}
	var files []string
	if conf.HasMeta(pattern) {
		var err error
		files, err = l.src.Glob(ctx, pattern)
		if err != nil {
			l.problem(d.Pos, err, "include %s: %v", pattern, err)
			return nil, 0
		}
	} else {
		files = []string{pattern}
	}
	rec.Files = files
	var out []*conf.Directive
	total := 0
	for _, f := range files {
		if slices.Contains(l.stack, f) {
			l.problem(d.Pos, conf.ErrLimit, "include %s: include cycle", f)
			continue
		}
		var data []byte
		if _, cached := l.cache[f]; !cached {
			if !l.seen[f] && len(l.cfg.Files) >= l.opts.Limits.MaxFiles {
				l.problem(d.Pos, conf.ErrLimit, "include %s: more than %d files", f, l.opts.Limits.MaxFiles)
				l.stopped = true
				break
			}
			var err error
			data, err = l.src.Read(ctx, f)
			if err != nil {
				l.problem(d.Pos, err, "include %s: %s", f, conf.DescribeReadErr(err))
				continue
			}
			l.bytes += int64(len(data))
			if l.bytes > l.opts.Limits.MaxBytes {
				l.problem(d.Pos, conf.ErrLimit, "include %s: more than %d bytes read", f, l.opts.Limits.MaxBytes)
				l.stopped = true
				break
			}
		}
		ds, n := l.expandFile(ctx, f, data)
		if l.directives+n > maxExpandedDirectives {
			l.problem(d.Pos, conf.ErrLimit, "include %s: more than %d directives after expansion", f, maxExpandedDirectives)
			l.stopped = true
			break
		}
		l.directives += n
		out = append(out, ds...)
		total += n
	}
	return out, total
}

// maxExpandedDirectives bounds the expanded tree, which repeated includes
// could otherwise grow exponentially.
const maxExpandedDirectives = 200000

// dumpHeader starts each file in `nginx -T` output.
const dumpHeader = "# configuration file "

// ParseDump reads the output of `nginx -T` (stdout; a stderr preamble
// of "nginx: ..." lines is skipped): the files it concatenates become a
// set of files in memory, the first is the main file, and includes are
// resolved among them exactly as Load does on a file system.
func ParseDump(ctx context.Context, data []byte, opts Options) (*Config, error) {
	files := map[string][]byte{}
	var main, cur string
	var buf bytes.Buffer
	flush := func() {
		if cur != "" {
			b := bytes.TrimSuffix(buf.Bytes(), []byte("\n")) // nginx adds one LF after each file
			files[cur] = append([]byte(nil), b...)
		}
		buf.Reset()
	}
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i+1], data[i+1:]
		} else {
			data = nil
		}
		s := strings.TrimRight(string(line), "\r\n")
		if strings.HasPrefix(s, dumpHeader) && strings.HasSuffix(s, ":") && strings.HasPrefix(s[len(dumpHeader):], "/") {
			flush()
			cur = s[len(dumpHeader) : len(s)-1]
			if main == "" {
				main = cur
			}
			continue
		}
		if cur != "" {
			buf.Write(line)
		}
	}
	flush()
	if main == "" {
		return nil, fmt.Errorf("parse nginx -T output: no %q line: %w", strings.TrimSpace(dumpHeader), conf.ErrSyntax)
	}
	return load(ctx, conf.MemSource(files), main, opts)
}
