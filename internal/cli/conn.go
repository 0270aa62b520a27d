package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/wpdoctor/wpdoctor/internal/aliases"
	"github.com/wpdoctor/wpdoctor/internal/connect"
	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/remote"
	"github.com/wpdoctor/wpdoctor/internal/target"
)

// connectOptions turns the connection flags into connect.Options. The
// password comes from the environment variable the user named, or from a
// prompt on the terminal — never from a flag value.
func (c *ConnFlags) connectOptions(io IOStreams) (connect.Options, error) {
	o := connect.Options{
		SSHConfig: c.SSHConfig, KnownHosts: c.KnownHosts, AcceptNewHostKey: c.AcceptNewHostKey,
		Identities: c.Identity, ConnectTimeout: c.ConnectTimeout, CommandTimeout: c.CommandTimeout,
	}
	if c.PasswordEnv != "" {
		pw, ok := os.LookupEnv(c.PasswordEnv)
		if !ok {
			return o, usageError{fmt.Errorf("--password-env %s: that environment variable is not set", c.PasswordEnv)}
		}
		o.Password = pw
	}
	if io.StdinTTY {
		o.Prompter = ttyPrompter{io}
	}
	return o, nil
}

// ttyPrompter asks for secrets on the terminal, without echo.
type ttyPrompter struct{ io IOStreams }

func (p ttyPrompter) Secret(prompt string) (string, error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		return "", fmt.Errorf("no terminal to ask on: %w", err)
	}
	defer tty.Close()
	fmt.Fprint(tty, prompt)
	b, err := term.ReadPassword(int(tty.Fd()))
	fmt.Fprintln(tty)
	return string(b), err
}

// aliasEnv is where WP-CLI alias files are looked for (a seam for tests).
var aliasEnv = aliases.SystemEnv

// parseTarget parses a target, or resolves "@name" through the WP-CLI
// alias files (wp-cli.yml, ~/.wp-cli/config.yml). The alias is returned
// too (zero for a plain target): its key: is an identity, its url: the
// site URL.
func parseTarget(raw string) (target.Target, aliases.Alias, error) {
	if !strings.HasPrefix(raw, "@") {
		t, err := target.Parse(raw)
		if err != nil {
			return t, aliases.Alias{}, usageError{err}
		}
		return t, aliases.Alias{}, nil
	}
	set, err := aliases.Load(aliasEnv())
	if err != nil {
		return target.Target{}, aliases.Alias{}, usageError{err}
	}
	a, err := set.Lookup(raw)
	if err != nil {
		return target.Target{}, a, usageError{err}
	}
	return a.Target, a, nil
}

// openTarget parses and connects to a target.
func openTarget(ctx context.Context, io IOStreams, flags *ConnFlags, raw string) (*connect.Conn, target.Target, error) {
	t, a, err := parseTarget(raw)
	if err != nil {
		return nil, t, err
	}
	o, err := flags.connectOptions(io)
	if err != nil {
		return nil, t, err
	}
	if a.Key != "" {
		o.Identities = append([]string{a.Key}, o.Identities...)
	}
	conn, err := connect.Open(ctx, t, o)
	return conn, t, err
}

// openSite connects to a target and opens the WordPress install there; the
// returned func closes both.
func openSite(ctx context.Context, io IOStreams, flags *ConnFlags, raw string) (*doctor.Site, func(), error) {
	conn, _, err := openTarget(ctx, io, flags, raw)
	if err != nil {
		return nil, nil, err
	}
	s, err := doctor.OpenSite(ctx, access(conn), conn.Abs(conn.Target.Path), dbTimeout)
	if err != nil {
		conn.Close()
		return nil, nil, err
	}
	return s, func() { s.Close(); conn.Close() }, nil
}

// access is what the engine needs of a connection.
func access(conn *connect.Conn) doctor.Access {
	return doctor.Access{ID: conn.ID(), Target: conn.Target.String(), FS: conn.FS, Shell: conn.Shell,
		NoShell: conn.NoShellReason, Dialer: conn.Dialer, Home: conn.Home}
}

var _ remote.Prompter = ttyPrompter{}
