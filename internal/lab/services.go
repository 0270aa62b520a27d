package lab

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

const fpmBinary = "/usr/sbin/php-fpm8.2"

func (s *setup) fpm(ctx context.Context) error {
	for _, sp := range s.specs() {
		f := sp.fact(s.dir, s.sec)
		conf := filepath.Join(sp.fpmDir(s.dir), "php-fpm.conf")
		changed, err := renderTemplateChanged("php-fpm.conf", conf, 0o644, f)
		if err != nil {
			return err
		}
		if _, err := s.r.run(ctx, nil, fpmBinary, "-t", "-y", conf); err != nil {
			return err
		}
		if changed {
			if err := stopPidFile(f.FPMPidFile, syscall.SIGQUIT, 10*time.Second); err != nil {
				return err
			}
		}
		if err := startFPM(ctx, &f); err != nil {
			return err
		}
	}
	return nil
}

// startFPM starts a site's PHP-FPM master unless it runs.
func startFPM(ctx context.Context, f *SiteFact) error {
	if _, alive := readPid(f.FPMPidFile); alive {
		return nil
	}
	conf := filepath.Join(filepath.Dir(f.FPMPidFile), "php-fpm.conf")
	if err := startDaemon(ctx, filepath.Join(filepath.Dir(f.FPMPidFile), "console.log"), false, fpmBinary, "-y", conf); err != nil {
		return err
	}
	return waitDial(ctx, "unix", f.FPMSocket, 10*time.Second)
}

// stopFPM stops a site's PHP-FPM master gracefully (it removes its socket).
func stopFPM(f *SiteFact) error {
	return stopPidFile(f.FPMPidFile, syscall.SIGQUIT, 10*time.Second)
}

// restartFPM restarts a site's PHP-FPM, which also empties opcache. (A
// SIGUSR2 reload keeps the socket open while it kills the workers, so a
// request right after it may still meet a dying worker.)
func restartFPM(ctx context.Context, f *SiteFact) error {
	if err := stopFPM(f); err != nil {
		return err
	}
	return startFPM(ctx, f)
}

func (s *setup) nginx(ctx context.Context) error {
	nd := filepath.Join(s.dir, "nginx")
	for _, d := range []string{"client", "proxy", "fastcgi", "uwsgi", "scgi"} {
		if err := os.MkdirAll(filepath.Join(nd, "tmp", d), 0o700); err != nil {
			return err
		}
	}
	if err := s.r.chown(ctx, "www-data:www-data", true, filepath.Join(nd, "tmp")); err != nil {
		return err
	}
	// Debian's fastcgi_params ends with "HTTP_HOST $host", which drops the
	// port: WordPress on a non-80 port would then redirect / to itself forever.
	params, err := os.ReadFile("/etc/nginx/fastcgi_params")
	if err != nil {
		return err
	}
	var kept []string
	for _, l := range strings.Split(string(params), "\n") {
		if !strings.Contains(l, "HTTP_HOST") {
			kept = append(kept, l)
		}
	}
	if _, err := writeIfChanged(filepath.Join(nd, "fastcgi_params"), []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		return err
	}
	var sites []SiteFact
	for _, sp := range s.specs() {
		sites = append(sites, sp.fact(s.dir, s.sec))
	}
	conf := filepath.Join(nd, "nginx.conf")
	changed, err := renderTemplateChanged("nginx.conf", conf, 0o644, map[string]any{"Dir": s.dir, "Sites": sites, "CDN": cdnAddr, "CDNBroken": cdnBrokenAddr})
	if err != nil {
		return err
	}
	if _, err := s.r.run(ctx, nil, "/usr/sbin/nginx", "-t", "-q", "-c", conf); err != nil {
		return err
	}
	if pid, alive := readPid(filepath.Join(nd, "nginx.pid")); alive {
		if changed {
			return syscall.Kill(pid, syscall.SIGHUP)
		}
		return nil
	}
	if err := startDaemon(ctx, filepath.Join(nd, "console.log"), false, "/usr/sbin/nginx", "-c", conf); err != nil {
		return err
	}
	for _, sp := range s.specs() {
		if sp.apache {
			continue
		}
		if err := waitDial(ctx, "tcp", fmt.Sprintf("127.0.0.1:%d", sp.port), 10*time.Second); err != nil {
			return err
		}
	}
	return nil
}

const apacheBinary = "/usr/sbin/apache2"

// apache runs the Apache sites: Debian's apache2 binary with the lab's own
// configuration (no envvars, no /etc/apache2), graceful-restarted when the
// configuration changed.
func (s *setup) apache(ctx context.Context) error {
	var sites []SiteFact
	for _, sp := range s.specs() {
		if sp.apache {
			sites = append(sites, sp.fact(s.dir, s.sec))
		}
	}
	ad := filepath.Join(s.dir, "apache")
	if err := os.MkdirAll(filepath.Join(ad, "run"), 0o755); err != nil {
		return err
	}
	conf := filepath.Join(ad, "apache2.conf")
	changed, err := renderTemplateChanged("apache2.conf", conf, 0o644, map[string]any{"Dir": s.dir, "Sites": sites})
	if err != nil {
		return err
	}
	if _, err := s.r.run(ctx, nil, apacheBinary, "-t", "-f", conf); err != nil {
		return err
	}
	if pid, alive := readPid(filepath.Join(ad, "apache2.pid")); alive {
		if changed {
			return syscall.Kill(pid, syscall.SIGUSR1) // graceful restart
		}
		return nil
	}
	if err := startDaemon(ctx, filepath.Join(ad, "console.log"), false, apacheBinary, "-f", conf, "-k", "start"); err != nil {
		return err
	}
	for _, site := range sites {
		if err := waitDial(ctx, "tcp", fmt.Sprintf("127.0.0.1:%d", site.Port), 10*time.Second); err != nil {
			return err
		}
	}
	return nil
}

func (s *setup) sshd(ctx context.Context) error {
	sd := filepath.Join(s.dir, "ssh")
	users := []string{jumpUser}
	var sftpOnly []string
	for _, sp := range s.specs() {
		users = append(users, sp.user)
		if !sp.shell {
			sftpOnly = append(sftpOnly, sp.user)
		}
	}
	for _, d := range []struct {
		name string
		port int
		keys []string
	}{
		{"sshd", sshPort, []string{"host_ed25519", "host_ecdsa"}},
		{"jump", jumpPort, []string{"jump_ed25519"}},
	} {
		conf := filepath.Join(sd, d.name+"_config")
		var hostKeys []string
		for _, k := range d.keys {
			hostKeys = append(hostKeys, filepath.Join(sd, k))
		}
		pidFile := filepath.Join(sd, d.name+".pid")
		changed, err := renderTemplateChanged("sshd_config", conf, 0o644, map[string]any{
			"Name": d.name, "Port": d.port, "HostKeys": hostKeys, "PidFile": pidFile, "Dir": s.dir,
			"AllowUsers": strings.Join(users, " "), "SFTPOnly": sftpOnly,
		})
		if err != nil {
			return err
		}
		if _, err := s.r.run(ctx, nil, "/usr/sbin/sshd", "-t", "-f", conf); err != nil {
			return err
		}
		if pid, alive := readPid(pidFile); alive {
			if changed {
				if err := syscall.Kill(pid, syscall.SIGHUP); err != nil {
					return err
				}
			}
			continue
		}
		if err := startDaemon(ctx, filepath.Join(sd, d.name+".console.log"), false, "/usr/sbin/sshd", "-f", conf, "-E", filepath.Join(sd, d.name+".log")); err != nil {
			return err
		}
		if err := waitDial(ctx, "tcp", fmt.Sprintf("127.0.0.1:%d", d.port), 10*time.Second); err != nil {
			return err
		}
	}
	return nil
}

func (s *setup) facts() (*Facts, error) {
	fp, err := s.hostKeyFingerprint(context.Background())
	if err != nil {
		return nil, err
	}
	f := &Facts{
		Dir: s.dir, SSHHost: "127.0.0.1", SSHPort: sshPort, JumpPort: jumpPort, JumpUser: jumpUser,
		KnownHosts: filepath.Join(s.dir, "keys", "known_hosts"), HostKeyFP: fp,
		Key:        filepath.Join(s.dir, "keys", "id_ed25519"),
		KeyPass:    filepath.Join(s.dir, "keys", "id_ed25519_pass"),
		Passphrase: s.sec.passphrase(),
		RSAKey:     filepath.Join(s.dir, "keys", "id_rsa"),
		MySQLPort:  mysqlPort, MySQLSock: mysqlSocket(s.dir), CDN: cdnAddr, CDNBroken: cdnBrokenAddr,
	}
	for _, sp := range s.specs() {
		switch {
		case sp.fleet:
			f.Fleet = append(f.Fleet, sp.fact(s.dir, s.sec))
			continue
		case sp.multisite():
			f.Networks = append(f.Networks, sp.fact(s.dir, s.sec))
			continue
		}
		f.Sites = append(f.Sites, sp.fact(s.dir, s.sec))
	}
	return f, nil
}
