package doctor

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/wp"
)

// Info is what `wpdoctor info` reports. Its JSON form is a stable contract.
type Info struct {
	Target    string      `json:"target"`
	Location  wp.Location `json:"location"`
	WordPress wp.Version  `json:"wordpress"`
	PHP       Fact        `json:"php"`
	WebServer Fact        `json:"web_server"`
	Shell     ShellInfo   `json:"shell"`
	Config    *wp.Config  `json:"config"`
	DB        DBInfo      `json:"db"`
	SiteURL   string      `json:"site_url,omitempty"` // the siteurl option
	Home      string      `json:"home,omitempty"`     // the home option: what visitors open
	Multisite bool        `json:"multisite"`

	Plugins     []inventory.Plugin    `json:"plugins"`
	MUPlugins   []inventory.MUPlugin  `json:"mu_plugins"`
	MUSubdirs   []inventory.MUSubdir  `json:"mu_subdirs"`
	Dropins     []inventory.Dropin    `json:"dropins"`
	Theme       inventory.ActiveTheme `json:"theme"`
	Themes      []inventory.Theme     `json:"themes"`
	Maintenance bool                  `json:"maintenance"`
	// MissingActive: active_plugins entries whose files are gone.
	MissingActive []string `json:"missing_active,omitempty"`
	InventoryErr  string   `json:"inventory_error,omitempty"`
}

// Fact is something learned about the server, with where it came from.
type Fact struct {
	Value  string `json:"value,omitempty"`
	Source string `json:"source,omitempty"`
	Note   string `json:"note,omitempty"` // why it is unknown
}

// ShellInfo says whether commands can run on the server.
type ShellInfo struct {
	Available bool   `json:"available"`
	Note      string `json:"note,omitempty"`
}

// DBInfo says whether the database answered.
type DBInfo struct {
	Prefix    string `json:"prefix"`
	Name      string `json:"name"`
	Host      string `json:"host"`               // DB_HOST as written
	Endpoint  string `json:"endpoint,omitempty"` // what was dialed
	Reachable bool   `json:"reachable"`
	Error     string `json:"error,omitempty"`
}

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
