package doctor

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/site"
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
	if inv, err := Inventory(ctx, s); err != nil {
		info.InventoryErr = err.Error()
	} else {
		info.Plugins, info.MUPlugins, info.MUSubdirs, info.Dropins = inv.Plugins, inv.MUPlugins, inv.MUSubdirs, inv.Dropins
		info.Theme, info.Themes, info.Maintenance, info.MissingActive = inv.Theme, inv.Themes, inv.Maintenance.Present, inv.MissingActive
	}
	info.PHP = phpVersion(ctx, s.Shell)
	info.WebServer = webServer(ctx, s.Shell)
	return info
}

var (
	phpVersionRe = regexp.MustCompile(`^PHP (\d+\.\d+\.\d+)`)
	serverVerRe  = regexp.MustCompile(`(?i)(nginx|apache|openresty|litespeed)[/ ]v?(\d+[\w.\-]*)`)
)

func phpVersion(ctx context.Context, sh site.Shell) Fact {
	out, err := site.Output(ctx, sh, "php -v 2>/dev/null | head -n 1")
	if errors.Is(err, site.ErrNoShell) {
		return Fact{Note: "could not run: no shell access"}
	}
	if m := phpVersionRe.FindSubmatch(out); m != nil {
		return Fact{Value: string(m[1]), Source: "php -v (the command-line PHP; PHP-FPM may run another version)"}
	}
	return Fact{Note: "php is not on the PATH"}
}

func webServer(ctx context.Context, sh site.Shell) Fact {
	out, err := site.Output(ctx, sh, "for b in nginx apache2 httpd openresty litespeed; do p=$(command -v $b 2>/dev/null || ls /usr/sbin/$b 2>/dev/null); [ -n \"$p\" ] && $p -v 2>&1 | head -n 1; done; true")
	if errors.Is(err, site.ErrNoShell) {
		return Fact{Note: "could not run: no shell access"}
	}
	var found []string
	for _, line := range strings.Split(string(out), "\n") {
		if m := serverVerRe.FindStringSubmatch(line); m != nil {
			found = append(found, strings.ToLower(m[1])+"/"+m[2])
		}
	}
	if len(found) == 0 {
		return Fact{Note: "no nginx, Apache or LiteSpeed binary found"}
	}
	return Fact{Value: strings.Join(found, ", "), Source: "installed binaries (-v)"}
}
