package nginx

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

func (c *Config) logTarget(spec string) conf.LogTarget {
	t := conf.LogTarget{Raw: spec, Path: spec}
	switch {
	case spec == "stderr":
		t.Kind = conf.LogStderr
	case strings.HasPrefix(spec, "syslog:"):
		t.Kind = conf.LogSyslog
	case strings.HasPrefix(spec, "memory:"):
		t.Kind = conf.LogMemory
	case spec == "/dev/null":
		t.Kind = conf.LogNull
	case spec == "off":
		t.Kind = conf.LogOff
	default:
		t.Kind = conf.LogFile
		t.Path = c.prefixed(spec)
	}
	return t
}

// errorLogs returns the effective error_log destinations of a level. The
// main level's error_log applies when http/server/location set none; with
// none anywhere, nginx logs to its compiled-in path at level "error".
func (c *Config) errorLogs(sc *scope) []conf.LogTarget {
	ds := sc.get("error_log")
	if len(ds) == 0 {
		t := c.logTarget(c.Options.DefaultErrorLog)
		t.Level, t.Default, t.Raw = "error", true, "logs/error.log"
		return []conf.LogTarget{t}
	}
	var out []conf.LogTarget
	for _, d := range ds {
		if len(d.Args) == 0 {
			continue
		}
		t := c.logTarget(d.Args[0])
		t.Level = "error"
		if len(d.Args) > 1 {
			t.Level = d.Args[1]
		}
		t.Pos = d.Pos
		out = append(out, t)
	}
	return out
}

// accessLogs returns the effective access_log destinations of a level
// (array rule: the level's own, else inherited); default logs/access.log
// in the "combined" format.
func (c *Config) accessLogs(sc *scope) []conf.LogTarget {
	ds := sc.get("access_log")
	if len(ds) == 0 {
		t := c.logTarget(c.Options.DefaultAccessLog)
		t.Format, t.Default, t.Raw = "combined", true, "logs/access.log"
		return []conf.LogTarget{t}
	}
	var out []conf.LogTarget
	for _, d := range ds {
		if len(d.Args) == 0 {
			continue
		}
		t := c.logTarget(d.Args[0])
		if t.Kind != conf.LogOff {
			t.Format = "combined"
			if len(d.Args) > 1 && !strings.Contains(d.Args[1], "=") {
				t.Format = d.Args[1]
			}
		}
		t.Pos = d.Pos
		out = append(out, t)
	}
	return out
}

// Listen is one `listen` directive.
type Listen struct {
	Addr          string   `json:"addr"` // IP or host name; "" for all IPv4 addresses, "::" for all IPv6
	Port          int      `json:"port"`
	Unix          string   `json:"unix,omitempty"` // socket path for listen unix:
	SSL           bool     `json:"ssl,omitempty"`
	HTTP2         bool     `json:"http2,omitempty"`
	DefaultServer bool     `json:"default_server,omitempty"`
	Raw           string   `json:"raw"`
	Pos           conf.Pos `json:"pos,omitzero"`
	Default       bool     `json:"default,omitempty"` // no listen directive: *:80
}

func parseListens(ds []*conf.Directive) []Listen {
	if len(ds) == 0 {
		return []Listen{{Port: 80, Raw: "*:80", Default: true}}
	}
	var out []Listen
	for _, d := range ds {
		if len(d.Args) == 0 {
			continue
		}
		l := parseListenAddr(d.Args[0])
		l.Pos = d.Pos
		for _, p := range d.Args[1:] {
			switch p {
			case "default_server", "default":
				l.DefaultServer = true
			case "ssl":
				l.SSL = true
			case "http2":
				l.HTTP2 = true
			}
		}
		out = append(out, l)
	}
	return out
}

// parseListenAddr reads "80", "*:80", "127.0.0.1", "[::]:443",
// "localhost:8080" or "unix:/path".
func parseListenAddr(a string) Listen {
	l := Listen{Raw: a, Port: 80}
	if strings.HasPrefix(a, "unix:") {
		l.Unix, l.Port = a[len("unix:"):], 0
		return l
	}
	if n, err := strconv.Atoi(a); err == nil {
		l.Port = n
		return l
	}
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		host = strings.Trim(a, "[]")
	} else if n, err := strconv.Atoi(port); err == nil {
		l.Port = n
	}
	if host == "*" || host == "0.0.0.0" {
		host = ""
	}
	l.Addr = host
	return l
}

// Logs lists the distinct error and access logs of the configuration:
// the main error_log, then each server's and each location's, first
// occurrence first. Destinations that are not files (stderr, syslog,
// /dev/null, off) are included with their Kind.
func (c *Config) Logs() []conf.LogLocation {
	var out []conf.LogLocation
	seen := map[string]bool{}
	add := func(role, scope string, ts []conf.LogTarget) {
		for _, t := range ts {
			k := role + "\x00" + t.Path
			if !seen[k] {
				seen[k] = true
				out = append(out, conf.LogLocation{Role: role, Target: t, Scope: scope})
			}
		}
	}
	add(conf.RoleNginxError, "main", c.errorLogs(newScope(nil, c.Tree)))
	for _, s := range c.Servers() {
		scope := fmt.Sprintf("server %s (%s)", strings.Join(s.ServerNames, " "), s.Pos)
		add(conf.RoleNginxError, scope, s.ErrorLogs)
		add(conf.RoleNginxAccess, scope, s.AccessLogs)
		for _, l := range s.AllLocations() {
			ls := fmt.Sprintf("%s location %s %s (%s)", scope, l.Modifier, l.Pattern, l.Pos)
			add(conf.RoleNginxError, ls, l.ErrorLogs)
			add(conf.RoleNginxAccess, ls, l.AccessLogs)
		}
	}
	return out
}
