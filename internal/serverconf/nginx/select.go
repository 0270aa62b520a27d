package nginx

import (
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"
)

// ErrNoServer is returned when no server block listens on the requested
// port.
var ErrNoServer = errors.New("no server block for this address")

// ServerMatch is the server block nginx would choose, and why.
type ServerMatch struct {
	Server *Server
	// By is one of "exact name", "leading wildcard", "trailing wildcard",
	// "regex", "default_server", "first server".
	By string
}

// SelectServer picks the server block that serves a request for host
// (a Host header; a port in it is ignored) arriving on local address
// ip:port, following nginx: the servers listening on exactly ip:port if
// any, else those listening on the wildcard address; then, by
// server_name, an exact name, the longest leading wildcard ("*.a.com",
// ".a.com"), the longest trailing wildcard ("www.a.*"), the first
// matching regex ("~^..."), then the default_server of that address, or
// the first server listening on it. An empty ip matches every address.
// It returns ErrNoServer when nothing listens on the port.
func SelectServer(servers []*Server, host, ip string, port int) (ServerMatch, error) {
	cands, def := listeners(servers, ip, port)
	if len(cands) == 0 {
		return ServerMatch{}, fmt.Errorf("select server for %s:%d: %w", ip, port, ErrNoServer)
	}
	host = normalHost(host)
	for _, s := range cands {
		for _, n := range s.ServerNames {
			if !strings.ContainsAny(n, "*~") && !strings.HasPrefix(n, ".") && strings.ToLower(n) == host {
				return ServerMatch{s, "exact name"}, nil
			}
		}
	}
	if s := bestWildcard(cands, host, true); s != nil {
		return ServerMatch{s, "leading wildcard"}, nil
	}
	if s := bestWildcard(cands, host, false); s != nil {
		return ServerMatch{s, "trailing wildcard"}, nil
	}
	for _, s := range cands {
		for _, n := range s.ServerNames {
			if !strings.HasPrefix(n, "~") {
				continue
			}
			if re, err := regexp.Compile(n[1:]); err == nil && re.MatchString(host) {
				return ServerMatch{s, "regex"}, nil
			}
		}
	}
	if def != nil {
		return ServerMatch{def, "default_server"}, nil
	}
	return ServerMatch{cands[0], "first server"}, nil
}

func normalHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if hh, _, err := net.SplitHostPort(h); err == nil {
		h = hh
	}
	return strings.TrimSuffix(h, ".")
}

// listeners returns the servers bound to ip:port (exact address first,
// else wildcard) in configuration order, and the default_server.
func listeners(servers []*Server, ip string, port int) ([]*Server, *Server) {
	v6 := strings.Contains(ip, ":")
	var exact, wild []*Server
	var exactDef, wildDef *Server
	for _, s := range servers {
		for _, l := range s.Listen {
			if l.Unix != "" || l.Port != port {
				continue
			}
			isWild := l.Addr == "" && !v6 || l.Addr == "::" && v6
			isExact := ip != "" && addrIs(l.Addr, ip)
			if ip == "" {
				isExact, isWild = false, true
			}
			switch {
			case isExact:
				exact = appendOnce(exact, s)
				if l.DefaultServer && exactDef == nil {
					exactDef = s
				}
			case isWild:
				wild = appendOnce(wild, s)
				if l.DefaultServer && wildDef == nil {
					wildDef = s
				}
			}
		}
	}
	if len(exact) > 0 {
		return exact, exactDef
	}
	return wild, wildDef
}

func addrIs(listen, ip string) bool {
	if listen == "localhost" {
		return ip == "127.0.0.1" || ip == "::1"
	}
	a, b := net.ParseIP(listen), net.ParseIP(ip)
	if a != nil && b != nil {
		return a.Equal(b)
	}
	return listen == ip
}

func appendOnce(list []*Server, s *Server) []*Server {
	if len(list) > 0 && list[len(list)-1] == s {
		return list
	}
	return append(list, s)
}

// bestWildcard finds the server with the longest matching leading
// ("*.a.com", ".a.com") or trailing ("www.a.*") wildcard name.
func bestWildcard(cands []*Server, host string, leading bool) *Server {
	var best *Server
	bestLen := -1
	for _, s := range cands {
		for _, n := range s.ServerNames {
			n = strings.ToLower(n)
			ok := false
			switch {
			case leading && strings.HasPrefix(n, "*."):
				ok = strings.HasSuffix(host, n[1:])
			case leading && strings.HasPrefix(n, "."):
				ok = host == n[1:] || strings.HasSuffix(host, n)
			case !leading && strings.HasSuffix(n, ".*") && !strings.HasPrefix(n, "~"):
				ok = strings.HasPrefix(host, n[:len(n)-1])
			}
			if ok && len(n) > bestLen {
				best, bestLen = s, len(n)
			}
		}
	}
	return best
}

// LocationFor returns the location nginx would choose for a request URI
// (a query string is ignored), or nil when no location matches and the
// server level handles it. It follows ngx_http_core_find_location: an
// exact "=" match wins; otherwise the longest prefix is remembered and
// its nested locations searched; unless that prefix is "^~", the regex
// locations of the level are then tried in order and the first match
// wins (after its own nested locations are searched).
func (s *Server) LocationFor(uri string) *Location {
	if i := strings.IndexByte(uri, '?'); i >= 0 {
		uri = uri[:i]
	}
	var cur *Location
	findLocation(s.Locations, uri, &cur)
	return cur
}

type findRC int

const (
	rcDeclined findRC = iota
	rcAgain           // a prefix location matched; regexes may still win
	rcOK              // final
)

func findLocation(locs []*Location, uri string, cur **Location) findRC {
	rc := rcDeclined
	noregex := false
	var best *Location
	for _, l := range locs {
		switch l.Modifier {
		case "=":
			if l.Pattern == uri {
				*cur = l
				return rcOK
			}
		case "", "^~":
			if strings.HasPrefix(uri, l.Pattern) && (best == nil || len(l.Pattern) > len(best.Pattern)) {
				best = l
			}
		}
	}
	if best != nil {
		*cur = best
		noregex = best.Modifier == "^~"
		rc = rcAgain
		if findLocation(best.Nested, uri, cur) == rcOK {
			return rcOK
		}
	}
	if !noregex {
		for _, l := range locs {
			if l.IsRegex() && l.re != nil && l.re.MatchString(uri) {
				*cur = l
				findLocation(l.Nested, uri, cur)
				return rcOK
			}
		}
	}
	return rc
}

// Backend returns the location's fastcgi_pass backend, else its
// proxy_pass backend, else nil.
func (l *Location) Backend() *Backend {
	if l == nil {
		return nil
	}
	if l.FastCGI != nil {
		return l.FastCGI
	}
	return l.Proxy
}

// AllLocations returns the server's locations, nested ones after their
// parent, in configuration order.
func (s *Server) AllLocations() []*Location {
	var out []*Location
	var walk func([]*Location)
	walk = func(ls []*Location) {
		for _, l := range ls {
			out = append(out, l)
			walk(l.Nested)
		}
	}
	walk(s.Locations)
	return out
}
