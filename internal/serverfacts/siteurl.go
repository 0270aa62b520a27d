package serverfacts

import (
	"context"
	"fmt"
	"net"
	"path"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/nginx"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// SiteURL finds the site's URL without the database: from the nginx server
// block (of any running master) whose root is the document root — its
// first plain server_name, or else the address it listens on (or host,
// the machine's address as the caller reaches it, for a listen on every
// address), with https for an ssl listen. why says which block it was.
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
	return "", "", false
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
	scheme, def := "http", 80
	if l.SSL {
		scheme, def = "https", 443
	}
	hostport := name
	if strings.Contains(name, ":") && !strings.HasPrefix(name, "[") {
		hostport = "[" + name + "]"
	}
	if l.Port != def {
		hostport = net.JoinHostPort(strings.Trim(hostport, "[]"), strconv.Itoa(l.Port))
	}
	return scheme + "://" + hostport, true
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
