package serverfacts

import (
	"context"
	"fmt"
	"path"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/apache"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/proc"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// loadApache reads the configuration of every running Apache master, or
// the distribution's main file without a process list, and keeps the
// virtual host that serves the site (as loadNginx does for nginx) when no
// nginx server block does: Apache with PHP-FPM through mod_proxy_fcgi, as
// much shared hosting runs.
func (f *ServerFacts) loadApache(ctx context.Context, fsys site.FS, siteURL, docroot string) {
	if f.Server != nil {
		return
	}
	masters := f.apacheMasters(ctx, fsys)
	if len(masters) == 0 {
		return
	}
	host, ip, port := urlAddress(siteURL)
	best := -1
	var why string
	for _, m := range masters {
		cfg, err := m.loadApache(ctx, fsys)
		if err != nil {
			f.Notes = append(f.Notes, fmt.Sprintf("Apache configuration %s not read: %v", m.main, err))
			continue
		}
		if host == "" {
			continue
		}
		sel, err := apache.SelectVHost(cfg.VirtualHosts, host, ip, port)
		if err != nil {
			f.Notes = append(f.Notes, fmt.Sprintf("no Apache virtual host in %s serves %s", m.main, siteURL))
			continue
		}
		score, reason := rootScore(sel.By != "first virtual host", "selected by "+sel.By, sel.VHost.DocumentRoot.Value, docroot)
		if score > best {
			best, why = score, reason
			f.Apache, f.ApacheFile, f.VHost = cfg, m.main, sel.VHost
		}
	}
	if f.VHost == nil {
		return
	}
	if len(masters) > 1 {
		f.Notes = append(f.Notes, fmt.Sprintf("%d Apache masters run; the site is served by the one with %s (virtual host at %s: %s)", len(masters), f.ApacheFile, f.VHost.Pos, why))
	}
	f.Handler = f.VHost.PHPHandler()
}

// apacheMasters lists the main configuration file (and ServerRoot, from
// -d) of every running Apache master, or the usual main files when no
// process list says otherwise.
func (f *ServerFacts) apacheMasters(ctx context.Context, fsys site.FS) []master {
	var masters []master
	seen := map[string]bool{}
	for _, m := range f.running(proc.KindApache) {
		if key := m.Prefix + "\x00" + m.ConfigFile; !seen[key] {
			seen[key] = true
			masters = append(masters, master{m.ConfigFile, m.Prefix})
		}
	}
	if len(masters) == 0 && f.Processes == nil {
		for _, main := range []string{"/etc/apache2/apache2.conf", "/etc/httpd/conf/httpd.conf"} {
			if ok, _ := site.Exists(ctx, fsys, main); ok {
				masters = append(masters, master{main: main})
			}
		}
	}
	return masters
}

// loadApache reads an Apache master's configuration, with the ${VAR}s of
// Debian's apache2.conf from the envvars file beside it (apache2ctl
// sources it before starting Apache).
func (m master) loadApache(ctx context.Context, fsys site.FS) (*apache.Config, error) {
	var vars map[string]string
	if b, err := fsys.ReadFile(ctx, path.Join(path.Dir(m.main), "envvars")); err == nil {
		vars = apache.ParseEnvvars(b)
	}
	return apache.Load(ctx, fsys, m.main, apache.Options{ServerRoot: m.prefix, Vars: vars})
}

// HandOff is where the web server passes PHP requests, and the directive
// that says so.
type HandOff struct {
	Target    conf.Target
	Directive string // its name: fastcgi_pass, SetHandler, ProxyPassMatch
	Text      string // the directive as written (nginx) or with its target (Apache)
	Pos       conf.Pos
}

// PHPTarget is where the web server that serves the site passes its PHP
// requests: nginx's fastcgi_pass, Apache's SetHandler "proxy:..." or
// ProxyPassMatch.
func (f *ServerFacts) PHPTarget() (HandOff, bool) {
	switch {
	case f.Backend != nil && len(f.Backend.Targets) > 0:
		return HandOff{f.Backend.Targets[0], "fastcgi_pass", "fastcgi_pass " + f.Backend.Pass.Raw, f.Backend.Pass.Pos}, true
	case f.Handler != nil:
		h := f.Handler
		return HandOff{h.Target, h.Directive, h.Directive + " " + h.Target.String(), h.Pos}, true
	}
	return HandOff{}, false
}

// WebServer names the web server that serves the site, for messages.
func (f *ServerFacts) WebServer() string {
	if f != nil && f.Web() == "apache" {
		return "Apache"
	}
	return "nginx"
}
