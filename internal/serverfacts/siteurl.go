package serverfacts

import (
	"context"
	"fmt"
	"net"
	"path"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/apache"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/nginx"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// SiteURL finds the site's URL without the database: from the nginx server
// block (of any running master) whose root is the document root — its
// first plain server_name, or else the address it listens on (or host,
// the machine's address as the caller reaches it, for a listen on every
// address), with https for an ssl listen — or else from the Apache
// virtual host whose DocumentRoot it is. why says which block it was.
func SiteURL(ctx context.Context, fsys site.FS, sh site.Shell, docroot, host string) (u, why string, ok bool) {
	f := &ServerFacts{}
	f.readProcesses(ctx, sh)
	for _, m := range f.nginxMasters(ctx, fsys) {
		cfg, err := nginx.Load(ctx, fsys, m.main, nginx.Options{Prefix: m.prefix})
		if err != nil {
			continue
		}
		for _, s := range cfg.Servers() {
			if s.Root.Value == "" || path.Clean(s.Root.Value) != path.Clean(docroot) {
				continue
			}
			if u, ok := serverURL(s, host); ok {
				return u, fmt.Sprintf("the nginx server block at %s of %s (its root is the document root)", s.Pos, m.main), true
			}
		}
	}
	for _, m := range f.apacheMasters(ctx, fsys) {
		cfg, err := m.loadApache(ctx, fsys)
		if err != nil {
			continue
		}
		for _, v := range cfg.VirtualHosts {
			if v.DocumentRoot.Value == "" || path.Clean(v.DocumentRoot.Value) != path.Clean(docroot) {
				continue
			}
			if u, ok := vhostURL(v, host); ok {
				return u, fmt.Sprintf("the Apache virtual host at %s of %s (its DocumentRoot is the document root)", v.Pos, m.main), true
			}
		}
	}
	return "", "", false
}

// vhostURL builds the URL an Apache virtual host answers on: its
// ServerName, or the address of its <VirtualHost> line (host for a
// wildcard); https for port 443 (a virtual host's SSLEngine is not read).
func vhostURL(v *apache.VHost, host string) (string, bool) {
	ls := v.Listens()
	if len(ls) == 0 {
		return "", false
	}
	l := ls[0]
	name, _, err := net.SplitHostPort(v.ServerName.Value)
	if err != nil {
		name = v.ServerName.Value
	}
	if name == "" || strings.ContainsAny(name, "*?") {
		name = l.Addr
	}
	if name == "" {
		name = host
	}
	if name == "" {
		return "", false
	}
	return hostURL(name, l.Port, l.Port == 443), true
}

// serverURL builds the URL a server block answers on.
func serverURL(s *nginx.Server, host string) (string, bool) {
	var l *nginx.Listen
	for i := range s.Listen {
		if s.Listen[i].Unix == "" && s.Listen[i].Port > 0 {
			if l == nil || l.SSL && !s.Listen[i].SSL {
				l = &s.Listen[i]
			}
		}
	}
	if l == nil {
		return "", false
	}
	name := ""
	for _, n := range s.ServerNames {
		if n != "" && n != "_" && !strings.ContainsAny(n, "*~$") && !strings.HasPrefix(n, ".") {
			name = n
			break
		}
	}
	if name == "" {
		name = ListenHost(*l, host)
	}
	if name == "" {
		return "", false
	}
	return hostURL(name, l.Port, l.SSL), true
}

// hostURL is the URL of name on port, over TLS when ssl.
func hostURL(name string, port int, ssl bool) string {
	scheme, def := "http", 80
	if ssl {
		scheme, def = "https", 443
	}
	hostport := name
	if strings.Contains(name, ":") && !strings.HasPrefix(name, "[") {
		hostport = "[" + name + "]"
	}
	if port != def {
		hostport = net.JoinHostPort(strings.Trim(hostport, "[]"), strconv.Itoa(port))
	}
	return scheme + "://" + hostport
}

// ListenHost is the address a listen directive is reached at: its own, or
// host (the machine's address as the caller reaches it) for a listen on
// every address.
func ListenHost(l nginx.Listen, host string) string {
	switch l.Addr {
	case "", "*", "0.0.0.0", "::", "[::]":
		return host
	}
	return l.Addr
}
