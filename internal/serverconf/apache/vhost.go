package apache

import (
	"fmt"
	"net"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// VHost summarises a <VirtualHost> (or the global server), with
// global values inherited.
type VHost struct {
	Pos                  conf.Pos                    `json:"pos,omitzero"`
	Addrs                []string                    `json:"addrs,omitempty"` // "*:80", "127.0.0.1:8080"
	ServerName           conf.Setting[string]        `json:"server_name"`
	ServerAliases        []string                    `json:"server_aliases,omitempty"`
	DocumentRoot         conf.Setting[string]        `json:"document_root"`
	ErrorLog             conf.Setting[string]        `json:"error_log"` // path, "syslog[:facility]" or "|piped command"
	CustomLogs           []conf.Setting[string]      `json:"custom_logs,omitempty"`
	Timeout              conf.Setting[time.Duration] `json:"timeout"`
	ProxyTimeout         conf.Setting[time.Duration] `json:"proxy_timeout"` // defaults to Timeout
	ProxyFCGIBackendType conf.Setting[string]        `json:"proxy_fcgi_backend_type"`
	// PHPHandlers are the FastCGI hand-offs in effect: the virtual host's
	// own, then the global ones (e.g. Debian's conf-enabled/php8.2-fpm.conf).
	PHPHandlers []Handler `json:"php_handlers,omitempty"`
}

// Handler is one hand-off of requests to FastCGI: a SetHandler
// "proxy:..." (usually inside <FilesMatch>) or a ProxyPassMatch.
type Handler struct {
	Directive string      `json:"directive"` // "SetHandler" or "ProxyPassMatch"
	Match     string      `json:"match,omitempty"`
	Target    conf.Target `json:"target"`
	Pos       conf.Pos    `json:"pos,omitzero"`
}

func (c *Config) summarise() {
	g := &VHost{}
	c.Global = g
	g.Timeout = conf.DefaultSetting(60*time.Second, "60")
	g.ProxyFCGIBackendType = conf.DefaultSetting("FPM", "FPM")
	g.ErrorLog = conf.DefaultSetting(c.apachePath("logs/error_log"), "logs/error_log")
	g.DocumentRoot = conf.DefaultSetting(c.apachePath("htdocs"), "htdocs")
	c.apply(g, c.Tree, "")
	globalProxy := !g.ProxyTimeout.Pos.IsZero()
	if !globalProxy {
		g.ProxyTimeout = conf.DefaultSetting(g.Timeout.Value, "Timeout")
	}
	walkApache(c.Tree, func(d *conf.Directive) bool {
		if !strings.EqualFold(d.Name, "VirtualHost") {
			return true
		}
		v := &VHost{Pos: d.Pos, Addrs: d.Args, ServerName: g.ServerName, DocumentRoot: g.DocumentRoot,
			ErrorLog: g.ErrorLog, Timeout: g.Timeout, ProxyFCGIBackendType: g.ProxyFCGIBackendType}
		c.apply(v, d.Block, "")
		switch {
		case !v.ProxyTimeout.Pos.IsZero():
		case globalProxy:
			v.ProxyTimeout = g.ProxyTimeout
		default:
			v.ProxyTimeout = conf.DefaultSetting(v.Timeout.Value, "Timeout")
		}
		if len(v.CustomLogs) == 0 {
			v.CustomLogs = g.CustomLogs
		}
		v.PHPHandlers = append(v.PHPHandlers, g.PHPHandlers...)
		c.VirtualHosts = append(c.VirtualHosts, v)
		return false
	})
}

// walkApache visits directives depth first; f returns false to skip a
// block's contents.
func walkApache(ds []*conf.Directive, f func(*conf.Directive) bool) {
	for _, d := range ds {
		if f(d) && d.HasBlock {
			walkApache(d.Block, f)
		}
	}
}

// apply reads the directives of one scope into v. match is the pattern
// of the enclosing <FilesMatch>, for SetHandler.
func (c *Config) apply(v *VHost, ds []*conf.Directive, match string) {
	for _, d := range ds {
		name := strings.ToLower(d.Name)
		if d.HasBlock {
			switch name {
			case "virtualhost":
				continue
			case "filesmatch", "files", "locationmatch", "location":
				c.apply(v, d.Block, d.Arg(0))
			default:
				c.apply(v, d.Block, match)
			}
			continue
		}
		str := conf.Setting[string]{Value: d.Arg(0), Raw: strings.Join(d.Args, " "), Pos: d.Pos}
		switch name {
		case "servername":
			v.ServerName = str
		case "serveralias":
			v.ServerAliases = append(v.ServerAliases, d.Args...)
		case "documentroot":
			str.Value = c.apachePath(str.Value)
			v.DocumentRoot = str
		case "errorlog":
			str.Value = c.apachePath(str.Value)
			v.ErrorLog = str
		case "customlog", "transferlog":
			str.Value = c.apachePath(str.Value)
			v.CustomLogs = append(v.CustomLogs, str)
		case "timeout":
			v.Timeout = apacheTime(d)
		case "proxytimeout":
			v.ProxyTimeout = apacheTime(d)
		case "proxyfcgibackendtype":
			v.ProxyFCGIBackendType = str
		case "sethandler":
			if t, ok := handlerTarget(d.Arg(0)); ok {
				t.Pos = d.Pos
				v.PHPHandlers = append(v.PHPHandlers, Handler{Directive: d.Name, Match: match, Target: t, Pos: d.Pos})
			}
		case "proxypassmatch":
			if t, ok := handlerTarget(d.Arg(1)); ok {
				t.Pos = d.Pos
				v.PHPHandlers = append(v.PHPHandlers, Handler{Directive: d.Name, Match: d.Arg(0), Target: t, Pos: d.Pos})
			}
		}
	}
}

// apachePath resolves a path relative to ServerRoot; pipes and syslog
// destinations are returned as written.
func (c *Config) apachePath(p string) string {
	if p == "" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "|") || strings.HasPrefix(p, "syslog") {
		return p
	}
	return path.Join(c.ServerRoot, p)
}

// handlerTarget reads "proxy:unix:/run/php/x.sock|fcgi://localhost",
// "proxy:fcgi://127.0.0.1:9000" or ProxyPassMatch's
// "fcgi://127.0.0.1:9000/var/www/$1" / "unix:/x.sock|fcgi://localhost/...".
func handlerTarget(h string) (conf.Target, bool) {
	h = strings.TrimPrefix(h, "proxy:")
	if strings.HasPrefix(h, "unix:") {
		p := h[len("unix:"):]
		if i := strings.IndexByte(p, '|'); i >= 0 {
			p = p[:i]
		}
		return conf.Target{Network: "unix", Address: p}, true
	}
	if strings.HasPrefix(h, "fcgi://") {
		hp := h[len("fcgi://"):]
		if i := strings.IndexByte(hp, '/'); i >= 0 {
			hp = hp[:i]
		}
		return conf.Target{Network: "tcp", Address: withPort(hp, "9000")}, true
	}
	return conf.Target{}, false
}

// withPort adds port def to a host without one.
func withPort(hostport, def string) string {
	if _, _, err := net.SplitHostPort(hostport); err == nil {
		return hostport
	}
	return net.JoinHostPort(strings.Trim(hostport, "[]"), def)
}

// apacheTime reads Timeout / ProxyTimeout: seconds, or a number with an
// ms, s, mi or h suffix.
func apacheTime(d *conf.Directive) conf.Setting[time.Duration] {
	raw := d.Arg(0)
	units := []struct {
		suffix string
		d      time.Duration
	}{{"ms", time.Millisecond}, {"mi", time.Minute}, {"s", time.Second}, {"h", time.Hour}}
	num, unit := raw, time.Second
	for _, u := range units {
		if strings.HasSuffix(raw, u.suffix) {
			num, unit = strings.TrimSuffix(raw, u.suffix), u.d
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 32)
	if err != nil || n < 0 {
		return conf.Setting[time.Duration]{Raw: raw, Pos: d.Pos, Invalid: true}
	}
	return conf.Setting[time.Duration]{Value: time.Duration(n) * unit, Raw: raw, Pos: d.Pos}
}

// String renders "addrs name (file:line)".
func (v *VHost) String() string {
	return fmt.Sprintf("%s %s (%s)", strings.Join(v.Addrs, " "), v.ServerName.Value, v.Pos)
}
