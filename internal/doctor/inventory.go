package doctor

import (
	"context"

	"github.com/wpdoctor/wpdoctor/internal/inventory"
)

// Inventory scans the install's plugins, must-use plugins, drop-ins and
// themes, and marks what the database says is active.
func Inventory(ctx context.Context, s *Site) (*inventory.Inventory, error) {
	return inventoryWith(ctx, s, nil)
}

// inventoryWith is Inventory with the network-activated plugins (the
// files of active_sitewide_plugins, nil on a single site) marked too.
func inventoryWith(ctx context.Context, s *Site, sitewide []string) (*inventory.Inventory, error) {
	return inventoryIn(ctx, s, scope{}, sitewide...)
}

// inventoryIn is Inventory as one site of a network sees it: its own
// active plugins and theme, and the network-activated plugins (of sc, or
// the given files).
func inventoryIn(ctx context.Context, s *Site, sc scope, sitewide ...string) (*inventory.Inventory, error) {
	if sc.net != nil {
		sitewide = sc.sitewide()
	}
	cfg := s.Config
	l := inventory.NewLayout(s.Loc.ABSPATH, cfg.ContentDir, cfg.PluginDir, cfg.MUPluginDir)
	inv, err := inventory.Scan(ctx, s.FS, l, inventory.Constants{
		WPCache: cfg.WPCache, Multisite: cfg.Multisite, Sunrise: cfg.Sunrise, DisableFatalErrorHandler: cfg.DisableFatalErrorHandler,
	})
	if err != nil {
		return nil, err
	}
	if s.DB == nil {
		return inv, nil
	}
	var active []string
	if raw, ok, err := s.DB.Option(ctx, sc.opt("active_plugins")); err == nil && ok {
		active, _ = inventory.ParseActivePlugins(raw)
	}
	// A network whose active_sitewide_plugins cannot be read: which
	// plugins load is not known, and a search covers them all.
	if sc.net == nil || sc.net.PluginsErr == "" {
		inv.SetActive(active, sitewide)
	}
	tpl, _, _ := s.DB.Option(ctx, sc.opt("template"))
	css, _, _ := s.DB.Option(ctx, sc.opt("stylesheet"))
	inv.SetActiveTheme(string(css), string(tpl))
	return inv, nil
}
