// Package serverfacts gathers what a server says about one site: the
// running servers, the nginx server block and PHP-FPM pool that serve it,
// their limits and log locations, and PHP's effective settings.
package serverfacts

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/apache"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/nginx"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/phpconf"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/proc"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// ServerFacts is what the server's processes and configuration say about
// the site: which nginx server and PHP-FPM pool serve it, their limits, and
// where they log. Anything may be missing; Notes say why.
type ServerFacts struct {
	Processes []proc.Server  // nil without a shell
	Nginx     *nginx.Config  // the nginx configuration, when readable
	NginxFile string         // its main file
	Server    *nginx.Server  // the server block for the site's URL
	Backend   *nginx.Backend // the FastCGI backend of its PHP location
	// Apache, when no nginx server block serves the site: the
	// configuration, its main file, the virtual host for the site's URL
	// and the FastCGI hand-off of its PHP files.
	Apache     *apache.Config
	ApacheFile string
	VHost      *apache.VHost
	Handler    *apache.Handler
	FPM        []*phpconf.FPMConfig
	Pools      []*phpconf.Pool
	Pool       *phpconf.Pool // the pool nginx passes PHP to
	PoolFPM    *phpconf.FPMConfig
	Ini        *phpconf.Ini
	PHP        phpconf.Settings
	HasPHP     bool // PHP settings are known (pool and/or php.ini read)
	Notes      []string
}

// GatherServer reads the processes (with a shell) and the configuration
// files (through the file system, no shell needed) of the server that
// serves siteURL from the document root docroot.
func GatherServer(ctx context.Context, fsys site.FS, sh site.Shell, siteURL, docroot string) *ServerFacts {
	f := &ServerFacts{}
	f.readProcesses(ctx, sh)
	misses := f.loadNginx(ctx, fsys, siteURL, docroot)
	f.loadApache(ctx, fsys, siteURL, docroot)
	if f.VHost == nil {
		// With Apache serving the site, the nginx on the host is another
		// site's: its blocks missing this one is no note about it.
		f.Notes = append(f.Notes, misses...)
	}
	f.loadFPM(ctx, fsys)
	return f
}

// Web names the web server whose configuration serves the site: "nginx",
// "apache", or "" when none was found.
func (f *ServerFacts) Web() string {
	switch {
	case f.Server != nil:
		return "nginx"
	case f.VHost != nil:
		return "apache"
	}
	return ""
}

// readProcesses reads the process list, with a shell.
func (f *ServerFacts) readProcesses(ctx context.Context, sh site.Shell) {
	out, err := site.Output(ctx, sh, "ps -eo pid,ppid,user,args 2>/dev/null")
	switch {
	case errors.Is(err, site.ErrNoShell):
		f.Notes = append(f.Notes, "process list not read: no shell access")
	case err != nil:
		f.Notes = append(f.Notes, "process list not read: "+err.Error())
	default:
		if procs, err := proc.ParsePS(out); err == nil {
			f.Processes = proc.FindServers(procs)
		}
	}
}

func (f *ServerFacts) running(kind proc.ServerKind) []proc.Server {
	var out []proc.Server
	for _, s := range f.Processes {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

// Running reports whether a server of the kind runs; known is false
// without a process list.
func (f *ServerFacts) Running(kind proc.ServerKind) (running, known bool) {
	if f.Processes == nil {
		return false, false
	}
	return len(f.running(kind)) > 0, true
}

// loadNginx reads the configuration of every running nginx master (a host
// may run several: a control panel's own nginx, one per customer, nginx in
// front of Apache), or the usual main file without a process list, and
// keeps the one whose server block serves the site: the block that would
// answer the site's URL, preferring a match by name and a root that is the
// site's document root. It returns the masters that have no block for the
// URL, as notes (GatherServer keeps them unless Apache serves the site).
func (f *ServerFacts) loadNginx(ctx context.Context, fsys site.FS, siteURL, docroot string) (misses []string) {
	masters := f.nginxMasters(ctx, fsys)
	if len(masters) == 0 {
		return nil
	}
	host, ip, port := urlAddress(siteURL)
	best := -1
	var why string
	for _, m := range masters {
		cfg, err := nginx.Load(ctx, fsys, m.main, nginx.Options{Prefix: m.prefix})
		if err != nil {
			f.Notes = append(f.Notes, fmt.Sprintf("nginx configuration %s not read: %v", m.main, err))
			continue
		}
		if f.Nginx == nil {
			f.Nginx, f.NginxFile = cfg, m.main
		}
		if host == "" {
			continue
		}
		sel, err := nginx.SelectServer(cfg.Servers(), host, ip, port)
		if err != nil {
			misses = append(misses, fmt.Sprintf("no nginx server block in %s serves %s", m.main, siteURL))
			continue
		}
		named := sel.By != "default_server" && sel.By != "first server"
		score, reason := rootScore(named, "selected by "+sel.By, sel.Server.Root.Value, docroot)
		if score > best {
			best, why = score, reason
			f.Nginx, f.NginxFile, f.Server = cfg, m.main, sel.Server
		}
	}
	if f.Server == nil {
		return misses
	}
	if len(masters) > 1 {
		f.Notes = append(f.Notes, fmt.Sprintf("%d nginx masters run; the site is served by the one with %s (server block at %s: %s)", len(masters), f.NginxFile, f.Server.Pos, why))
	}
	if loc := f.Server.LocationFor("/index.php"); loc != nil {
		f.Backend = loc.Backend()
	}
	return nil
}

// master is one nginx master's main file and prefix.
type master struct{ main, prefix string }

// nginxMasters lists the configuration of every running nginx master, or
// the usual main file when no process list says otherwise.
func (f *ServerFacts) nginxMasters(ctx context.Context, fsys site.FS) []master {
	var masters []master
	seen := map[string]bool{}
	for _, m := range f.running(proc.KindNginx) {
		if key := m.Prefix + "\x00" + m.ConfigFile; !seen[key] {
			seen[key] = true
			masters = append(masters, master{m.ConfigFile, m.Prefix})
		}
	}
	if len(masters) == 0 {
		if ok, _ := site.Exists(ctx, fsys, "/etc/nginx/nginx.conf"); ok {
			masters = []master{{main: "/etc/nginx/nginx.conf"}}
		}
	}
	return masters
}

// urlAddress is what a web server matches a request for siteURL on: the
// Host, the address when the host is an IP, and the port.
func urlAddress(siteURL string) (host, ip string, port int) {
	u, err := url.Parse(siteURL)
	if err != nil {
		return "", "", 80
	}
	port = 80
	if u.Scheme == "https" {
		port = 443
	}
	if p, err := strconv.Atoi(u.Port()); err == nil {
		port = p
	}
	host = u.Hostname()
	if net.ParseIP(host) != nil {
		ip = host
	}
	return host, ip, port
}

// rootScore ranks a selected server block or virtual host as the site's:
// a match by name beats a default or first one, and a root equal to the
// document root (or above it, for WordPress in a subdirectory) beats any
// other root. by says how it was selected.
func rootScore(named bool, by, blockRoot, docroot string) (int, string) {
	score, parts := 0, []string{by}
	if named {
		score += 2
	}
	root := path.Clean(blockRoot)
	switch {
	case docroot == "" || blockRoot == "":
	case root == path.Clean(docroot):
		score += 3
		parts = append(parts, "root is the document root")
	case strings.HasPrefix(path.Clean(docroot)+"/", root+"/"):
		score++
		parts = append(parts, "root contains the document root")
	default:
		parts = append(parts, "root "+root+" is not the document root")
	}
	return score, strings.Join(parts, ", ")
}

func (f *ServerFacts) loadFPM(ctx context.Context, fsys site.FS) {
	var mains []string
	for _, m := range f.running(proc.KindPHPFPM) {
		mains = append(mains, m.ConfigFile)
	}
	if f.Processes == nil {
		found, _ := conf.Glob(ctx, fsys, "/etc/php/*/fpm/php-fpm.conf")
		mains = append(mains, found...)
		mains = append(mains, "/etc/php-fpm.conf")
	}
	seen := map[string]bool{}
	for _, main := range mains {
		if seen[main] {
			continue
		}
		seen[main] = true
		if ok, _ := site.Exists(ctx, fsys, main); !ok {
			continue
		}
		c, err := phpconf.LoadFPM(ctx, fsys, main, phpconf.FPMOptions{})
		if err != nil {
			f.Notes = append(f.Notes, fmt.Sprintf("PHP-FPM configuration %s not read: %v", main, err))
			continue
		}
		f.FPM = append(f.FPM, c)
		f.Pools = append(f.Pools, c.Pools...)
		if h, ok := f.PHPTarget(); ok && f.Pool == nil {
			if p := serverconf.MatchPool(h.Target, c.Pools); p != nil {
				f.Pool, f.PoolFPM = p, c
				f.loadIni(ctx, fsys, main)
			}
		}
	}
}

// loadIni reads the php.ini of the FPM whose main file is main
// (/etc/php/8.2/fpm/php-fpm.conf → /etc/php/8.2/fpm/php.ini and conf.d).
func (f *ServerFacts) loadIni(ctx context.Context, fsys site.FS, main string) {
	dir := path.Dir(main)
	for _, cand := range []string{path.Join(dir, "php.ini"), "/etc/php.ini"} {
		ini, err := phpconf.LoadIni(ctx, fsys, cand, []string{path.Join(dir, "conf.d"), "/etc/php.d"}, conf.Limits{})
		if err == nil {
			f.Ini = ini
			break
		}
	}
	f.PHP = phpconf.Effective(f.Ini, f.Pool)
	f.HasPHP = true
}

// Describe says in one line what was found, for the report.
func (f *ServerFacts) Describe() string {
	var parts []string
	switch {
	case f.Server != nil:
		parts = append(parts, "nginx server block at "+f.Server.Pos.String())
	case f.VHost != nil:
		parts = append(parts, "Apache virtual host at "+f.VHost.Pos.String())
	}
	if f.Pool != nil {
		parts = append(parts, "PHP-FPM pool "+f.Pool.Name)
	}
	if len(parts) == 0 {
		return "server configuration not found"
	}
	return strings.Join(parts, ", ")
}
