package fleet

import (
	"path"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/target"
)

// Site is one entry of the fleet.
type Site struct {
	Name   string        `json:"name"` // "@shop" or the inventory's name
	Target target.Target `json:"-"`
	URL    string        `json:"url,omitempty"`  // the site's URL (default: from its database)
	URLs   []string      `json:"urls,omitempty"` // more URLs to probe
	Tags   []string      `json:"tags,omitempty"`
	// Identities are private key files tried before the command line's.
	Identities []string `json:"-"`
	KnownHosts string   `json:"-"`
	Strategy   string   `json:"strategy,omitempty"` // auto, rename, db (bisect only)
	// Err says why the entry cannot be run (a bad alias); it is reported
	// with ExitUsage and never run.
	Err error `json:"-"`
}

// Display is the target as the fleet's output shows it.
func (s Site) Display() string { return s.Target.Short() }

// HostKey names the SSH connection the site is reached over: sites with
// the same key can share one. "" for a local site.
func (s Site) HostKey() string {
	t := s.Target
	if t.Local {
		return ""
	}
	return t.User + "@" + t.Host + ":" + strconv.Itoa(t.Port) + "|" + strings.Join(s.Identities, ",") + "|" + s.KnownHosts
}

// sameSiteKey is how the runner tells, before connecting, that two entries
// name the same install.
func (s Site) sameSiteKey() string {
	p := s.Target.Path
	if p != "" {
		p = path.Clean(p)
	}
	if s.Target.Local {
		return "local:" + p
	}
	port := s.Target.Port
	if port == 0 {
		port = 22
	}
	return "ssh:" + s.Target.User + "@" + strings.ToLower(s.Target.Host) + ":" + strconv.Itoa(port) + ":" + p
}
