package apache

import (
	"errors"
	"fmt"
	"net"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// ErrNoVHost is returned when no virtual host listens on the address.
var ErrNoVHost = errors.New("no virtual host for this address")

// VHostMatch is the virtual host Apache would choose, and why.
type VHostMatch struct {
	VHost *VHost
	// By is "ServerName", "ServerAlias" or "first virtual host" (the
	// default of the address).
	By string
}

// SelectVHost picks the virtual host that serves a request for host (a
// Host header; a port in it is ignored) arriving on local address ip:port,
// following Apache's name-based matching: the virtual hosts whose
// <VirtualHost> address is exactly ip:port (or ip with any port) if any,
// else those on a wildcard address (*:port, _default_:port, *); among
// them the first whose ServerName or a ServerAlias (with * and ?
// wildcards) matches host, else the first one. An empty ip (the address
// is not known) makes every virtual host on the port a candidate, the
// first wildcard one the default. It returns ErrNoVHost when no virtual host is on the port
// (requests then go to the main server).
func SelectVHost(vhosts []*VHost, host, ip string, port int) (VHostMatch, error) {
	var exact, wild, all []*VHost // all: in configuration order
	for _, v := range vhosts {
		switch addrKind(v.Addrs, ip, port) {
		case addrExact:
			exact = append(exact, v)
			all = append(all, v)
		case addrWildcard:
			wild = append(wild, v)
			all = append(all, v)
		}
	}
	// cands are matched by name; the first of defaults answers otherwise.
	cands, defaults := exact, exact
	switch {
	case ip == "":
		// The address the request arrives on is not known: every virtual
		// host on the port may answer; by name, else a wildcard one.
		cands, defaults = all, append(wild, exact...)
	case len(exact) == 0:
		cands, defaults = wild, wild
	}
	if len(cands) == 0 {
		return VHostMatch{}, fmt.Errorf("select virtual host for %s:%d: %w", ip, port, ErrNoVHost)
	}
	host = strings.ToLower(strings.TrimSuffix(hostOnly(host), "."))
	for _, v := range cands {
		if n := strings.ToLower(hostOnly(v.ServerName.Value)); n != "" && n == host {
			return VHostMatch{v, "ServerName"}, nil
		}
		for _, a := range v.ServerAliases {
			if ok, _ := path.Match(strings.ToLower(a), host); ok {
				return VHostMatch{v, "ServerAlias"}, nil
			}
		}
	}
	return VHostMatch{defaults[0], "first virtual host"}, nil
}

type addrMatch int

const (
	addrNone addrMatch = iota
	addrWildcard
	addrExact
)

// addrKind tells how a <VirtualHost> address list matches ip:port: the
// best of its addresses.
func addrKind(addrs []string, ip string, port int) addrMatch {
	best := addrNone
	for _, a := range addrs {
		h, p := splitVHostAddr(a)
		if p != "*" && p != "" && p != strconv.Itoa(port) {
			continue
		}
		switch {
		case h == "*" || h == "_default_":
			best = max(best, addrWildcard)
		case ip == "" || sameIP(h, ip):
			best = addrExact
		}
	}
	return best
}

// splitVHostAddr splits "127.0.0.1:80", "[::1]:443", "*:80", "*" or
// "example.com" into host and port ("" when none is given: any port).
func splitVHostAddr(a string) (host, port string) {
	if h, p, err := net.SplitHostPort(a); err == nil {
		return h, p
	}
	return strings.Trim(a, "[]"), ""
}

func sameIP(a, b string) bool {
	x, y := net.ParseIP(a), net.ParseIP(b)
	return x != nil && y != nil && x.Equal(y) || strings.EqualFold(a, b)
}

// hostOnly drops a port from a Host header or ServerName.
func hostOnly(h string) string {
	if hh, _, err := net.SplitHostPort(h); err == nil {
		return hh
	}
	return strings.Trim(h, "[]")
}

// Listen is an address a virtual host answers on, for building its URL.
type Listen struct {
	Addr string // "" for a wildcard
	Port int
}

// Listens lists the addresses of the virtual host's <VirtualHost> line
// that name a port.
func (v *VHost) Listens() []Listen {
	var out []Listen
	for _, a := range v.Addrs {
		h, p := splitVHostAddr(a)
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 {
			continue
		}
		if h == "*" || h == "_default_" {
			h = ""
		}
		out = append(out, Listen{Addr: h, Port: n})
	}
	return out
}

// PHPHandler is the FastCGI hand-off that serves index.php: the first
// handler whose pattern matches it (a SetHandler outside any
// <FilesMatch> serves everything), the virtual host's own before the
// global ones.
func (v *VHost) PHPHandler() *Handler {
	for i := range v.PHPHandlers {
		h := &v.PHPHandlers[i]
		if h.Match == "" || matchesPHP(h.Match) {
			return h
		}
	}
	return nil
}

// matchesPHP reports whether a <FilesMatch> or ProxyPassMatch pattern
// matches a request for /index.php.
func matchesPHP(pattern string) bool {
	p := strings.Trim(pattern, `"'`)
	re, err := regexp.Compile(p)
	if err != nil { // PCRE beyond RE2: a pattern naming php is taken to match
		return strings.Contains(p, "php")
	}
	return re.MatchString("index.php") || re.MatchString("/index.php")
}
