package tui

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/list"
)

// SiteSources are where the picker finds sites.
type SiteSources struct {
	SSHConfig string   // ~/.ssh/config: its Host entries
	WPCLI     []string // wp-cli.yml, ~/.wp-cli/config.yml: their @aliases
	StateDir  string   // recent targets (no secrets)
}

// Site is one entry of the picker.
type Site struct {
	Target    string
	From      string // "recent", "ssh config", "wp-cli alias @x"
	NeedsPath bool   // an SSH host: the path is still to be typed
}

// Load reads every source; a missing or unreadable file adds nothing.
func (s SiteSources) Load() []Site {
	var out []Site
	seen := map[string]bool{}
	add := func(st Site) {
		if !seen[st.Target] {
			seen[st.Target] = true
			out = append(out, st)
		}
	}
	for _, t := range Recent(s.StateDir) {
		add(Site{Target: t, From: "recent"})
	}
	for _, f := range s.WPCLI {
		for _, st := range wpcliAliases(f) {
			add(st)
		}
	}
	for _, h := range sshHosts(s.SSHConfig) {
		add(Site{Target: h + ":", From: "ssh config", NeedsPath: true})
	}
	return out
}

// sshHosts lists the Host names of an ssh_config, without patterns.
func sshHosts(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var hosts []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(strings.ReplaceAll(sc.Text(), "=", " "))
		if len(fields) < 2 || !strings.EqualFold(fields[0], "host") {
			continue
		}
		for _, h := range fields[1:] {
			if !strings.ContainsAny(h, "*?!") {
				hosts = append(hosts, h)
			}
		}
	}
	return hosts
}

// wpcliAliases reads the @alias: / ssh: pairs of a WP-CLI config file (the
// simple form: one alias per top-level key with an ssh field).
func wpcliAliases(path string) []Site {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []Site
	alias := ""
	for _, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if line != "" && line[0] != ' ' && line[0] != '\t' {
			alias = ""
			if strings.HasPrefix(t, "@") && strings.HasSuffix(t, ":") {
				alias = strings.TrimSuffix(t, ":")
			}
			continue
		}
		if v, ok := strings.CutPrefix(t, "ssh:"); ok && alias != "" {
			if tg := aliasTarget(strings.Trim(strings.TrimSpace(v), `"'`)); tg != "" {
				out = append(out, Site{Target: tg, From: "wp-cli alias " + alias})
			}
		}
	}
	return out
}

// aliasTarget turns WP-CLI's [scheme:][user@]host[:port][/path] into a
// wpdoctor target.
func aliasTarget(v string) string {
	v = strings.TrimPrefix(v, "ssh:")
	if strings.Contains(v, ":") && strings.HasPrefix(v, "docker") {
		return ""
	}
	hostPart, path := v, ""
	if i := strings.IndexAny(v, "/~"); i >= 0 {
		hostPart, path = v[:i], v[i:]
	}
	if path == "" {
		return ""
	}
	if h, port, ok := strings.Cut(hostPart, ":"); ok {
		return "ssh://" + h + ":" + port + "/" + strings.TrimPrefix(path, "/")
	}
	return hostPart + ":" + path
}

const recentFile = "recent-targets.json"

// Recent lists the targets opened lately, newest first.
func Recent(stateDir string) []string {
	if stateDir == "" {
		return nil
	}
	data, err := os.ReadFile(filepath.Join(stateDir, recentFile))
	if err != nil {
		return nil
	}
	var ts []string
	if json.Unmarshal(data, &ts) != nil {
		return nil
	}
	return ts
}

// Remember puts target first in the recent list (at most 20). Targets carry
// no secrets: a password is never part of one.
func Remember(stateDir, target string) error {
	ts := slices.DeleteFunc(Recent(stateDir), func(s string) bool { return s == target })
	ts = append([]string{target}, ts...)
	if len(ts) > 20 {
		ts = ts[:20]
	}
	data, err := json.Marshal(ts)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(stateDir, recentFile), data, 0o600)
}

// siteItem is a Site in the picker's list.
type siteItem Site

func (s siteItem) Title() string       { return clean(s.Target) }
func (s siteItem) Description() string { return s.From }
func (s siteItem) FilterValue() string { return s.Target + " " + s.From }

func siteItems(sites []Site) []list.Item {
	items := make([]list.Item, len(sites))
	for i, s := range sites {
		items[i] = siteItem(s)
	}
	return items
}

func newSiteList(w, h int) list.Model {
	d := list.NewDefaultDelegate()
	l := list.New(nil, d, w, h)
	l.Title = "Sites (enter: connect, t: type a target)"
	l.SetShowHelp(false)
	l.SetShowStatusBar(false)
	l.DisableQuitKeybindings()
	l.SetStatusBarItemName("site", "sites")
	return l
}
