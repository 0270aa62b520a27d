package doctor

import (
	"context"
	"errors"

	"github.com/wpdoctor/wpdoctor/internal/multisite"
	"github.com/wpdoctor/wpdoctor/internal/wp"
)

// errNoNetworkDB: a multisite network is described by its tables only.
var errNoNetworkDB = errors.New("the network's sites are in the database, which is not reachable")

// ReadNetwork reads the multisite network of s (its sites, their plugins
// and themes, the network-activated plugins). It returns nil and no error
// on a single site. It changes nothing.
func ReadNetwork(ctx context.Context, s *Site) (*multisite.Network, error) {
	if !s.Config.Multisite {
		return nil, nil
	}
	if s.NetworkDB == nil {
		return nil, errNoNetworkDB
	}
	return multisite.Read(ctx, s.NetworkDB, networkConfig(s.Config))
}

// networkConfig is what wp-config.php says about the network.
func networkConfig(c *wp.Config) multisite.Config {
	return multisite.Config{
		Subdomain: c.SubdomainInstall, Domain: c.DomainCurrentSite, Path: c.PathCurrentSite,
		NetworkID: c.SiteIDCurrentSite, MainSiteID: c.BlogIDCurrentSite,
	}
}
