package multisite

// Kind is how a network gives its sites addresses.
type Kind string

const (
	// Subdirectory: sites share the network's domain, each under a path
	// (example.com/blog/). SUBDOMAIN_INSTALL is false.
	Subdirectory Kind = "subdirectory"
	// Subdomain: each site has its own host (blog.example.com).
	// SUBDOMAIN_INSTALL is true.
	Subdomain Kind = "subdomain"
)

// Network is one WordPress multisite network as the database describes
// it. Its JSON form is part of `wpdoctor info --json`.
type Network struct {
	ID         int64  `json:"id"`   // site_id in {base}blogs and {base}sitemeta (SITE_ID_CURRENT_SITE)
	Kind       Kind   `json:"type"` // subdirectory or subdomain
	Domain     string `json:"domain"`
	Path       string `json:"path"`
	BasePrefix string `json:"base_prefix"` // $table_prefix: the network tables' and the site 1 tables' prefix
	MainSiteID int64  `json:"main_site_id"`
	// Sites are the live sites (not deleted, archived or spam), by ID.
	Sites []Site `json:"sites"`
	// Plugins are the network-activated plugins (active_sitewide_plugins),
	// in stored order with their activation times.
	Plugins Sitewide `json:"network_plugins"`
	// PluginsErr says why active_sitewide_plugins could not be read (then
	// Plugins is empty and must not be written back).
	PluginsErr string `json:"network_plugins_error,omitempty"`
}

// Site is one site of a network.
type Site struct {
	ID     int64  `json:"id"` // blog_id
	Domain string `json:"domain"`
	Path   string `json:"path"`
	URL    string `json:"url"`            // scheme://domain/path/, as WordPress addresses it
	Home   string `json:"home,omitempty"` // its home option, when set
	Prefix string `json:"prefix"`         // the prefix of its tables ({base}N_, or {base} for site 1)
	Main   bool   `json:"main,omitempty"` // the network's main site

	// ActivePlugins is its own active_plugins option, in stored order.
	ActivePlugins []string `json:"active_plugins"`
	Stylesheet    string   `json:"stylesheet"`
	Template      string   `json:"template"`
	// Err says why its options could not be read (a sub-site whose tables
	// are gone: the fields above from its options are then empty) or why
	// its active_plugins could not be parsed (ActivePlugins is then empty).
	Err string `json:"error,omitempty"`
}

// Main returns the network's main site, or nil if it is not among the
// live sites.
func (n *Network) Main() *Site { return n.Site(n.MainSiteID) }

// Site returns the live site with the given blog ID, or nil.
func (n *Network) Site(id int64) *Site {
	for i := range n.Sites {
		if n.Sites[i].ID == id {
			return &n.Sites[i]
		}
	}
	return nil
}
