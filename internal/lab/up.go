package lab

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// packages are the Debian packages the lab needs. php must come in the same
// apt-get call as wordpress, or Apache comes along to satisfy its dependency.
var packages = []string{
	"mariadb-server", "mariadb-client", "nginx", "php8.2-fpm", "php8.2-cli", "php8.2-mysql",
	"php8.2-opcache", "php", "openssh-server", "openssh-client", "wordpress",
	"wordpress-theme-twentytwentythree", "wordpress-theme-twentytwentytwo", "rsync", "procps",
	"tmux",        // the TUI's end-to-end tests drive the real binary in it
	"apache2-bin", // the Apache site: the server and its modules, without Debian's service and config
}

// UpOptions configure Up.
type UpOptions struct {
	Dir string    // lab directory (default Dir())
	Src string    // the wpdoctor source tree (for testdata/lab)
	Log io.Writer // progress lines
	// Sites is how many fleet sites to have besides the lab's own (0..
	// MaxFleet); -1 keeps as many as the lab has (none at first).
	Sites int
}

type setup struct {
	dir   string
	src   string
	r     runner
	sec   secretSet
	fleet int // fleet sites
}

// specs are the sites this Up brings up.
func (s *setup) specs() []siteSpec { return specsWith(s.fleet) }

// Up installs what is missing and brings the lab up, idempotently: running
// it again on a running lab checks everything, resets every site to the
// healthy scenario and changes nothing else.
func Up(ctx context.Context, o UpOptions) (*Facts, error) {
	if o.Dir == "" {
		o.Dir = Dir()
	}
	if os.Geteuid() != 0 {
		return nil, fmt.Errorf("the lab needs root (it creates users and starts daemons)")
	}
	if _, err := os.Stat(filepath.Join(o.Src, "testdata", "lab", "plugins")); err != nil {
		return nil, fmt.Errorf("wpdoctor sources not found at %q: %w", o.Src, err)
	}
	start := time.Now()
	fleet, err := fleetCount(o.Dir, o.Sites)
	if err != nil {
		return nil, err
	}
	s := &setup{dir: o.Dir, src: o.Src, r: runner{log: o.Log}, fleet: fleet}
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"packages", s.packages},
		{"directories", s.directories},
		{"secrets", s.secrets},
		{"users", s.users},
		{"ssh keys", s.keys},
		{"mariadb", s.mariadb},
		{"sites", s.sites},
		{"php-fpm", s.fpm},
		{"apache", s.apache},
		{"nginx", s.nginx},
		{"sshd", s.sshd},
	}
	for _, st := range steps {
		t := time.Now()
		if err := st.fn(ctx); err != nil {
			return nil, fmt.Errorf("lab up: %s: %w", st.name, err)
		}
		s.r.logf("lab: %-12s ok (%s)", st.name, time.Since(t).Round(time.Millisecond))
	}
	facts, err := s.facts()
	if err != nil {
		return nil, err
	}
	if err := writeFacts(s.dir, facts); err != nil {
		return nil, err
	}
	if err := s.dropFleet(); err != nil {
		return nil, err
	}
	for _, site := range append(append(facts.Sites, facts.Fleet...), facts.Networks...) {
		if err := Apply(ctx, facts, site.Name, "healthy"); err != nil {
			return nil, fmt.Errorf("lab up: reset %s: %w", site.Name, err)
		}
	}
	t := time.Now()
	if err := warm(ctx, facts); err != nil {
		return nil, fmt.Errorf("lab up: %w", err)
	}
	s.r.logf("lab: %-12s ok (%s)", "first visits", time.Since(t).Round(time.Millisecond))
	s.r.logf("lab: up in %s; facts in %s", time.Since(start).Round(time.Millisecond), FactsPath(s.dir))
	return facts, nil
}

func (s *setup) packages(ctx context.Context) error {
	var missing []string
	for _, p := range packages {
		out, err := s.r.run(ctx, nil, "dpkg-query", "-W", "-f=${Status}", p)
		if err != nil || !strings.Contains(string(out), "install ok installed") {
			missing = append(missing, p)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	s.r.logf("lab: installing %s", strings.Join(missing, " "))
	if _, err := s.r.run(ctx, nil, "apt-get", "update", "-q"); err != nil {
		return err
	}
	args := []string{"DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "--no-install-recommends"}
	_, err := s.r.run(ctx, nil, "env", append(args, packages...)...)
	return err
}

func (s *setup) directories(ctx context.Context) error {
	for _, d := range []string{"", "run", "ssh", "ssh/authorized_keys", "keys", "mysql", "nginx/tmp", "assets", "/run/sshd"} {
		p := d
		if !filepath.IsAbs(d) {
			p = filepath.Join(s.dir, d)
		}
		if err := os.MkdirAll(p, 0o755); err != nil {
			return err
		}
		if err := os.Chmod(p, 0o755); err != nil {
			return err
		}
	}
	return os.Chmod(filepath.Join(s.dir, "keys"), 0o700)
}

func (s *setup) secrets(context.Context) error {
	sec, err := loadSecrets(s.dir)
	if err != nil {
		return err
	}
	s.sec = sec
	return nil
}

func (s *setup) users(ctx context.Context) error {
	type user struct{ name, home, shell string }
	users := []user{{jumpUser, filepath.Join(s.dir, "jump"), "/bin/bash"}}
	for _, sp := range s.specs() {
		shell := "/bin/bash"
		if !sp.shell {
			shell = "/usr/sbin/nologin"
		}
		users = append(users, user{sp.user, sp.home(s.dir), shell})
	}
	var chpasswd strings.Builder
	for _, u := range users {
		if _, err := s.r.run(ctx, nil, "id", "-u", u.name); err != nil {
			if _, err := s.r.run(ctx, nil, "useradd", "--home-dir", u.home, "--no-create-home", "--shell", u.shell, "--user-group", u.name); err != nil {
				return err
			}
		}
		if err := os.MkdirAll(u.home, 0o755); err != nil {
			return err
		}
		if err := s.r.chown(ctx, u.name+":"+u.name, false, u.home); err != nil {
			return err
		}
		if err := os.Chmod(u.home, 0o755); err != nil {
			return err
		}
		fmt.Fprintf(&chpasswd, "%s:%s\n", u.name, s.sec.sshPassword(u.name))
	}
	if err := s.sec.save(s.dir); err != nil {
		return err
	}
	_, err := s.r.run(ctx, []byte(chpasswd.String()), "chpasswd")
	return err
}
