package inventory

import (
	"fmt"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/phpser"
)

// SetActive records which plugins are active: active is the active_plugins
// option (a list of plugin files), sitewide the plugin files that are the
// keys of active_sitewide_plugins on multisite (nil otherwise). It marks
// Plugins, lists the entries that are not installed plugins in
// MissingActive and MissingNetworkActive (in option order, without
// repeats), and re-decides which drop-ins are orphaned. It may be called
// again; each call replaces the previous state.
func (inv *Inventory) SetActive(active, sitewide []string) {
	on, net := set(active), set(sitewide)
	installed := map[string]bool{}
	for i := range inv.Plugins {
		p := &inv.Plugins[i]
		p.Active, p.NetworkActive = on[p.File], net[p.File]
		installed[p.File] = true
	}
	inv.MissingActive = missing(active, installed)
	inv.MissingNetworkActive = missing(sitewide, installed)
	inv.ActiveKnown = true
	inv.resolveOwners()
	inv.normalize()
}

func set(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[s] = true
	}
	return m
}

func missing(list []string, installed map[string]bool) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, f := range list {
		if !installed[f] && !seen[f] {
			out = append(out, f)
		}
		seen[f] = true
	}
	return out
}

// ParseActivePlugins decodes the raw active_plugins option value: a
// serialized array of plugin files. An empty value is an empty list, as
// WordPress treats a missing option. Anything else is an error (wrapping
// phpser.ErrSyntax or phpser.ErrType).
func ParseActivePlugins(raw []byte) ([]string, error) {
	if strings.TrimSpace(string(raw)) == "" {
		return []string{}, nil
	}
	v, err := phpser.Unserialize(raw)
	if err != nil {
		return nil, fmt.Errorf("parse active_plugins: %w", err)
	}
	list, err := phpser.StringList(v)
	if err != nil {
		return nil, fmt.Errorf("parse active_plugins: %w", err)
	}
	return list, nil
}
