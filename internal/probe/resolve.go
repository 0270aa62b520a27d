package probe

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// ErrBadResolve is wrapped by the error New returns for a Resolve entry it
// cannot parse.
var ErrBadResolve = errors.New("bad resolve entry")

// ResolveEntry is one parsed --resolve override.
type ResolveEntry struct {
	Host  string   // lower-case host name, or an IP literal without brackets
	Port  int      // 1–65535
	Addrs []string // IP literals, tried in order
}

// String formats the entry back in curl's syntax.
func (e ResolveEntry) String() string {
	addrs := make([]string, len(e.Addrs))
	for i, a := range e.Addrs {
		addrs[i] = bracket(a)
	}
	return bracket(e.Host) + ":" + strconv.Itoa(e.Port) + ":" + strings.Join(addrs, ",")
}

// ParseResolve parses curl's --resolve syntax "host:port:addr[,addr...]".
// IPv6 hosts and addresses are written in brackets ("[::1]").
func ParseResolve(s string) (ResolveEntry, error) {
	bad := func(why string) (ResolveEntry, error) {
		return ResolveEntry{}, fmt.Errorf("parse resolve %q: %w: %s", s, ErrBadResolve, why)
	}
	host, rest, ok := cutHost(s)
	if !ok || host == "" {
		return bad("want host:port:addr")
	}
	portStr, addrList, ok := strings.Cut(rest, ":")
	if !ok {
		return bad("want host:port:addr")
	}
	port, err := strconv.Atoi(portStr)
	if err != nil || port < 1 || port > 65535 {
		return bad("port must be 1–65535")
	}
	e := ResolveEntry{Host: strings.ToLower(host), Port: port}
	for _, a := range strings.Split(addrList, ",") {
		a = strings.TrimSuffix(strings.TrimPrefix(a, "["), "]")
		ip, err := netip.ParseAddr(a)
		if err != nil || ip.Zone() != "" {
			return bad("address " + strconv.Quote(a) + " is not an IP literal")
		}
		e.Addrs = append(e.Addrs, ip.String())
	}
	return e, nil
}

// cutHost splits "host:rest" or "[v6]:rest".
func cutHost(s string) (host, rest string, ok bool) {
	if strings.HasPrefix(s, "[") {
		end := strings.Index(s, "]:")
		if end < 0 {
			return "", "", false
		}
		return s[1:end], s[end+2:], true
	}
	return strings.Cut(s, ":")
}

func bracket(h string) string {
	if strings.Contains(h, ":") {
		return "[" + h + "]"
	}
	return h
}

// ConnectTo is one curl-style --connect-to override: requests for From
// ("host:port", as in the URL) connect to To ("addr:port") instead.
type ConnectTo struct {
	From, To string
}

// dialer wraps base so that dials to an overridden host:port go to the
// override's addresses instead. The address the transport asks for keeps
// the URL's host, so Host and SNI are untouched.
type dialer struct {
	base      func(ctx context.Context, network, addr string) (net.Conn, error)
	overrides map[string]ResolveEntry // key: "host:port", host lower-case
	connect   map[string]string       // key: "host:port", host lower-case
}

func newDialer(base func(context.Context, string, string) (net.Conn, error), entries []string, connect []ConnectTo) (*dialer, error) {
	d := &dialer{base: base, overrides: make(map[string]ResolveEntry, len(entries)), connect: map[string]string{}}
	for _, c := range connect {
		host, port, err := net.SplitHostPort(c.From)
		if err != nil {
			return nil, fmt.Errorf("connect-to %q: %w", c.From, err)
		}
		if _, _, err := net.SplitHostPort(c.To); err != nil {
			return nil, fmt.Errorf("connect-to %q: %w", c.To, err)
		}
		d.connect[net.JoinHostPort(strings.ToLower(host), port)] = c.To
	}
	for _, s := range entries {
		e, err := ParseResolve(s)
		if err != nil {
			return nil, err
		}
		d.overrides[net.JoinHostPort(e.Host, strconv.Itoa(e.Port))] = e
	}
	return d, nil
}

func (d *dialer) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return d.base(ctx, network, addr)
	}
	key := net.JoinHostPort(strings.ToLower(host), port)
	if to, ok := d.connect[key]; ok {
		c, err := d.base(ctx, network, to)
		if err != nil {
			return nil, fmt.Errorf("dial %s via connect-to %s: %w", addr, to, err)
		}
		return c, nil
	}
	e, ok := d.overrides[key]
	if !ok {
		return d.base(ctx, network, addr)
	}
	var errs []error
	for _, a := range e.Addrs {
		c, err := d.base(ctx, network, net.JoinHostPort(a, port))
		if err == nil {
			return c, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	return nil, fmt.Errorf("dial %s via resolve override %s: %w", addr, e, errors.Join(errs...))
}
