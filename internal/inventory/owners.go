package inventory

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// signature recognises the drop-in of a well-known plugin by its code.
type signature struct {
	name    string   // the plugin's name
	slugs   []string // its folder names, the usual one first
	needles []string // any of these (case-sensitive) in the drop-in's code
	// standalone: the drop-in works without the plugin (nothing to orphan).
	standalone bool
}

// signatures are tried in order; the first with a needle in the code wins.
// More specific needles come before ones another plugin could contain.
var signatures = []signature{
	{name: "WP Super Cache", slugs: []string{"wp-super-cache"}, needles: []string{"WPCACHEHOME", "wp-cache-phase1.php", "WP SUPER CACHE"}},
	{name: "W3 Total Cache", slugs: []string{"w3-total-cache"}, needles: []string{"W3TC", "W3 Total Cache"}},
	{name: "WP Rocket", slugs: []string{"wp-rocket"}, needles: []string{"WP_ROCKET", "WP Rocket"}},
	{name: "LiteSpeed Cache", slugs: []string{"litespeed-cache"}, needles: []string{"LSCWP", "LSCACHE_", "LiteSpeed"}},
	{name: "WP Fastest Cache", slugs: []string{"wp-fastest-cache"}, needles: []string{"WpFastestCache", "WP Fastest Cache", "wp-fastest-cache"}},
	{name: "Object Cache Pro", slugs: []string{"object-cache-pro", "redis-cache-pro"}, needles: []string{"Object Cache Pro", "RedisCachePro", "object-cache-pro"}},
	{name: "Redis Object Cache", slugs: []string{"redis-cache"}, needles: []string{"Redis Object Cache", "redis-cache", "Rhubarb\\RedisCache"}},
	{name: "WP Redis", slugs: []string{"wp-redis"}, needles: []string{"WP Redis", "wp-redis"}, standalone: true},
	{name: "Memcached Object Cache", slugs: []string{"memcached"}, needles: []string{"Memcached Object Cache", "Memcached Redux"}, standalone: true},
	{name: "SiteGround Optimizer", slugs: []string{"sg-cachepress"}, needles: []string{"SG Optimizer", "SiteGround", "sg-cachepress", "SG_CachePress"}},
	{name: "Breeze", slugs: []string{"breeze"}, needles: []string{"Breeze"}},
	{name: "Hummingbird", slugs: []string{"hummingbird-performance", "wp-hummingbird"}, needles: []string{"Hummingbird", "WPHB_"}},
	{name: "Cache Enabler", slugs: []string{"cache-enabler"}, needles: []string{"Cache Enabler", "Cache_Enabler", "cache-enabler"}},
	{name: "Comet Cache", slugs: []string{"comet-cache", "comet-cache-pro"}, needles: []string{"Comet Cache", "COMET_CACHE", "comet-cache"}},
	{name: "Swift Performance", slugs: []string{"swift-performance-lite", "swift-performance"}, needles: []string{"Swift Performance", "SWIFT_PERFORMANCE", "swift-performance"}},
	{name: "WP-Optimize", slugs: []string{"wp-optimize"}, needles: []string{"WP-Optimize", "WPO_ADVANCED_CACHE", "wp-optimize"}},
	{name: "Docket Cache", slugs: []string{"docket-cache"}, needles: []string{"Docket Cache", "docket-cache"}},
	{name: "Powered Cache", slugs: []string{"powered-cache"}, needles: []string{"Powered Cache", "powered-cache"}},
	{name: "Query Monitor", slugs: []string{"query-monitor"}, needles: []string{"Query Monitor", "query-monitor"}},
	{name: "Batcache", slugs: []string{"batcache"}, needles: []string{"batcache"}, standalone: true},
	{name: "HyperDB", slugs: []string{"hyperdb"}, needles: []string{"HyperDB", "hyperdb"}, standalone: true},
	{name: "LudicrousDB", slugs: []string{"ludicrousdb"}, needles: []string{"LudicrousDB", "ludicrousdb"}, standalone: true},
}

// Plugin folders named in code: WP_CONTENT_DIR . '/plugins/<slug>/',
// '/path/wp-content/plugins/<slug>/...', WP_PLUGIN_DIR . '/<slug>'.
var (
	pluginsPathRe = regexp.MustCompile(`/plugins/([A-Za-z0-9._-]+)(?:[/'"]|$)`)
	pluginDirRe   = regexp.MustCompile(`WP_PLUGIN_DIR\s*\.\s*['"]/([A-Za-z0-9._-]+)`)
)

// setOwner records what the drop-in's code says about its owner.
func setOwner(d *Dropin, code []byte) {
	seen := map[string]bool{}
	for _, re := range []*regexp.Regexp{pluginDirRe, pluginsPathRe} {
		for _, m := range re.FindAllSubmatch(code, -1) {
			slug := string(m[1])
			if seen[slug] || strings.HasSuffix(slug, ".php") || slug == "." || slug == ".." {
				continue
			}
			seen[slug] = true
			d.pathSlugs = append(d.pathSlugs, slug)
		}
	}
	for i := range signatures {
		for _, n := range signatures[i].needles {
			if bytes.Contains(code, []byte(n)) {
				d.sig, d.sigNeedle = &signatures[i], n
				return
			}
		}
	}
}

// resolveOwners decides each drop-in's owner and whether it is orphaned,
// from the installed plugins and, once known, their active state.
func (inv *Inventory) resolveOwners() {
	installed := map[string]bool{}
	active := map[string]bool{}
	for _, p := range inv.Plugins {
		installed[p.Slug] = true
		if p.Active || p.NetworkActive {
			active[p.Slug] = true
		}
	}
	disabled := map[string]string{}
	for _, o := range inv.Orphans {
		if o.DisabledSlug != "" {
			disabled[o.DisabledSlug] = o.Name
		}
	}
	for i := range inv.Dropins {
		d := &inv.Dropins[i]
		slug, viaPath := pickOwner(d, installed)
		d.OwnerSlug, d.OwnerInstalled, d.OwnerActive = slug, installed[slug], active[slug]
		d.OwnerName, d.Standalone = "", false
		if d.sig != nil && contains(d.sig.slugs, slug) {
			d.OwnerName, d.Standalone = d.sig.name, d.sig.standalone
		}
		switch {
		case viaPath:
			d.OwnerEvidence = fmt.Sprintf("names the plugin folder %q", slug)
		case slug != "":
			d.OwnerEvidence = fmt.Sprintf("contains %q (%s)", d.sigNeedle, d.sig.name)
		default:
			d.OwnerEvidence = ""
		}
		d.Orphaned, d.OrphanReason = false, ""
		switch {
		case d.broken:
			d.Orphaned, d.OrphanReason = true, "broken symlink: its target is missing"
		case slug == "" || d.Standalone:
		case !d.OwnerInstalled && disabled[slug] != "":
			d.Orphaned = true
			d.OrphanReason = fmt.Sprintf("its plugin %s is disabled (renamed to %s)", slug, disabled[slug])
		case !d.OwnerInstalled:
			d.Orphaned, d.OrphanReason = true, fmt.Sprintf("its plugin %s is not installed", slug)
		case inv.ActiveKnown && !d.OwnerActive:
			d.Orphaned, d.OrphanReason = true, fmt.Sprintf("its plugin %s is installed but not active", slug)
		}
	}
}

// pickOwner chooses the owner: an installed plugin the code names by path,
// else an installed plugin of its signature, else the first folder the code
// names (preferring one of the signature's), else the signature's usual
// folder. viaPath says the choice came from a folder named in the code.
func pickOwner(d *Dropin, installed map[string]bool) (slug string, viaPath bool) {
	for _, s := range d.pathSlugs {
		if installed[s] {
			return s, true
		}
	}
	var sigSlugs []string
	if d.sig != nil {
		sigSlugs = d.sig.slugs
	}
	for _, s := range sigSlugs {
		if installed[s] {
			return s, false
		}
	}
	for _, s := range d.pathSlugs {
		if contains(sigSlugs, s) {
			return s, true
		}
	}
	if len(d.pathSlugs) > 0 {
		return d.pathSlugs[0], true
	}
	if d.sig != nil {
		return d.sig.slugs[0], false
	}
	return "", false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
