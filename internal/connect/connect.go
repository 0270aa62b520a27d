// Package connect opens what wpdoctor needs of a target: its files, its
// shell (when the account has one), and a dialer that reaches its database
// — over one SSH connection, or on this machine for a local path.
package connect

import (
	"context"
	"fmt"
	"net"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/dbconn"
	"github.com/wpdoctor/wpdoctor/internal/remote"
	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/target"
)

// Options are the connection settings (from the CLI's flags).
type Options struct {
	SSHConfig        string
	KnownHosts       string
	AcceptNewHostKey bool
	ConfirmHost      func(host, fingerprint string) remote.HostAnswer
	Identities       []string
	Password         string
	Prompter         remote.Prompter
	NoAgent          bool
	ConnectTimeout   time.Duration
	CommandTimeout   time.Duration
}

// Conn is an open target.
type Conn struct {
	Target        target.Target
	FS            site.FS
	Shell         site.Shell
	NoShellReason string        // why Shell is site.NoShell, if it is
	Dialer        dbconn.Dialer // reaches the server's network and sockets
	Home          string        // the login (or working) directory
	SSH           *remote.Client
	sftp          *remote.SFTP
}

// Open connects to the target.
func Open(ctx context.Context, t target.Target, o Options) (*Conn, error) {
	if t.Local {
		return openLocal(t)
	}
	res, err := remote.NewResolver(o.SSHConfig)
	if err != nil {
		return nil, err
	}
	ep, err := res.Resolve(t.Host, t.User, t.Port)
	if err != nil {
		return nil, err
	}
	home, _ := os.UserHomeDir()
	ro := remote.Options{
		AcceptNewHostKey: o.AcceptNewHostKey,
		ConfirmHost:      o.ConfirmHost,
		DialTimeout:      o.ConnectTimeout,
		Auth: remote.AuthOptions{
			Identities: o.Identities, Password: o.Password, UseAgent: !o.NoAgent,
			Prompter: o.Prompter, Home: home,
		},
	}
	if o.KnownHosts != "" {
		ro.KnownHosts = []string{o.KnownHosts}
	}
	cl, err := remote.Dial(ctx, ep, ro)
	if err != nil {
		return nil, err
	}
	fsys, err := remote.NewSFTP(ctx, cl)
	if err != nil {
		cl.Close()
		return nil, fmt.Errorf("%s: %w (wpdoctor needs SFTP)", ep.Addr(), err)
	}
	wd, err := fsys.Getwd(ctx)
	if err != nil {
		wd = "/"
	}
	sh, why := remote.NewShell(ctx, cl, o.CommandTimeout)
	return &Conn{Target: t, FS: fsys, Shell: sh, NoShellReason: why, Dialer: cl, Home: wd, SSH: cl, sftp: fsys}, nil
}

func openLocal(t target.Target) (*Conn, error) {
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	return &Conn{Target: t, FS: site.LocalFS{}, Shell: site.LocalShell{}, Dialer: &net.Dialer{}, Home: filepath.ToSlash(wd)}, nil
}

// Abs makes a target path absolute against the login directory; "~/x" is
// relative to it too.
func (c *Conn) Abs(p string) string {
	switch {
	case p == "" || p == "~":
		return c.Home
	case len(p) > 1 && p[:2] == "~/":
		return path.Join(c.Home, p[2:])
	case path.IsAbs(p):
		return path.Clean(p)
	}
	return path.Join(c.Home, p)
}

// ID names the server and account independently of how the target was
// spelled (an ssh_config alias and its ssh:// URL give the same ID).
func (c *Conn) ID() string {
	if c.SSH == nil {
		host, _ := os.Hostname()
		return "local:" + host
	}
	ep := c.SSH.Endpoint()
	return "ssh://" + ep.User + "@" + ep.Addr()
}

// Close ends the connection.
func (c *Conn) Close() error {
	if c.sftp != nil {
		c.sftp.Close()
	}
	if c.SSH != nil {
		return c.SSH.Close()
	}
	return nil
}
