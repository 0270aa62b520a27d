package nginx

import (
	"path"
	"regexp"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// Server summarises one http `server` block with the values it
// inherits from `http` (and, for error_log, from the main level).
type Server struct {
	Pos               conf.Pos             `json:"pos,omitzero"`
	Listen            []Listen             `json:"listen"`
	ServerNames       []string             `json:"server_names"`
	Root              conf.Setting[string] `json:"root"`
	ErrorLogs         []conf.LogTarget     `json:"error_logs"`
	AccessLogs        []conf.LogTarget     `json:"access_logs"`
	ClientMaxBodySize conf.Setting[int64]  `json:"client_max_body_size"`
	Locations         []*Location          `json:"locations,omitempty"`
	scope             *scope
}

// Location summarises one `location` block with inherited values.
// FastCGI / Proxy are set when the location passes requests on.
type Location struct {
	Pos               conf.Pos             `json:"pos,omitzero"`
	Modifier          string               `json:"modifier,omitempty"` // "", "=", "^~", "~", "~*", "@"
	Pattern           string               `json:"pattern"`
	Root              conf.Setting[string] `json:"root"`
	Alias             bool                 `json:"alias,omitempty"` // Root came from `alias`
	ErrorLogs         []conf.LogTarget     `json:"error_logs"`
	AccessLogs        []conf.LogTarget     `json:"access_logs"`
	ClientMaxBodySize conf.Setting[int64]  `json:"client_max_body_size"`
	FastCGI           *Backend             `json:"fastcgi,omitempty"`
	Proxy             *Backend             `json:"proxy,omitempty"`
	Nested            []*Location          `json:"nested,omitempty"`
	// RegexErr is set when a regex location's pattern uses PCRE features
	// Go's regexp lacks; such a location never matches in LocationFor.
	RegexErr string `json:"regex_error,omitempty"`
	re       *regexp.Regexp
}

// IsRegex reports whether the location is a regular-expression location.
func (l *Location) IsRegex() bool { return l.Modifier == "~" || l.Modifier == "~*" }

// scope is one configuration level: its own simple directives and its
// parent. nginx's merge rule, for scalar and array directives alike, is
// "the level's own directives if it has any, else the parent's".
type scope struct {
	parent *scope
	own    map[string][]*conf.Directive
}

func newScope(parent *scope, ds []*conf.Directive) *scope {
	s := &scope{parent: parent, own: map[string][]*conf.Directive{}}
	for _, d := range ds {
		if !d.HasBlock {
			s.own[d.Name] = append(s.own[d.Name], d)
		}
	}
	return s
}

// get returns the effective directives named name.
func (s *scope) get(name string) []*conf.Directive {
	for c := s; c != nil; c = c.parent {
		if ds := c.own[name]; len(ds) > 0 {
			return ds
		}
	}
	return nil
}

// first returns the first effective directive named name, or nil.
func (s *scope) first(name string) *conf.Directive {
	if ds := s.get(name); len(ds) > 0 {
		return ds[0]
	}
	return nil
}

// HTTP returns the `http` block's directives, or nil.
func (c *Config) HTTP() *conf.Directive {
	for _, d := range c.Tree {
		if d.Name == "http" && d.HasBlock {
			return d
		}
	}
	return nil
}

// Servers summarises every `server` block of the `http` block, in order.
func (c *Config) Servers() []*Server {
	http := c.HTTP()
	if http == nil {
		return nil
	}
	mainScope := newScope(nil, c.Tree)
	httpScope := newScope(mainScope, http.Block)
	ups := upstreams(http.Block)
	var out []*Server
	for _, d := range http.Block {
		if d.Name != "server" || !d.HasBlock {
			continue
		}
		sc := newScope(httpScope, d.Block)
		s := &Server{Pos: d.Pos, scope: sc}
		s.Listen = parseListens(sc.own["listen"])
		for _, n := range sc.own["server_name"] {
			s.ServerNames = append(s.ServerNames, n.Args...)
		}
		if len(s.ServerNames) == 0 {
			s.ServerNames = []string{""}
		}
		s.Root, _ = c.rootOf(sc)
		s.ErrorLogs = c.errorLogs(sc)
		s.AccessLogs = c.accessLogs(sc)
		s.ClientMaxBodySize = sizeSetting(sc.first("client_max_body_size"), 1<<20, "1m")
		s.Locations = c.locations(d.Block, sc, ups)
		out = append(out, s)
	}
	return out
}

func (c *Config) locations(ds []*conf.Directive, parent *scope, ups map[string]*conf.Directive) []*Location {
	var out []*Location
	for _, d := range ds {
		if d.Name != "location" || !d.HasBlock || len(d.Args) == 0 {
			continue
		}
		sc := newScope(parent, d.Block)
		l := &Location{Pos: d.Pos}
		l.Modifier, l.Pattern = splitLocation(d.Args)
		if l.IsRegex() {
			expr := l.Pattern
			if l.Modifier == "~*" {
				expr = "(?i)" + expr
			}
			re, err := regexp.Compile(expr)
			if err != nil {
				l.RegexErr = err.Error()
			}
			l.re = re
		}
		l.Root, l.Alias = c.rootOf(sc)
		l.ErrorLogs = c.errorLogs(sc)
		l.AccessLogs = c.accessLogs(sc)
		l.ClientMaxBodySize = sizeSetting(sc.first("client_max_body_size"), 1<<20, "1m")
		if p := sc.own["fastcgi_pass"]; len(p) > 0 {
			l.FastCGI = c.backend("fastcgi", p[0], sc, ups)
		}
		if p := sc.own["proxy_pass"]; len(p) > 0 {
			l.Proxy = c.backend("proxy", p[0], sc, ups)
		}
		l.Nested = c.locations(d.Block, sc, ups)
		out = append(out, l)
	}
	return out
}

// splitLocation reads `location [=|~|~*|^~] uri` and the glued forms
// nginx accepts ("=/x", "~\.php$", "~*\.jpg$").
func splitLocation(args []string) (mod, pattern string) {
	if len(args) >= 2 {
		return args[0], args[1]
	}
	a := args[0]
	switch {
	case strings.HasPrefix(a, "="):
		return "=", a[1:]
	case strings.HasPrefix(a, "~*"):
		return "~*", a[2:]
	case strings.HasPrefix(a, "~"):
		return "~", a[1:]
	case strings.HasPrefix(a, "@"):
		return "@", a
	}
	return "", a
}

// rootOf returns the effective document root: the level's alias if any,
// else the effective root, else nginx's default "html" under the prefix.
func (c *Config) rootOf(sc *scope) (conf.Setting[string], bool) {
	if a := sc.own["alias"]; len(a) > 0 && len(a[0].Args) > 0 {
		return conf.Setting[string]{Value: c.prefixed(a[0].Args[0]), Raw: a[0].Args[0], Pos: a[0].Pos}, true
	}
	if d := sc.first("root"); d != nil && len(d.Args) > 0 {
		return conf.Setting[string]{Value: c.prefixed(d.Args[0]), Raw: d.Args[0], Pos: d.Pos}, false
	}
	return conf.DefaultSetting(path.Join(c.Options.Prefix, "html"), "html"), false
}

// prefixed resolves a path relative to nginx's prefix; absolute paths and
// paths with variables are returned as written.
func (c *Config) prefixed(p string) string {
	if p == "" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "$") {
		return p
	}
	return path.Join(c.Options.Prefix, p)
}

func sizeSetting(d *conf.Directive, def int64, defRaw string) conf.Setting[int64] {
	if d == nil || len(d.Args) == 0 {
		return conf.DefaultSetting(def, defRaw)
	}
	v, err := ParseSize(d.Args[0])
	if err != nil {
		return conf.Setting[int64]{Value: def, Raw: d.Args[0], Pos: d.Pos, Invalid: true}
	}
	return conf.Setting[int64]{Value: v, Raw: d.Args[0], Pos: d.Pos}
}
