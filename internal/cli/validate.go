package cli

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/crypto/ssh"

	"github.com/wpdoctor/wpdoctor/internal/probe"
	"github.com/wpdoctor/wpdoctor/internal/remote"
	"github.com/wpdoctor/wpdoctor/internal/report"
	"github.com/wpdoctor/wpdoctor/internal/target"
)

// This file holds the checks a command runs on its flags before it
// connects to anything: every mistake the command line can be seen to hold
// is a usage error (exit 2), reported before a site is touched.

// validate checks the connection flags: the files they name exist and are
// what they claim to be, and no timeout is negative.
func (c *ConnFlags) validate() error {
	for _, f := range c.Identity {
		if err := checkIdentity(f); err != nil {
			return usageError{err}
		}
	}
	if c.KnownHosts != "" {
		if err := checkKnownHosts(c.KnownHosts); err != nil {
			return usageError{err}
		}
	}
	if c.SSHConfig != "" {
		if err := checkReadableFile(c.SSHConfig); err != nil {
			return usageError{fmt.Errorf("--ssh-config %s: %w", c.SSHConfig, err)}
		}
	}
	if c.ConnectTimeout < 0 {
		return usageError{fmt.Errorf("--connect-timeout must not be negative, not %s", c.ConnectTimeout)}
	}
	if c.CommandTimeout < 0 {
		return usageError{fmt.Errorf("--command-timeout must not be negative, not %s", c.CommandTimeout)}
	}
	return nil
}

// checkIdentity says whether f is a readable private key. A key protected
// by a passphrase is fine (it is asked for when used).
func checkIdentity(f string) error {
	if err := checkReadableFile(f); err != nil {
		return fmt.Errorf("-i %s: %w", f, err)
	}
	b, err := os.ReadFile(f)
	if err != nil {
		return fmt.Errorf("-i %s: %w", f, err)
	}
	if _, err := ssh.ParseRawPrivateKey(b); err != nil {
		var pm *ssh.PassphraseMissingError
		if !errors.As(err, &pm) {
			return fmt.Errorf("-i %s: not a private key file (%w)", f, err)
		}
	}
	return nil
}

// checkKnownHosts says whether f can serve as a known_hosts file: when it
// exists it must be readable and every line must parse. A file that does
// not exist yet counts as empty (every host is then unknown, or recorded
// there with --accept-new-host-key), as ssh does.
func checkKnownHosts(f string) error {
	st, err := os.Stat(f)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("--known-hosts %s: %w", f, err)
	case !st.Mode().IsRegular():
		return fmt.Errorf("--known-hosts %s: not a regular file", f)
	}
	if err := checkReadableFile(f); err != nil {
		return fmt.Errorf("--known-hosts %s: %w", f, err)
	}
	if _, err := remote.NewHostKeys([]string{f}, false); err != nil {
		return fmt.Errorf("--known-hosts %s: not a known_hosts file: %w", f, err)
	}
	return nil
}

// checkReadableFile says whether f is a regular file this process can read.
func checkReadableFile(f string) error {
	st, err := os.Stat(f)
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	fh, err := os.Open(f)
	if err != nil {
		return err
	}
	return fh.Close()
}

// checkSiteURL says whether s is an absolute http(s) URL with a host, the
// only kind a probe can send a request to.
func checkSiteURL(flag, s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return usageError{fmt.Errorf("%s %q: %w", flag, s, err)}
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Hostname() == "" {
		return usageError{fmt.Errorf("%s %q: want an absolute http:// or https:// URL with a host name (such as https://%s)", flag, s, strings.TrimPrefix(s, "//"))}
	}
	return nil
}

// checkProbeFlags checks the connection and probe flags diagnose and tui
// share, before anything is connected to.
// siteFlag registers --site, a multisite network's site by blog ID.
func siteFlag(f *pflag.FlagSet, site *int64) {
	f.Int64Var(site, "site", 0, "on a multisite network, diagnose the site with this blog `ID` (default: the one --site-url belongs to, else the first that fails, the main site first)")
}

// checkSite refuses a --site that cannot be a blog ID.
func checkSite(site int64) error {
	if site < 0 {
		return usageError{fmt.Errorf("--site must be a site's blog ID (1 or more), not %d", site)}
	}
	return nil
}

func checkProbeFlags(conn *ConnFlags, siteURL string, urls, resolve []string, timeout time.Duration) error {
	if err := conn.validate(); err != nil {
		return err
	}
	if siteURL != "" {
		if err := checkSiteURL("--site-url", siteURL); err != nil {
			return err
		}
	}
	for _, u := range urls {
		if err := checkSiteURL("--url", u); err != nil {
			return err
		}
	}
	for _, r := range resolve {
		if _, err := probe.ParseResolve(r); err != nil {
			return usageError{fmt.Errorf("--resolve: %w", err)}
		}
	}
	if timeout < 0 {
		return usageError{fmt.Errorf("--probe-timeout must not be negative, not %s", timeout)}
	}
	return nil
}

// validate checks the diagnose flags before anything is connected to.
func (o *DiagnoseOptions) validate() error {
	if err := checkProbeFlags(&o.Conn, o.SiteURL, o.URLs, o.Resolve, o.ProbeTimeout); err != nil {
		return err
	}
	if o.Report != "" {
		t, err := target.Parse(o.Target)
		if err != nil {
			return usageError{err}
		}
		var root string
		if t.Local {
			root = t.Path
		}
		if err := checkReportPath(o.Report, root); err != nil {
			return usageError{err}
		}
	}
	return nil
}

// checkReportPath says whether a report may be written to name: a .md or
// .html name, in a directory that exists and is writable, not a directory
// itself, and — when root (a local WordPress root, or the local target
// path) is set — not inside root, so that no site file is ever replaced.
func checkReportPath(name, root string) error {
	if err := report.CheckName(name); err != nil {
		return err
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return fmt.Errorf("--report %s: %w", name, err)
	}
	dir := filepath.Dir(abs)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return fmt.Errorf("--report %s: directory %s: %w", name, dir, err)
	case !st.IsDir():
		return fmt.Errorf("--report %s: %s is not a directory", name, dir)
	}
	if err := syscall.Access(dir, 2 /* W_OK */); err != nil {
		return fmt.Errorf("--report %s: directory %s is not writable: %w", name, dir, err)
	}
	if st, err := os.Stat(abs); err == nil && st.IsDir() {
		return fmt.Errorf("--report %s: is a directory", name)
	}
	if root == "" {
		return nil
	}
	if within(dir, root) {
		return fmt.Errorf("--report %s: inside the site's WordPress files (%s); write the report somewhere else", name, root)
	}
	return nil
}

// within says whether dir is root or below it, comparing the real paths
// (symbolic links resolved) where they exist.
func within(dir, root string) bool {
	real := func(p string) string {
		if strings.HasPrefix(p, "~/") {
			if home, err := os.UserHomeDir(); err == nil {
				p = filepath.Join(home, p[2:])
			}
		}
		if a, err := filepath.Abs(p); err == nil {
			p = a
		}
		if r, err := filepath.EvalSymlinks(p); err == nil {
			p = r
		}
		return filepath.Clean(p)
	}
	d, r := real(dir), real(root)
	return d == r || strings.HasPrefix(d, r+string(filepath.Separator))
}
