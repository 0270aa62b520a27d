package diag

import (
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/multisite"
	"github.com/wpdoctor/wpdoctor/internal/wp"
)

// SiteInfo is what `wpdoctor info` reports (doctor.Info). Its JSON form is a stable contract.
type SiteInfo struct {
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
	// Network is the multisite network: its sites and network-activated
	// plugins (absent on a single site, and when it could not be read:
	// NetworkErr says why).
	Network    *multisite.Network `json:"network,omitempty"`
	NetworkErr string             `json:"network_error,omitempty"`

	Plugins     []inventory.Plugin    `json:"plugins"`
	MUPlugins   []inventory.MUPlugin  `json:"mu_plugins"`
	MUSubdirs   []inventory.MUSubdir  `json:"mu_subdirs"`
	Dropins     []inventory.Dropin    `json:"dropins"`
	Theme       inventory.ActiveTheme `json:"theme"`
	Themes      []inventory.Theme     `json:"themes"`
	Maintenance bool                  `json:"maintenance"`
	// MissingActive: active_plugins entries whose files are gone.
	MissingActive []string `json:"missing_active,omitempty"`
	// MissingNetworkActive: active_sitewide_plugins entries whose files are gone.
	MissingNetworkActive []string `json:"missing_network_active,omitempty"`
	InventoryErr         string   `json:"inventory_error,omitempty"`
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
