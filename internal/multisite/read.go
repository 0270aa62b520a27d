package multisite

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"golang.org/x/sync/errgroup"

	"github.com/wpdoctor/wpdoctor/internal/inventory"
)

// ErrNoSites means {base}blogs lists no live site for the network: the
// network ID (SITE_ID_CURRENT_SITE) is wrong, or every site was deleted.
var ErrNoSites = errors.New("no live site in the network")

// SitewideKey is the {base}sitemeta key of the network-activated plugins.
const SitewideKey = "active_sitewide_plugins"

// DB is what Read needs of the database (wpdb.DB implements it).
//
// Contract: Prefix is the base table prefix ($table_prefix). Blogs lists
// the rows of {base}blogs with site_id = network that are not deleted,
// archived or spam, by blog_id. SiteMeta returns the raw meta_value of
// {base}sitemeta for the network and key, and whether a row exists.
// Options returns the raw values of the named rows of {prefix}options (a
// name without a row is absent from the map). A missing table is an error
// that says which. The methods are safe for concurrent use.
type DB interface {
	Prefix() string
	Blogs(ctx context.Context, network int64) ([]Blog, error)
	SiteMeta(ctx context.Context, network int64, key string) (value []byte, found bool, err error)
	Options(ctx context.Context, prefix string, names ...string) (map[string][]byte, error)
}

// Blog is one row of {base}blogs.
type Blog struct {
	ID     int64
	Domain string
	Path   string
}

// Config is what wp-config.php says about the network. Zero values mean
// "not defined", and WordPress's defaults apply.
type Config struct {
	Subdomain  bool   // SUBDOMAIN_INSTALL
	Domain     string // DOMAIN_CURRENT_SITE
	Path       string // PATH_CURRENT_SITE
	NetworkID  int64  // SITE_ID_CURRENT_SITE; 0 means 1
	MainSiteID int64  // BLOG_ID_CURRENT_SITE; 0: the site at Domain and Path, else site 1
}

// siteOptions are the options read from each site's table.
var siteOptions = []string{"active_plugins", "stylesheet", "template", "home"}

// readers bounds how many sites' options are read at once: enough to hide
// a tunnel's latency on a large network, few enough to be polite.
const readers = 4

// Read builds the network from the database. Only a network whose sites
// cannot be listed is an error; a corrupt active_sitewide_plugins is
// recorded in PluginsErr and a site whose options cannot be read in its
// Err, so that one broken sub-site does not hide the others.
func Read(ctx context.Context, db DB, cfg Config) (*Network, error) {
	n := &Network{ID: cfg.NetworkID, Kind: Subdirectory, BasePrefix: db.Prefix()}
	if n.ID <= 0 {
		n.ID = 1
	}
	if cfg.Subdomain {
		n.Kind = Subdomain
	}
	blogs, err := db.Blogs(ctx, n.ID)
	if err != nil {
		return nil, fmt.Errorf("list the sites of network %d: %w", n.ID, err)
	}
	if len(blogs) == 0 {
		return nil, fmt.Errorf("%w: %sblogs has no site with site_id %d that is not deleted, archived or spam", ErrNoSites, n.BasePrefix, n.ID)
	}
	sort.Slice(blogs, func(i, j int) bool { return blogs[i].ID < blogs[j].ID })
	main := mainSite(blogs, cfg)
	n.MainSiteID, n.Domain, n.Path = main.ID, cfg.Domain, SitePath(cfg.Path)
	if cfg.Domain == "" {
		n.Domain, n.Path = main.Domain, SitePath(main.Path)
	}

	raw, _, err := db.SiteMeta(ctx, n.ID, SitewideKey)
	if err == nil {
		n.Plugins, err = ParseSitewide(raw)
	}
	if err != nil {
		n.PluginsErr = fmt.Sprintf("read %s of network %d: %v", SitewideKey, n.ID, err)
	}

	n.Sites = make([]Site, len(blogs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(readers)
	for i, b := range blogs {
		n.Sites[i] = Site{ID: b.ID, Domain: b.Domain, Path: SitePath(b.Path), Prefix: Prefix(n.BasePrefix, b.ID), Main: b.ID == main.ID, ActivePlugins: []string{}}
		s := &n.Sites[i]
		g.Go(func() error {
			readSite(gctx, db, s)
			return nil
		})
	}
	_ = g.Wait() // readSite records its errors in the site
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	scheme := SchemeOf(n.Main().Home)
	for i := range n.Sites {
		s := &n.Sites[i]
		sch := SchemeOf(s.Home)
		if sch == "" {
			sch = scheme
		}
		s.URL = SiteURL(sch, s.Domain, s.Path)
	}
	return n, nil
}

// readSite fills s from its options table.
func readSite(ctx context.Context, db DB, s *Site) {
	opts, err := db.Options(ctx, s.Prefix, siteOptions...)
	if err != nil {
		s.Err = fmt.Sprintf("read the options of site %d: %v", s.ID, err)
		return
	}
	if raw, ok := opts["active_plugins"]; ok {
		list, err := inventory.ParseActivePlugins(raw)
		if err != nil {
			s.Err = fmt.Sprintf("site %d: %v", s.ID, err)
		} else {
			s.ActivePlugins = list
		}
	}
	s.Stylesheet, s.Template, s.Home = string(opts["stylesheet"]), string(opts["template"]), string(opts["home"])
}

// mainSite picks the network's main site as WordPress does: the site
// BLOG_ID_CURRENT_SITE names, else the site at DOMAIN_CURRENT_SITE and
// PATH_CURRENT_SITE, else site 1, else the first live site. blogs is not
// empty and sorted by ID.
func mainSite(blogs []Blog, cfg Config) Blog {
	for _, b := range blogs {
		if cfg.MainSiteID > 0 && b.ID == cfg.MainSiteID {
			return b
		}
	}
	if cfg.Domain != "" {
		for _, b := range blogs {
			if hostKey(b.Domain) == hostKey(cfg.Domain) && SitePath(b.Path) == SitePath(cfg.Path) {
				return b
			}
		}
	}
	for _, b := range blogs {
		if b.ID == 1 {
			return b
		}
	}
	return blogs[0]
}
