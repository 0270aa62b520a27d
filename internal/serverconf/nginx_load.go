package serverconf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// NginxOptions describe the nginx build being read. The zero value means
// Debian's / RHEL's packaged nginx on x86_64.
type NginxOptions struct {
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
	Limits   Limits
}

func (o NginxOptions) withDefaults(main string) NginxOptions {
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
	o.Limits = o.Limits.withDefaults()
	return o
}

// NginxConfig is a loaded nginx configuration: the directive tree with
// includes expanded, and what went wrong on the way.
type NginxConfig struct {
	Main     string       `json:"main"`
	Files    []string     `json:"files"` // files read, in order of first inclusion
	Tree     []*Directive `json:"-"`
	Includes []Include    `json:"includes,omitempty"`
	Problems []Problem    `json:"problems,omitempty"`
	Options  NginxOptions `json:"-"`
}

// Include records one include directive and the files it expanded to.
type Include struct {
	Pos     Pos      `json:"pos,omitzero"`
	Pattern string   `json:"pattern"`
	Files   []string `json:"files"`
}

// LoadNginx reads the nginx configuration main (an absolute path) and the
// files it includes through fsys. Only a main file that cannot be read is
// an error; a missing or unreadable include, a syntax error or a limit
// reached is recorded in Problems.
func LoadNginx(ctx context.Context, fsys site.FS, main string, opts NginxOptions) (*NginxConfig, error) {
	return loadNginx(ctx, fsSource{fsys}, main, opts)
}

func loadNginx(ctx context.Context, src source, main string, opts NginxOptions) (*NginxConfig, error) {
	opts = opts.withDefaults(main)
	data, err := src.read(ctx, main)
	if err != nil {
		return nil, fmt.Errorf("read nginx config %s: %w", main, err)
	}
	l := &nginxLoader{src: src, opts: opts, cfg: &NginxConfig{Main: main, Options: opts},
		cache: map[string]*expanded{}, seen: map[string]bool{}}
	l.bytes = int64(len(data))
	tree, _ := l.expandFile(ctx, main, data)
	l.cfg.Tree = tree
	return l.cfg, nil
}

type expanded struct {
	ds    []*Directive
	count int
}

type nginxLoader struct {
	src        source
	opts       NginxOptions
	cfg        *NginxConfig
	cache      map[string]*expanded
	seen       map[string]bool
	stack      []string
	bytes      int64
	directives int
	stopped    bool
}

func (l *nginxLoader) problem(pos Pos, err error, format string, args ...any) {
	l.cfg.Problems = append(l.cfg.Problems, Problem{Pos: pos, Message: fmt.Sprintf(format, args...), Err: err})
}

// expandFile parses data (the contents of name) and expands its includes.
func (l *nginxLoader) expandFile(ctx context.Context, name string, data []byte) ([]*Directive, int) {
	if e, ok := l.cache[name]; ok {
		return e.ds, e.count
	}
	if !l.seen[name] {
		l.seen[name] = true
		l.cfg.Files = append(l.cfg.Files, name)
	}
	ds, err := ParseNginx(name, data)
	if err != nil {
		var se *SyntaxError
		pos := Pos{File: name}
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
func (l *nginxLoader) expand(ctx context.Context, ds []*Directive) ([]*Directive, int) {
	out := make([]*Directive, 0, len(ds))
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

func (l *nginxLoader) include(ctx context.Context, d *Directive) ([]*Directive, int) {
	pattern := resolveInclude(d.Args[0], l.opts.ConfPrefix)
	rec := Include{Pos: d.Pos, Pattern: pattern}
	defer func() { l.cfg.Includes = append(l.cfg.Includes, rec) }()
	if l.stopped {
		return nil, 0
	}
	if len(l.stack) >= l.opts.Limits.MaxDepth {
		l.problem(d.Pos, ErrLimit, "include %s: nesting deeper than %d", pattern, l.opts.Limits.MaxDepth)
		return nil, 0
	}
	var files []string
	if hasMeta(pattern) {
		var err error
		files, err = l.src.glob(ctx, pattern)
		if err != nil {
			l.problem(d.Pos, err, "include %s: %v", pattern, err)
			return nil, 0
		}
	} else {
		files = []string{pattern}
	}
	rec.Files = files
	var out []*Directive
	total := 0
	for _, f := range files {
		if slicesContains(l.stack, f) {
			l.problem(d.Pos, ErrLimit, "include %s: include cycle", f)
			continue
		}
		var data []byte
		if _, cached := l.cache[f]; !cached {
			if !l.seen[f] && len(l.cfg.Files) >= l.opts.Limits.MaxFiles {
				l.problem(d.Pos, ErrLimit, "include %s: more than %d files", f, l.opts.Limits.MaxFiles)
				l.stopped = true
				break
			}
			var err error
			data, err = l.src.read(ctx, f)
			if err != nil {
				l.problem(d.Pos, err, "include %s: %s", f, describeReadErr(err))
				continue
			}
			l.bytes += int64(len(data))
			if l.bytes > l.opts.Limits.MaxBytes {
				l.problem(d.Pos, ErrLimit, "include %s: more than %d bytes read", f, l.opts.Limits.MaxBytes)
				l.stopped = true
				break
			}
		}
		ds, n := l.expandFile(ctx, f, data)
		if l.directives+n > maxExpandedDirectives {
			l.problem(d.Pos, ErrLimit, "include %s: more than %d directives after expansion", f, maxExpandedDirectives)
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

func describeReadErr(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	return err.Error()
}

func slicesContains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// dumpHeader starts each file in `nginx -T` output.
const dumpHeader = "# configuration file "

// ParseNginxDump reads the output of `nginx -T` (stdout; a stderr preamble
// of "nginx: ..." lines is skipped): the files it concatenates become a
// set of files in memory, the first is the main file, and includes are
// resolved among them exactly as LoadNginx does on a file system.
func ParseNginxDump(ctx context.Context, data []byte, opts NginxOptions) (*NginxConfig, error) {
	src := &mapSource{files: map[string][]byte{}}
	var main, cur string
	var buf bytes.Buffer
	flush := func() {
		if cur != "" {
			b := bytes.TrimSuffix(buf.Bytes(), []byte("\n")) // nginx adds one LF after each file
			src.files[cur] = append([]byte(nil), b...)
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
		return nil, fmt.Errorf("parse nginx -T output: no %q line: %w", strings.TrimSpace(dumpHeader), ErrSyntax)
	}
	for n := range src.files {
		src.names = append(src.names, n)
	}
	sort.Strings(src.names)
	return loadNginx(ctx, src, main, opts)
}
