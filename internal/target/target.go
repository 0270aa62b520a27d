// Package target parses what a user names as the site to work on:
//
//	ssh://user@host:port/abs/path     an SSH URL
//	user@host:/path, host:path        scp style (host may be an ssh_config alias)
//	user@[::1]:/path                  scp style with an IPv6 address
//	/local/path, ./path, path         a local install (no SSH at all)
//
// The path may be empty (the install is then looked for from the login
// directory) and need not be the WordPress root: the caller searches for it.
package target

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Target is a parsed target.
type Target struct {
	Local bool   // a path on this machine
	User  string // may be empty (ssh_config or the local user decides)
	Host  string // host name, address or ssh_config alias; IPv6 without brackets
	Port  int    // 0: ssh_config or 22 decides
	Path  string // may be empty or relative (to the login directory)
}

// ErrBadTarget is returned for a target that cannot be understood.
var ErrBadTarget = errors.New("bad target")

// Parse parses a target string.
func Parse(s string) (Target, error) {
	if strings.TrimSpace(s) == "" {
		return Target{}, fmt.Errorf("%w: empty", ErrBadTarget)
	}
	if strings.HasPrefix(s, "ssh://") {
		return parseURL(s)
	}
	if strings.Contains(s, "://") {
		return Target{}, fmt.Errorf("%w: %q: only ssh:// URLs are supported", ErrBadTarget, s)
	}
	if isLocal(s) {
		return Target{Local: true, Path: s}, nil
	}
	return parseSCP(s)
}

// isLocal tells a local path from scp-style "host:path": a path that starts
// with / or ., or has no colon, or whose first colon follows a slash (as
// scp and rsync decide).
func isLocal(s string) bool {
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, ".") || strings.HasPrefix(s, "~") {
		return true
	}
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return true
	}
	slash := strings.IndexByte(s, '/')
	return slash >= 0 && slash < colon && !strings.Contains(s[:colon], "[")
}

func parseURL(s string) (Target, error) {
	u, err := url.Parse(s)
	if err != nil {
		return Target{}, fmt.Errorf("%w: %w", ErrBadTarget, err)
	}
	t := Target{Host: u.Hostname(), Path: u.Path}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			return Target{}, fmt.Errorf("%w: passwords do not belong in the target; use --password-env", ErrBadTarget)
		}
		t.User = u.User.Username()
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return Target{}, fmt.Errorf("%w: bad port %q", ErrBadTarget, p)
		}
		t.Port = n
	}
	if t.Host == "" {
		return Target{}, fmt.Errorf("%w: %q has no host", ErrBadTarget, s)
	}
	return t, nil
}

func parseSCP(s string) (Target, error) {
	var t Target
	rest := s
	if at := strings.LastIndexByte(hostPart(s), '@'); at >= 0 {
		t.User, rest = s[:at], s[at+1:]
		if t.User == "" {
			return Target{}, fmt.Errorf("%w: %q has an empty user", ErrBadTarget, s)
		}
	}
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 || end+1 >= len(rest) || rest[end+1] != ':' {
			return Target{}, fmt.Errorf("%w: %q: expected [address]:path", ErrBadTarget, s)
		}
		t.Host, t.Path = rest[1:end], rest[end+2:]
	} else {
		colon := strings.IndexByte(rest, ':')
		t.Host, t.Path = rest[:colon], rest[colon+1:]
	}
	if t.Host == "" {
		return Target{}, fmt.Errorf("%w: %q has no host", ErrBadTarget, s)
	}
	return t, nil
}

// hostPart is s up to the colon that ends the host (skipping an IPv6 bracket).
func hostPart(s string) string {
	if i := strings.Index(s, "["); i >= 0 {
		return s[:i]
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[:i]
	}
	return s
}

// String renders the target back, for messages and journal keys.
func (t Target) String() string {
	if t.Local {
		return t.Path
	}
	return "ssh://" + t.userHost() + t.Path
}

// Short renders the target as user@host[:port]:path (a local path as is),
// for tables.
func (t Target) Short() string {
	if t.Local {
		return t.Path
	}
	if t.Path == "" {
		return t.userHost()
	}
	return t.userHost() + ":" + t.Path
}

// userHost is [user@]host[:port], an IPv6 host in brackets.
func (t Target) userHost() string {
	host := t.Host
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if t.Port != 0 {
		host += ":" + strconv.Itoa(t.Port)
	}
	if t.User != "" {
		host = t.User + "@" + host
	}
	return host
}
