// Package remote reaches a server over one SSH connection, as an ordinary
// OpenSSH client would: ~/.ssh/config, ssh-agent, identity files, passwords,
// strict host-key checking, ProxyJump. On top of that connection it offers
// the site.FS (SFTP) and site.Shell (exec) of the server and dials its
// network and unix sockets (for MySQL).
package remote

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kevinburke/ssh_config"
)

// Endpoint is one SSH hop, fully resolved.
type Endpoint struct {
	Alias         string   // what the user typed as host
	Host          string   // HostName to dial
	Port          int      // 22 by default
	User          string   // login name
	IdentityFiles []string // from ssh_config, ~ expanded
	// IdentitiesOnly: use only IdentityFiles (and -i), not the agent's other keys.
	IdentitiesOnly bool
	KnownHosts     []string // UserKnownHostsFile from ssh_config, ~ expanded
	ProxyJump      []Endpoint
}

// Addr is host:port for dialing.
func (e Endpoint) Addr() string { return net.JoinHostPort(e.Host, strconv.Itoa(e.Port)) }

// Resolver reads an ssh_config file. A nil config means none was found.
type Resolver struct {
	cfg      *ssh_config.Config
	home     string
	username string // local user, the default login
}

// NewResolver reads the ssh_config at path ("" = ~/.ssh/config; a missing
// default file is fine, a missing explicit one is an error).
func NewResolver(path string) (*Resolver, error) {
	home, _ := os.UserHomeDir()
	r := &Resolver{home: home, username: localUser()}
	explicit := path != ""
	if !explicit {
		path = filepath.Join(home, ".ssh", "config")
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return r, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read ssh config: %w", err)
	}
	defer f.Close()
	cfg, err := ssh_config.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("parse ssh config %s: %w", path, err)
	}
	r.cfg = cfg
	return r, nil
}

// Resolve turns what the user named into an endpoint. user and port given
// explicitly (in the target) win over ssh_config.
func (r *Resolver) Resolve(alias, user string, port int) (Endpoint, error) {
	return r.resolve(alias, user, port, 0)
}

func (r *Resolver) resolve(alias, user string, port, depth int) (Endpoint, error) {
	if depth > 8 {
		return Endpoint{}, fmt.Errorf("ProxyJump chain too long at %q", alias)
	}
	e := Endpoint{Alias: alias, Host: alias, Port: 22, User: r.username}
	if v := r.get(alias, "HostName"); v != "" {
		e.Host = strings.ReplaceAll(v, "%h", alias)
	}
	if v := r.get(alias, "Port"); v != "" {
		p, err := strconv.Atoi(v)
		if err != nil || p < 1 || p > 65535 {
			return Endpoint{}, fmt.Errorf("ssh config: bad Port %q for %s", v, alias)
		}
		e.Port = p
	}
	if v := r.get(alias, "User"); v != "" {
		e.User = v
	}
	if user != "" {
		e.User = user
	}
	if port != 0 {
		e.Port = port
	}
	for _, id := range r.getAll(alias, "IdentityFile") {
		e.IdentityFiles = append(e.IdentityFiles, r.expand(id, e))
	}
	e.IdentitiesOnly = strings.EqualFold(r.get(alias, "IdentitiesOnly"), "yes")
	for _, kh := range strings.Fields(r.get(alias, "UserKnownHostsFile")) {
		e.KnownHosts = append(e.KnownHosts, r.expand(kh, e))
	}
	if pj := r.get(alias, "ProxyJump"); pj != "" && !strings.EqualFold(pj, "none") {
		for _, hop := range strings.Split(pj, ",") {
			hu, hh, hp, err := splitHop(strings.TrimSpace(hop))
			if err != nil {
				return Endpoint{}, fmt.Errorf("ssh config: ProxyJump for %s: %w", alias, err)
			}
			j, err := r.resolve(hh, hu, hp, depth+1)
			if err != nil {
				return Endpoint{}, err
			}
			e.ProxyJump = append(e.ProxyJump, j)
		}
	}
	return e, nil
}

// get returns a keyword's value for alias, "" when unset. Values that are
// only ssh_config's built-in defaults are not reported.
func (r *Resolver) get(alias, key string) string {
	if r.cfg == nil {
		return ""
	}
	v, err := r.cfg.Get(alias, key)
	if err != nil {
		return ""
	}
	return v
}

func (r *Resolver) getAll(alias, key string) []string {
	if r.cfg == nil {
		return nil
	}
	v, err := r.cfg.GetAll(alias, key)
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range v {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// expand does what OpenSSH does to file names: ~ and the common % tokens.
func (r *Resolver) expand(p string, e Endpoint) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		p = r.home + p[1:]
	}
	repl := strings.NewReplacer("%d", r.home, "%u", r.username, "%h", e.Host, "%r", e.User, "%p", strconv.Itoa(e.Port), "%%", "%")
	return repl.Replace(p)
}

// splitHop parses a ProxyJump hop: [user@]host[:port].
func splitHop(s string) (user, host string, port int, err error) {
	s = strings.TrimPrefix(s, "ssh://")
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		user, s = s[:at], s[at+1:]
	}
	host = s
	if h, p, e := net.SplitHostPort(s); e == nil {
		host = h
		if port, err = strconv.Atoi(p); err != nil {
			return "", "", 0, fmt.Errorf("bad port in %q", s)
		}
	}
	if host == "" {
		return "", "", 0, fmt.Errorf("empty host in %q", s)
	}
	return user, host, port, nil
}

func localUser() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "root"
}
