package inventory

import "path"

// Layout says where an install keeps its components: absolute, clean,
// slash-separated paths on the server, without a trailing slash. The caller
// fills it from wp-config.php; NewLayout applies WordPress's defaults.
type Layout struct {
	ABSPATH     string   `json:"abspath"`
	ContentDir  string   `json:"content_dir"`   // WP_CONTENT_DIR
	PluginDir   string   `json:"plugin_dir"`    // WP_PLUGIN_DIR
	MUPluginDir string   `json:"mu_plugin_dir"` // WPMU_PLUGIN_DIR
	ThemeRoots  []string `json:"theme_roots"`   // registered theme directories, in order
}

// DefaultLayout is the layout of an install at abspath that defines none of
// WP_CONTENT_DIR, WP_PLUGIN_DIR and WPMU_PLUGIN_DIR.
func DefaultLayout(abspath string) Layout {
	return NewLayout(abspath, "", "", "")
}

// NewLayout returns a layout with WordPress's defaults for the directories
// given as "": WP_CONTENT_DIR = ABSPATH + "wp-content", WP_PLUGIN_DIR =
// WP_CONTENT_DIR + "/plugins", WPMU_PLUGIN_DIR = WP_CONTENT_DIR +
// "/mu-plugins", and the one theme root WP_CONTENT_DIR + "/themes". Paths
// are cleaned (a trailing slash, as ABSPATH has, is dropped).
func NewLayout(abspath, contentDir, pluginDir, muPluginDir string) Layout {
	l := Layout{ABSPATH: path.Clean(abspath)}
	l.ContentDir = orDefault(contentDir, path.Join(l.ABSPATH, "wp-content"))
	l.PluginDir = orDefault(pluginDir, path.Join(l.ContentDir, "plugins"))
	l.MUPluginDir = orDefault(muPluginDir, path.Join(l.ContentDir, "mu-plugins"))
	l.ThemeRoots = []string{path.Join(l.ContentDir, "themes")}
	return l
}

func orDefault(p, def string) string {
	if p == "" {
		return def
	}
	return path.Clean(p)
}

// Constants are the wp-config.php constants that decide whether WordPress
// loads a drop-in.
type Constants struct {
	WPCache                  bool `json:"wp_cache"`                    // WP_CACHE is true
	Multisite                bool `json:"multisite"`                   // is_multisite()
	Sunrise                  bool `json:"sunrise"`                     // SUNRISE is defined (any value: WordPress tests defined())
	DisableFatalErrorHandler bool `json:"disable_fatal_error_handler"` // WP_DISABLE_FATAL_ERROR_HANDLER is true
}
