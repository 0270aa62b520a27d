package inventory

import "time"

// Inventory is what Scan found. Its JSON form is part of
// `wpdoctor info --json`; slices are never null.
type Inventory struct {
	Layout    Layout      `json:"layout"`
	Constants Constants   `json:"constants"`
	Dirs      []DirStatus `json:"dirs"`

	Plugins []Plugin `json:"plugins"`
	Orphans []Orphan `json:"orphans"`
	// ActiveKnown is set by SetActive; before it, Active, NetworkActive,
	// MissingActive and the drop-ins' OwnerActive mean nothing.
	ActiveKnown bool `json:"active_known"`
	// MissingActive are active_plugins entries that are not installed
	// plugins (no such file, or no Plugin Name header): WordPress
	// deactivates them when wp-admin/plugins.php is visited.
	MissingActive []string `json:"missing_active"`
	// MissingNetworkActive is the same for active_sitewide_plugins.
	MissingNetworkActive []string `json:"missing_network_active"`

	MUPlugins []MUPlugin `json:"mu_plugins"`
	MUSubdirs []MUSubdir `json:"mu_subdirs"`
	Dropins   []Dropin   `json:"dropins"`

	Theme  ActiveTheme `json:"theme"`
	Themes []Theme     `json:"themes"`

	Maintenance Maintenance `json:"maintenance"`

	// Errors are the items that could not be read; none of them stops Scan.
	Errors []ItemError `json:"errors"`
}

// DirStatus is the state of one of the layout's directories.
type DirStatus struct {
	Role    string `json:"role"` // "content", "plugins", "mu-plugins" or "themes"
	Path    string `json:"path"`
	Missing bool   `json:"missing,omitempty"` // does not exist: not an error
	Error   string `json:"error,omitempty"`   // exists but could not be listed
}

// ItemError is a file or directory that could not be read.
type ItemError struct {
	Path  string `json:"path"`
	Op    string `json:"op"` // "list", "read" or "stat"
	Error string `json:"error"`
}

// Plugin is one plugin file, as get_plugins() lists it.
type Plugin struct {
	File string `json:"file"` // id in active_plugins: "folder/file.php" or "file.php"
	Slug string `json:"slug"` // folder name, or the single file's name without .php
	Dir  string `json:"dir"`  // the folder, or the single file: what a rename disables
	Path string `json:"path"` // the plugin file

	Name            string `json:"name"`
	Version         string `json:"version"`
	Description     string `json:"description"`
	Author          string `json:"author"`
	TextDomain      string `json:"text_domain"` // header, or the folder name as get_plugin_data() falls back
	UpdateURI       string `json:"update_uri"`
	RequiresPHP     string `json:"requires_php"`
	RequiresWP      string `json:"requires_wp"`
	RequiresPlugins string `json:"requires_plugins"`
	Network         bool   `json:"network"` // "Network: true" (or the old "Site Wide Only: true")

	Active        bool `json:"active"`
	NetworkActive bool `json:"network_active"`
}

// Orphan is an entry of the plugin directory that holds no plugin file, or
// that wpdoctor disabled by renaming it.
type Orphan struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Reason string `json:"reason"`
	// DisabledSlug is the original name of an entry renamed to
	// <name>.wpdoctor-off. WordPress itself would still list such a folder's
	// plugin files, under a new id, as inactive plugins: HasPluginFile says
	// whether it holds one.
	DisabledSlug  string `json:"disabled_slug,omitempty"`
	HasPluginFile bool   `json:"has_plugin_file,omitempty"`
}

// MUPlugin is a .php file directly in the must-use plugin directory:
// WordPress loads every one of them, in file name order.
type MUPlugin struct {
	File        string `json:"file"`
	Path        string `json:"path"`
	Size        int64  `json:"size"`
	Name        string `json:"name"` // Plugin Name header, or the file name
	Version     string `json:"version"`
	Description string `json:"description"`
	RequiresPHP string `json:"requires_php"`
	// Loads are the sub-folders of the must-use directory whose name the
	// file's first 64 KiB mention as a path: best effort.
	Loads []string `json:"loads"`
	// DynamicLoader: the file lists directories (glob, scandir, ...) and
	// requires files, so it may load sub-folders not named in it.
	DynamicLoader bool `json:"dynamic_loader,omitempty"`
}

// MUSubdir is a folder in the must-use plugin directory. WordPress does not
// load it by itself; a loader file may.
type MUSubdir struct {
	Name     string   `json:"name"`
	Path     string   `json:"path"`
	LoadedBy []string `json:"loaded_by"` // mu-plugin files that name it
	// MaybeLoadedBy are the dynamic loaders (see MUPlugin.DynamicLoader)
	// that do not name it.
	MaybeLoadedBy []string `json:"maybe_loaded_by"`
}

// Load says whether WordPress loads a drop-in.
type Load string

const (
	LoadAlways  Load = "always"   // on every request
	LoadOnEvent Load = "on_event" // only when its event happens (a DB error, maintenance, ...)
	LoadNever   Load = "never"    // not with these constants
)

// Dropin is a known drop-in file present in the content directory.
type Dropin struct {
	File      string `json:"file"`
	Path      string `json:"path"`
	Size      int64  `json:"size"`
	Symlink   bool   `json:"symlink,omitempty"`
	IsDir     bool   `json:"is_dir,omitempty"`
	Problem   string `json:"problem,omitempty"`
	Purpose   string `json:"purpose"` // WordPress's description of the drop-in
	Name      string `json:"name"`    // Plugin Name header, or the file name
	Version   string `json:"version"`
	Loads     Load   `json:"loads"`
	LoadsWhen string `json:"loads_when"`

	// The plugin the drop-in belongs to, found from its content.
	OwnerSlug      string `json:"owner_slug,omitempty"`
	OwnerName      string `json:"owner_name,omitempty"`
	OwnerEvidence  string `json:"owner_evidence,omitempty"`
	OwnerInstalled bool   `json:"owner_installed"`
	OwnerActive    bool   `json:"owner_active"`
	Standalone     bool   `json:"standalone,omitempty"` // works without its plugin
	// Orphaned: its plugin is gone or inactive, or it is a broken symlink.
	Orphaned     bool   `json:"orphaned"`
	OrphanReason string `json:"orphan_reason,omitempty"`

	broken    bool       // a broken symlink
	pathSlugs []string   // plugin folders its code names
	sig       *signature // the well-known drop-in it looks like
	sigNeedle string     // what in its code matched sig
}

// Problem is something wrong with a theme. Code is WordPress's WP_Error code
// where WordPress has one (theme_no_stylesheet, theme_no_parent, ...).
type Problem struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Theme is a theme folder, as search_theme_directories() finds them.
type Theme struct {
	Slug           string    `json:"slug"` // the stylesheet: folder name (or "folder/sub" in a folder of themes)
	Root           string    `json:"root"`
	Dir            string    `json:"dir"`
	Name           string    `json:"name"`
	Version        string    `json:"version"`
	Template       string    `json:"template"` // parent's slug; "" for a parent theme
	RequiresPHP    string    `json:"requires_php"`
	RequiresWP     string    `json:"requires_wp"`
	Status         string    `json:"status"`
	Default        bool      `json:"default,omitempty"` // a WordPress default theme
	Active         bool      `json:"active"`            // the active stylesheet
	ActiveAsParent bool      `json:"active_as_parent"`  // the active template of a child theme
	Problems       []Problem `json:"problems"`

	noStyle  bool // no readable style.css
	hasIndex bool // index.php, templates/index.html or block-templates/index.html
}

// ActiveTheme is the theme the options name, set by SetActiveTheme.
type ActiveTheme struct {
	Stylesheet          string   `json:"stylesheet"`
	Template            string   `json:"template"`
	StylesheetInstalled bool     `json:"stylesheet_installed"`
	TemplateInstalled   bool     `json:"template_installed"`
	Problems            []string `json:"problems"`
}

// Maintenance is ABSPATH/.maintenance. WordPress shows its maintenance page
// while the file exists and the $upgrading timestamp it sets is less than 10
// minutes old.
type Maintenance struct {
	Present bool       `json:"present"`
	Path    string     `json:"path"`
	ModTime *time.Time `json:"mtime,omitempty"`
	// Upgrading is the literal value of $upgrading in the file ("1700000000",
	// "time()", ...), "" when the file does not set it.
	Upgrading string `json:"upgrading,omitempty"`
	Error     string `json:"error,omitempty"`
}
