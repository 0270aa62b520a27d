package serverconf

import (
	"net"
	"strconv"
	"strings"
)

// LogKind tells what a log destination is.
type LogKind string

// Log destination kinds.
const (
	LogFile   LogKind = "file"   // a file path
	LogStderr LogKind = "stderr" // the server's stderr (often journald or a container log)
	LogSyslog LogKind = "syslog" // syslog:server=...
	LogMemory LogKind = "memory" // nginx's memory: cyclic buffer (debugging)
	LogNull   LogKind = "null"   // /dev/null: nothing is kept
	LogOff    LogKind = "off"    // access_log off
	LogPipe   LogKind = "pipe"   // Apache's piped log: "|command"
)

// LogTarget is one error_log or access_log destination.
type LogTarget struct {
	Kind    LogKind `json:"kind"`
	Path    string  `json:"path"`             // absolute path for files; the raw spec otherwise
	Level   string  `json:"level,omitempty"`  // error_log level
	Format  string  `json:"format,omitempty"` // access_log format name
	Raw     string  `json:"raw"`
	Pos     Pos     `json:"pos,omitzero"`
	Default bool    `json:"default,omitempty"`
}

func (c *NginxConfig) logTarget(spec string) LogTarget {
	t := LogTarget{Raw: spec, Path: spec}
	switch {
	case spec == "stderr":
		t.Kind = LogStderr
	case strings.HasPrefix(spec, "syslog:"):
		t.Kind = LogSyslog
	case strings.HasPrefix(spec, "memory:"):
		t.Kind = LogMemory
	case spec == "/dev/null":
		t.Kind = LogNull
	case spec == "off":
		t.Kind = LogOff
	default:
		t.Kind = LogFile
		t.Path = c.prefixed(spec)
	}
	return t
}

// errorLogs returns the effective error_log destinations of a level. The
// main level's error_log applies when http/server/location set none; with
// none anywhere, nginx logs to its compiled-in path at level "error".
func (c *NginxConfig) errorLogs(sc *scope) []LogTarget {
	ds := sc.get("error_log")
	if len(ds) == 0 {
		t := c.logTarget(c.Options.DefaultErrorLog)
		t.Level, t.Default, t.Raw = "error", true, "logs/error.log"
		return []LogTarget{t}
	}
	var out []LogTarget
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
func (c *NginxConfig) accessLogs(sc *scope) []LogTarget {
	ds := sc.get("access_log")
	if len(ds) == 0 {
		t := c.logTarget(c.Options.DefaultAccessLog)
		t.Format, t.Default, t.Raw = "combined", true, "logs/access.log"
		return []LogTarget{t}
	}
	var out []LogTarget
	for _, d := range ds {
		if len(d.Args) == 0 {
			continue
		}
		t := c.logTarget(d.Args[0])
		if t.Kind != LogOff {
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
	Addr          string `json:"addr"` // IP or host name; "" for all IPv4 addresses, "::" for all IPv6
	Port          int    `json:"port"`
	Unix          string `json:"unix,omitempty"` // socket path for listen unix:
	SSL           bool   `json:"ssl,omitempty"`
	HTTP2         bool   `json:"http2,omitempty"`
	DefaultServer bool   `json:"default_server,omitempty"`
	Raw           string `json:"raw"`
	Pos           Pos    `json:"pos,omitzero"`
	Default       bool   `json:"default,omitempty"` // no listen directive: *:80
}

func parseListens(ds []*Directive) []Listen {
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
