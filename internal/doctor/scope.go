package doctor

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/multisite"
	"github.com/wpdoctor/wpdoctor/internal/probe"
	"github.com/wpdoctor/wpdoctor/internal/wpdb"
)

// scope is where the diagnosed site keeps the lists a bisect toggles. On a
// single site (net nil) they are rows of its options table. On a multisite
// network they are the chosen site's options table (the main site's is the
// base table) and the network's active_sitewide_plugins in sitemeta; the
// option store (wpdb.NetworkRows) reaches both under qualified names.
type scope struct {
	net  *multisite.Network
	site *multisite.Site // the site diagnosed; nil on a single site
	// auto: no site was named (--site, --site-url): the diagnosis may
	// move to the sub-site that fails.
	auto bool
}

// opt is the option store's name for an option of the diagnosed site.
func (sc scope) opt(name string) string {
	if sc.site == nil {
		return name
	}
	return wpdb.OptionKey(sc.net.BasePrefix, sc.site.Prefix, name)
}

// sitewideKey is the store's name for active_sitewide_plugins.
func (sc scope) sitewideKey() string {
	return wpdb.SiteMetaKey(sc.net.BasePrefix, sc.net.ID, multisite.SitewideKey)
}

// sitewide are the network-activated plugin files (nil on a single site,
// or when active_sitewide_plugins could not be read).
func (sc scope) sitewide() []string {
	if sc.net == nil || sc.net.PluginsErr != "" {
		return nil
	}
	return sc.net.Plugins.Files()
}

// where says where plugin file is active, for a verdict: "network" when
// network-activated, "site N" when in the diagnosed site's own list.
func (sc scope) where(file string) string {
	if sc.net == nil {
		return ""
	}
	var at []string
	if sc.net.Plugins.Has(file) {
		at = append(at, "network-activated")
	}
	for _, f := range sc.site.ActivePlugins {
		if f == file {
			at = append(at, fmt.Sprintf("active on site %d (%s)", sc.site.ID, sc.site.URL))
			break
		}
	}
	return strings.Join(at, " and ")
}

// sayWhereActive says, on a network, where the culprits found are active
// (network-activated, or on the diagnosed site only): in the verdict's
// cause and the report's network part.
func (r *Session) sayWhereActive(inv *inventory.Inventory, sr *stageRun) {
	sc := r.scope
	if sc.net == nil || r.rep.Network == nil {
		return
	}
	// A plugin component names its slug, or (listed but missing) its file.
	fileOf := map[string]string{}
	for _, p := range inv.Plugins {
		fileOf[p.Slug] = p.File
	}
	var says []string
	for _, i := range sr.res.Culprits() {
		id := sr.st.comps[i]
		var where string
		switch sr.st.name {
		case StageTheme:
			where = fmt.Sprintf("the theme of site %d (%s)", sc.site.ID, sc.site.URL)
		case StagePlugins:
			c, _ := diag.ParseComponent(id)
			file, ok := fileOf[c.Name]
			if !ok {
				file = c.Name
			}
			where = sc.where(file)
		default:
			continue
		}
		if where != "" {
			says = append(says, id+" is "+where)
		}
	}
	if len(says) == 0 {
		return
	}
	r.rep.Network.Culprit = strings.Join(says, "; ")
	r.rep.Verdict.Cause += " (multisite: " + r.rep.Network.Culprit + ")"
}

// ErrNoSuchSite means --site names no live site of the network, or the
// install is not a network (exit 2: a bad command line, found out once
// connected).
var ErrNoSuchSite = errors.New("--site")

// openNetwork reads the network of a multisite install and picks the site
// to diagnose: the one --site names, else the one the site URL belongs
// to, else the main site (which findFailingSite may change for a failing
// sub-site). A single site, or a network whose tables cannot
// be read (noted: the run goes on as on the main site), changes nothing.
func (r *Session) openNetwork(ctx context.Context) error {
	if !r.s.Config.Multisite || r.s.DB == nil {
		if r.d.Site > 0 {
			if !r.s.Config.Multisite {
				return fmt.Errorf("%w %d: %s is not a multisite network", ErrNoSuchSite, r.d.Site, r.s.Target)
			}
			return fmt.Errorf("--site %d: the network's sites are in the database, which is not reachable: %w", r.d.Site, r.s.DBErr)
		}
		return nil
	}
	net, err := ReadNetwork(ctx, r.s)
	if err != nil {
		if r.d.Site > 0 {
			return fmt.Errorf("--site %d: %w", r.d.Site, err)
		}
		r.rep.Notes = append(r.rep.Notes, "multisite: the network's tables could not be read ("+err.Error()+"): only the main site's own plugins are searched")
		return nil
	}
	site := net.Main()
	switch {
	case r.d.Site > 0:
		if site = net.Site(r.d.Site); site == nil {
			return fmt.Errorf("%w %d: the network has no live site %d (its sites: %s)", ErrNoSuchSite, r.d.Site, r.d.Site, siteIDs(net))
		}
	case r.d.SiteURL != "":
		if s := net.SiteFor(r.d.SiteURL); s != nil {
			site = s
		} else {
			r.rep.Notes = append(r.rep.Notes, "multisite: no site of the network answers "+r.d.SiteURL+": the main site's plugins and theme are searched (--site N names another)")
		}
	}
	if site == nil {
		r.rep.Notes = append(r.rep.Notes, "multisite: the network's main site is not among its live sites: only the site's own plugins are searched")
		return nil
	}
	if site.Err != "" {
		return fmt.Errorf("multisite: site %d: %s", site.ID, site.Err)
	}
	r.scope = scope{net: net, site: site, auto: r.d.Site == 0 && r.d.SiteURL == ""}
	return r.resolveNetwork()
}

// resolveNetwork extends --resolve to a subdomain network's other hosts:
// an entry for the main site's host sends each sub-site's host (same
// port) to the same addresses, since one install serves them all.
func (r *Session) resolveNetwork() error {
	extra := networkResolve(r.o.Resolve, r.scope.net)
	if len(extra) == 0 {
		return nil
	}
	if r.ownProber == nil {
		r.rep.Notes = append(r.rep.Notes, "multisite: the sub-sites' hosts are not resolved like the main site's (the prober was given)")
		return nil
	}
	p, err := probe.New(probe.Options{Timeout: r.o.ProbeTimeout, Resolve: append(append([]string{}, r.o.Resolve...), extra...)})
	if err != nil {
		return err
	}
	r.otherRequests += r.ownProber.Requests()
	r.ownProber.Close()
	r.prober, r.ownProber = p, p
	r.rep.Notes = append(r.rep.Notes, "multisite: --resolve extended to the network's sub-site hosts: "+strings.Join(extra, " "))
	return nil
}

// networkResolve lists the --resolve entries a subdomain network's other
// hosts need: for each entry of the main site's host, the same port and
// addresses for every other site's host that has no entry of its own.
func networkResolve(resolve []string, n *multisite.Network) []string {
	if n == nil || n.Kind != multisite.Subdomain || len(resolve) == 0 || n.Main() == nil {
		return nil
	}
	hostOf := func(domain string) string {
		h := strings.ToLower(domain)
		if host, _, err := net.SplitHostPort(h); err == nil {
			return host
		}
		return h
	}
	main := hostOf(n.Main().Domain)
	have := map[string]bool{}
	var mains []probe.ResolveEntry
	for _, raw := range resolve {
		e, err := probe.ParseResolve(raw)
		if err != nil {
			continue
		}
		have[e.Host+":"+strconv.Itoa(e.Port)] = true
		if e.Host == main {
			mains = append(mains, e)
		}
	}
	var out []string
	for _, e := range mains {
		for _, s := range n.Sites {
			h := hostOf(s.Domain)
			key := h + ":" + strconv.Itoa(e.Port)
			if have[key] {
				continue
			}
			have[key] = true
			out = append(out, probe.ResolveEntry{Host: h, Port: e.Port, Addrs: e.Addrs}.String())
		}
	}
	return out
}

func siteIDs(n *multisite.Network) string {
	ids := make([]string, len(n.Sites))
	for i, s := range n.Sites {
		ids[i] = strconv.FormatInt(s.ID, 10)
	}
	return strings.Join(ids, ", ")
}

// networkSitesProbed bounds how many of a network's other sites a
// diagnosis loads (once each) to say which sites fail; slowSitesProbed
// when the diagnosed site's failure is slow (each load of a failing site
// would take as long).
const (
	networkSitesProbed = 8
	slowSitesProbed    = 2
)

// findFailingSite picks the site to diagnose when none was named: the main
// site when its front page fails, else the first of the others (by blog
// ID, up to networkSitesProbed) whose front page fails — a broken sub-site
// of a healthy network is what the owner is after. Each site is loaded
// once; the answers are kept for the report's network part.
func (r *Session) findFailingSite(ctx context.Context) error {
	sc := r.scope
	if sc.net == nil || !sc.auto {
		return nil
	}
	r.ev.stage(diag.StageProbe, "which sites of the network fail")
	main := sc.site
	res, err := r.loadSite(ctx, main)
	if err != nil {
		return err
	}
	r.netSeen = map[int64]probe.Result{main.ID: res}
	if res.Failing() {
		return nil
	}
	tried := 0
	for i := range sc.net.Sites {
		s := &sc.net.Sites[i]
		if s.ID == main.ID || s.Err != "" {
			continue
		}
		if tried == networkSitesProbed {
			break
		}
		tried++
		res, err := r.loadSite(ctx, s)
		if err != nil {
			return err
		}
		r.netSeen[s.ID] = res
		if res.Failing() {
			r.scope.site = s
			r.url = strings.TrimRight(s.URL, "/")
			if s.Home != "" {
				r.url = strings.TrimRight(s.Home, "/")
			}
			r.rep.URL = r.url
			r.rep.Notes = append(r.rep.Notes, fmt.Sprintf("multisite: the main site answers, site %d (%s) fails: it is the one diagnosed (--site N names another)", s.ID, s.URL))
			r.ev.step(diag.StageProbe, fmt.Sprintf("the main site answers; site %d (%s) fails: diagnosing it", s.ID, s.URL))
			return nil
		}
	}
	return nil
}

// loadSite loads a network site's front page once, to see whether it fails.
func (r *Session) loadSite(ctx context.Context, s *multisite.Site) (probe.Result, error) {
	res := r.prober.Probe(ctx, s.URL)
	if err := ctx.Err(); err != nil {
		return res, err
	}
	r.note(res, "which sites of the network fail")
	return res, nil
}

// probeNetwork loads the front page of the network's other sites once
// each (up to networkSitesProbed of them, counting those findFailingSite
// loaded), so that the report says whether the failure is the diagnosed
// site's or the whole network's.
func (r *Session) probeNetwork(ctx context.Context) error {
	sc := r.scope
	if sc.net == nil {
		return nil
	}
	nr := &diag.NetworkReport{Type: string(sc.net.Kind), Site: sc.site.ID, NetworkPlugins: sc.net.Plugins.Files()}
	limit := networkSitesProbed
	for _, res := range r.results {
		if res.URL == r.failingURL && res.Failing() && res.Total > slowFailure {
			limit = slowSitesProbed
		}
	}
	own := diag.NetworkSite{ID: sc.site.ID, URL: sc.site.URL, Main: sc.site.Main, Diagnosed: true, Failing: statusFailing(r.results, r.failingURL)}
	nr.Sites = append(nr.Sites, own)
	loaded := 0
	for i := range sc.net.Sites {
		s := &sc.net.Sites[i]
		if s.ID == sc.site.ID {
			continue
		}
		res, seen := r.netSeen[s.ID]
		if !seen {
			if loaded >= limit {
				nr.NotProbed++
				continue
			}
			var err error
			if res, err = r.loadSite(ctx, s); err != nil {
				return err
			}
		}
		loaded++
		nr.Sites = append(nr.Sites, diag.NetworkSite{ID: s.ID, URL: s.URL, Main: s.Main, Status: res.Status, Failing: res.Failing()})
	}
	r.rep.Network = nr
	return nil
}

// statusFailing reports whether any answer for url failed.
func statusFailing(results []probe.Result, url string) bool {
	for _, res := range results {
		if res.URL == url && res.Failing() {
			return true
		}
	}
	return false
}
