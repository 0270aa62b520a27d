// Package lab brings up and drives the wpdoctor lab: a real WordPress stack
// (MariaDB, nginx, PHP-FPM 8.2, OpenSSH and Debian's wordpress package) on
// 127.0.0.1, with several sites that differ the way real hosts differ, and
// scenarios that break them the ways that really produce 5xx answers.
//
// Everything runs as root on Debian 12 and lives under one directory
// (default /srv/wplab); the system's own daemons and configs are never
// touched. Integration tests read the facts file the lab writes.
package lab

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// DefaultDir is where the lab lives unless WPLAB_DIR says otherwise.
const DefaultDir = "/srv/wplab"

// Dir returns the lab directory.
func Dir() string {
	if d := os.Getenv("WPLAB_DIR"); d != "" {
		return d
	}
	return DefaultDir
}

// Facts are what tests need to know to use the lab. Written to lab.json
// (mode 0600: it holds the lab's throwaway passwords).
type Facts struct {
	Dir        string `json:"dir"`
	SSHHost    string `json:"ssh_host"`
	SSHPort    int    `json:"ssh_port"`
	JumpPort   int    `json:"jump_port"`
	JumpUser   string `json:"jump_user"`
	KnownHosts string `json:"known_hosts"`  // known_hosts with both lab sshds
	HostKeyFP  string `json:"host_key_fp"`  // SHA256 fingerprint of the sshd host key
	Key        string `json:"key"`          // unencrypted ed25519 private key, authorised for every lab user
	KeyPass    string `json:"key_pass"`     // passphrase-protected ed25519 private key
	Passphrase string `json:"passphrase"`   // of KeyPass
	RSAKey     string `json:"rsa_key"`      // an RSA private key, authorised too
	MySQLPort  int    `json:"mysql_port"`   // TCP port on 127.0.0.1
	MySQLSock  string `json:"mysql_socket"` // unix socket path
	// CDN and CDNBroken are the addresses of the CDN stand-ins in front
	// of every site, on the site's port: pass --resolve 127.0.0.1:PORT:CDN
	// to reach a site through one. CDNBroken's link to the origin is down.
	CDN       string     `json:"cdn"`
	CDNBroken string     `json:"cdn_broken"`
	Sites     []SiteFact `json:"sites"`
	// Fleet are the small sites `wplab up --sites N` adds (fleet01...),
	// all of one account, for fleet mode's tests and benchmarks; not in
	// Sites, so the tests that go through every site leave them alone.
	Fleet []SiteFact `json:"fleet,omitempty"`
	// Networks are the multisite networks (site5: a subdirectory network
	// with sub-sites), not in Sites either.
	Networks []SiteFact `json:"networks,omitempty"`
}

// SiteFact describes one lab site.
type SiteFact struct {
	Name       string `json:"name"`
	User       string `json:"user"`
	Password   string `json:"password"` // SSH password of User
	Shell      bool   `json:"shell"`    // false: SFTP only
	URL        string `json:"url"`
	Port       int    `json:"port"`
	Home       string `json:"home"`
	Root       string `json:"root"`        // WordPress root (ABSPATH)
	Config     string `json:"config"`      // path of wp-config.php
	ContentDir string `json:"content_dir"` // WP_CONTENT_DIR
	Prefix     string `json:"prefix"`
	DBName     string `json:"db_name"`
	DBUser     string `json:"db_user"`
	DBPassword string `json:"db_password"`
	DBHost     string `json:"db_host"` // as written in wp-config.php
	// Server is the web server in front of PHP-FPM: "nginx" or "apache".
	Server      string `json:"server"`
	NginxError  string `json:"nginx_error_log,omitempty"`
	NginxAcc    string `json:"nginx_access_log,omitempty"`
	ApacheError string `json:"apache_error_log,omitempty"`
	ApacheAcc   string `json:"apache_access_log,omitempty"`
	FPMLog      string `json:"fpm_log"`
	SlowLog     string `json:"fpm_slowlog"`
	PHPError    string `json:"php_error_log"` // empty: PHP errors go to FastCGI stderr (nginx's error log)
	FPMSocket   string `json:"fpm_socket"`
	FPMPidFile  string `json:"fpm_pid_file"`
	// FPMEnv are the pool's env[NAME] settings (secret values: the file is 0600).
	FPMEnv map[string]string `json:"fpm_env,omitempty"`
	// OnDemand: the pool starts workers on demand (pm = ondemand).
	OnDemand bool `json:"fpm_ondemand,omitempty"`
	// SubSites are a multisite network's sites besides the main one.
	SubSites []SubSiteFact `json:"sub_sites,omitempty"`
}

// SubSiteFact is one sub-site of a lab network.
type SubSiteFact struct {
	ID     int64  `json:"id"`     // blog_id
	Path   string `json:"path"`   // "/s2/"
	URL    string `json:"url"`    // its front page
	Prefix string `json:"prefix"` // its tables' prefix
}

// ErrNoLab means the lab is not up on this machine.
var ErrNoLab = errors.New("the lab is not up (run: make lab-up)")

// FactsPath is the facts file of the lab in dir.
func FactsPath(dir string) string { return filepath.Join(dir, "lab.json") }

// LoadFacts reads the facts of the lab in Dir().
func LoadFacts() (*Facts, error) {
	b, err := os.ReadFile(FactsPath(Dir()))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNoLab
	}
	if err != nil {
		return nil, fmt.Errorf("read lab facts: %w", err)
	}
	var f Facts
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("read lab facts: %w", err)
	}
	return &f, nil
}

// Site returns the named site's facts.
func (f *Facts) Site(name string) (*SiteFact, error) {
	for i := range f.Sites {
		if f.Sites[i].Name == name {
			return &f.Sites[i], nil
		}
	}
	for _, list := range [][]SiteFact{f.Fleet, f.Networks} {
		for i := range list {
			if list[i].Name == name {
				return &list[i], nil
			}
		}
	}
	return nil, fmt.Errorf("lab has no site %q", name)
}

func writeFacts(dir string, f *Facts) error {
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(FactsPath(dir), append(b, '\n'), 0o600)
}
