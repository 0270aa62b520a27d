package logs

import (
	"path"
	"strings"
)

// Layout names a site's directories, as absolute server paths. Each field
// lists every prefix under which that directory may appear in logs: the
// canonical path first, then alternates (a symlinked document root, a
// chroot or container path). Empty fields are simply never matched.
type Layout struct {
	ABSPATH     []string // WordPress root: wp-includes/, wp-admin/, wp-*.php
	ContentDir  []string // WP_CONTENT_DIR: drop-ins live directly in it
	PluginDir   []string // WP_PLUGIN_DIR
	MUPluginDir []string // WPMU_PLUGIN_DIR
	ThemeRoots  []string // every registered theme root, alternates included
}

// StandardLayout is the layout of a site with WordPress's default
// directories under abspath.
func StandardLayout(abspath string) Layout {
	root := path.Clean(abspath)
	content := path.Join(root, "wp-content")
	return Layout{
		ABSPATH:     []string{root},
		ContentDir:  []string{content},
		PluginDir:   []string{path.Join(content, "plugins")},
		MUPluginDir: []string{path.Join(content, "mu-plugins")},
		ThemeRoots:  []string{path.Join(content, "themes")},
	}
}

// WithAlias returns a copy of l in which every directory at or under target
// also appears under alias: WithAlias("/var/www/html", "/srv/site1/public")
// for a container that mounts the site there. l is not modified.
func (l Layout) WithAlias(alias, target string) Layout {
	alias, target = path.Clean(alias), path.Clean(target)
	add := func(dirs []string) []string {
		out := append([]string(nil), dirs...)
		for _, d := range dirs {
			d = path.Clean(d)
			if rel, ok := under(d, target); ok {
				out = append(out, path.Join(alias, rel))
			} else if d == target {
				out = append(out, alias)
			}
		}
		return out
	}
	return Layout{
		ABSPATH:     add(l.ABSPATH),
		ContentDir:  add(l.ContentDir),
		PluginDir:   add(l.PluginDir),
		MUPluginDir: add(l.MUPluginDir),
		ThemeRoots:  add(l.ThemeRoots),
	}
}

// ComponentKind is what a path belongs to.
type ComponentKind string

// Component kinds.
const (
	CompPlugin   ComponentKind = "plugin"
	CompTheme    ComponentKind = "theme"
	CompMUPlugin ComponentKind = "mu-plugin"
	CompDropIn   ComponentKind = "drop-in"
	CompCore     ComponentKind = "core"
	CompOther    ComponentKind = "other"
)

// Component is the part of a site a path belongs to.
type Component struct {
	Kind ComponentKind
	// Slug is the plugin or theme folder, a single-file plugin's name
	// without .php, the mu-plugin file (or its sub-folder), the drop-in
	// file name. Empty for core and other.
	Slug string
	Path string // the path that was attributed, as written in the log
	Line int    // its line, when known
}

// ID is "plugin:<slug>", "theme:<slug>", "mu-plugin:<file>",
// "drop-in:<file>", "core" or "other".
func (c Component) ID() string {
	switch c.Kind {
	case CompCore:
		return "core"
	case CompPlugin, CompTheme, CompMUPlugin, CompDropIn:
		return string(c.Kind) + ":" + c.Slug
	}
	return "other"
}

// IsExtension reports whether c is code that can be switched off without
// touching WordPress itself: a plugin, theme, mu-plugin or drop-in.
func (c Component) IsExtension() bool {
	switch c.Kind {
	case CompPlugin, CompTheme, CompMUPlugin, CompDropIn:
		return true
	}
	return false
}

// dropIns are the file names WordPress loads from WP_CONTENT_DIR itself
// (_get_dropins, plus php-error.php and fatal-error-handler.php).
var dropIns = map[string]bool{
	"advanced-cache.php": true, "object-cache.php": true, "db.php": true, "db-error.php": true,
	"install.php": true, "maintenance.php": true, "sunrise.php": true, "blog-deleted.php": true,
	"blog-inactive.php": true, "blog-suspended.php": true, "fatal-error-handler.php": true,
	"php-error.php": true,
}

// under reports whether p lies strictly inside dir, and returns the path
// relative to dir.
func under(p, dir string) (string, bool) {
	if dir == "/" {
		return strings.TrimPrefix(p, "/"), len(p) > 1 && p[0] == '/'
	}
	if len(p) > len(dir)+1 && p[len(dir)] == '/' && strings.HasPrefix(p, dir) {
		return p[len(dir)+1:], true
	}
	return "", false
}
