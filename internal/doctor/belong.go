package doctor

import (
	"net"
	"net/url"
	"path"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/serverfacts"
	"github.com/wpdoctor/wpdoctor/internal/wp"
)

// belonging tells the log entries about the target from those about other
// sites sharing a log (a host's main nginx error log, a global PHP-FPM
// log): an entry that names a PHP file outside the install, a Host header
// of another site, or another PHP-FPM pool is about another site and is
// never evidence. Entries that name none of these stay.
type belonging struct {
	dirs  []string        // the install's folders (ABSPATH, config, content, plugins, mu-plugins)
	hosts map[string]bool // host[:port] of the site's URLs, normalised
	pool  string          // the site's PHP-FPM pool, when known
}

// newBelonging describes the target: its install, the URLs it is probed
// at, and the server facts (for its PHP-FPM pool; may be nil).
func newBelonging(loc wp.Location, cfg *wp.Config, urls []string, server *serverfacts.ServerFacts) belonging {
	b := belonging{hosts: map[string]bool{}}
	dirs := []string{loc.ABSPATH, path.Dir(loc.Config)}
	if cfg != nil {
		dirs = append(dirs, cfg.ContentDir, cfg.PluginDir, cfg.MUPluginDir)
	}
	for _, d := range dirs {
		if d != "" && d != "." {
			b.dirs = append(b.dirs, path.Clean(d))
		}
	}
	for _, u := range urls {
		if h := urlHost(u); h != "" {
			b.hosts[h] = true
		}
	}
	if server != nil && server.Pool != nil {
		b.pool = server.Pool.Name
	}
	return b
}

// sharedLog says whether a log found this way may hold other sites'
// entries: the usual paths, an nginx's main error log, PHP-FPM's global
// log. The site's own logs (its server block's, its pool's, its debug log,
// its logs folder) are read whole: a PHP file path there may be outside
// the install for good reasons (a symlinked plugin PHP logs by its real
// path, an auto_prepend_file).
func sharedLog(how string) bool {
	switch how {
	case "usual path", "nginx configuration (main)", "Apache configuration (main)", "PHP-FPM configuration":
		return true
	}
	return false
}

// foreign says whether e is about another site.
func (b belonging) foreign(e *logs.Event) bool {
	if e.Host != "" && len(b.hosts) > 0 && !b.hosts[normalHost(e.Host, "")] {
		return true
	}
	if e.Pool != "" && b.pool != "" && e.Pool != b.pool {
		return true
	}
	for _, f := range []string{e.File, e.Script} {
		if f != "" && !b.inside(f) {
			return true
		}
	}
	for i := range e.Embedded {
		if b.foreign(&e.Embedded[i]) {
			return true
		}
	}
	return false
}

func (b belonging) inside(p string) bool {
	if !path.IsAbs(p) || len(b.dirs) == 0 {
		return true // a relative or odd path says nothing
	}
	p = path.Clean(p)
	for _, d := range b.dirs {
		if p == d || strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// urlHost is the host[:port] of a URL, normalised as normalHost does.
func urlHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return normalHost(u.Host, u.Scheme)
}

// normalHost lower-cases a host[:port], drops a default port (80, 443)
// and a leading "www.", so that the Host header nginx logs compares with
// the site's URL.
func normalHost(h, scheme string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	host, port, err := net.SplitHostPort(h)
	if err != nil {
		host, port = strings.Trim(h, "[]"), ""
	}
	if port == "80" && scheme != "https" || port == "443" && scheme != "http" {
		port = ""
	}
	host = strings.TrimPrefix(host, "www.")
	if port == "" {
		return host
	}
	return net.JoinHostPort(host, port)
}
