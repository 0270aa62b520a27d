package logs

import (
	"path"
	"strings"
)

// Attribute says which component the file at p belongs to. The most
// specific directory wins (a plugin dir inside the content dir inside
// ABSPATH), so custom and nested layouts work. Paths as PHP prints them are
// accepted: "/p/x.php(12) : eval()'d code" and "phar:///p/a.phar/b.php"
// are attributed to the file that holds the code.
func (l Layout) Attribute(p string) Component {
	c := Component{Kind: CompOther, Path: p}
	clean := cleanPHPPath(p)
	if clean == "" {
		return c
	}
	best := -1
	try := func(dirs []string, kind ComponentKind) {
		for _, d := range dirs {
			d = cleanDir(d)
			if d == "" || len(d) <= best {
				continue
			}
			if rel, ok := under(clean, d); ok {
				if k, slug, ok := classify(kind, rel); ok {
					best, c.Kind, c.Slug = len(d), k, slug
				}
			}
		}
	}
	try(l.ABSPATH, CompCore)
	try(l.ContentDir, CompDropIn)
	try(l.ThemeRoots, CompTheme)
	try(l.PluginDir, CompPlugin)
	try(l.MUPluginDir, CompMUPlugin)
	return c
}

// classify applies one directory's rule to the path relative to it. ok is
// false when the rule does not claim the path (a file in the content dir
// that is no drop-in), so a shorter directory may still claim it; a claimed
// path that belongs to nothing in particular is CompOther.
func classify(kind ComponentKind, rel string) (ComponentKind, string, bool) {
	first, rest, nested := strings.Cut(rel, "/")
	switch kind {
	case CompCore:
		if nested && (first == "wp-includes" || first == "wp-admin") {
			return CompCore, "", true
		}
		if !nested && (first == "index.php" || first == "xmlrpc.php" ||
			strings.HasPrefix(first, "wp-") && strings.HasSuffix(first, ".php")) {
			return CompCore, "", true
		}
		return CompOther, "", true
	case CompDropIn:
		if !nested && dropIns[first] {
			return CompDropIn, first, true
		}
		return CompOther, "", true
	case CompTheme:
		if nested && first != "" && rest != "" {
			return CompTheme, first, true
		}
		return CompOther, "", true
	case CompPlugin:
		if nested && first != "" && rest != "" {
			return CompPlugin, first, true
		}
		if !nested && strings.HasSuffix(first, ".php") && len(first) > 4 {
			return CompPlugin, strings.TrimSuffix(first, ".php"), true
		}
		return CompOther, "", true
	case CompMUPlugin:
		if first == "" || nested && rest == "" {
			return CompOther, "", true
		}
		return CompMUPlugin, first, true
	}
	return CompOther, "", false
}

// cleanPHPPath reduces a file name as PHP prints it to an absolute clean
// path, or "" when it is none ("Unknown", "[internal function]").
func cleanPHPPath(p string) string {
	p = strings.TrimSpace(p)
	p = strings.TrimPrefix(p, "phar://")
	if i := strings.Index(p, ".php("); i >= 0 {
		p = p[:i+4]
	} else if i := strings.Index(p, "("); i > 0 && strings.Contains(p[i:], ") : ") {
		p = p[:i]
	}
	if !strings.HasPrefix(p, "/") {
		return ""
	}
	return path.Clean(p)
}

func cleanDir(d string) string {
	d = strings.TrimSpace(d)
	if !strings.HasPrefix(d, "/") {
		return ""
	}
	return path.Clean(d)
}
