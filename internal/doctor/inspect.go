package doctor

import (
	"context"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/serverfacts"
)

// Info is what `wpdoctor info` reports (see diag.SiteInfo); Fact, ShellInfo
// and DBInfo are its parts.
type (
	Info      = diag.SiteInfo
	Fact      = diag.Fact
	ShellInfo = diag.ShellInfo
	DBInfo    = diag.DBInfo
)

// Inspect gathers Info about an opened site. It changes nothing.
func Inspect(ctx context.Context, s *Site) *Info {
	info := &Info{
		Target: s.Target, Location: s.Loc, WordPress: s.Version, Config: s.Config,
		Multisite: s.Config.Multisite,
		DB:        DBInfo{Prefix: s.Config.TablePrefix, Name: s.Config.DB.Name, Host: s.Config.DB.Host, Reachable: s.DB != nil},
		Shell:     ShellInfo{Available: s.NoShell == "", Note: s.NoShell},
	}
	if s.DBAt.Network != "" {
		info.DB.Endpoint = s.DBAt.String()
	}
	if s.DBErr != nil {
		info.DB.Error = s.DBErr.Error()
	}
	if s.DB != nil {
		if v, ok, err := s.DB.Option(ctx, "siteurl"); err == nil && ok {
			info.SiteURL = string(v)
		}
		if v, ok, err := s.DB.Option(ctx, "home"); err == nil && ok {
			info.Home = string(v)
		}
	}
	var sitewide []string
	if net, err := ReadNetwork(ctx, s); err != nil {
		info.NetworkErr = err.Error()
	} else if net != nil {
		info.Network, sitewide = net, net.Plugins.Files()
	}
	if inv, err := inventoryWith(ctx, s, sitewide); err != nil {
		info.InventoryErr = err.Error()
	} else {
		info.Plugins, info.MUPlugins, info.MUSubdirs, info.Dropins = inv.Plugins, inv.MUPlugins, inv.MUSubdirs, inv.Dropins
		info.Theme, info.Themes, info.Maintenance, info.MissingActive = inv.Theme, inv.Themes, inv.Maintenance.Present, inv.MissingActive
		if len(inv.MissingNetworkActive) > 0 {
			info.MissingNetworkActive = inv.MissingNetworkActive
		}
	}
	info.PHP = serverfacts.PHPVersion(ctx, s.Shell)
	info.WebServer = serverfacts.WebServer(ctx, s.Shell)
	return info
}
