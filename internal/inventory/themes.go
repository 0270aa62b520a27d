package inventory

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"sort"
)

// themeHeaders are the style.css fields Scan reads.
var themeHeaders = []string{"Theme Name", "Template", "Version", "Requires PHP", "Requires at least", "Status"}

// scanThemeRoot does what search_theme_directories() does for one root:
// each folder with a style.css is a theme; a folder without one is a folder
// of themes if sub-folders have a style.css, else a theme missing its
// stylesheet. Names starting with a dot and "CVS" are skipped.
func (s *scanner) scanThemeRoot(ctx context.Context, root string, entries []fs.FileInfo) []*Theme {
	entries = visible(entries)
	found := make([][]*Theme, len(entries))
	s.each(len(entries), func(i int) {
		e := entries[i]
		if e.Name() == "CVS" {
			return
		}
		if fi, ok := s.resolve(ctx, root, e); !ok || !fi.IsDir() {
			return
		}
		found[i] = s.scanThemeDir(ctx, root, e.Name())
	})
	var out []*Theme
	for _, f := range found {
		out = append(out, f...)
	}
	return out
}

// scanThemeDir looks at one folder of a theme root.
func (s *scanner) scanThemeDir(ctx context.Context, root, name string) []*Theme {
	dir := path.Join(root, name)
	list, err := s.readDir(ctx, dir)
	if err != nil {
		s.fail(dir, "list", err)
		return []*Theme{{Slug: name, Root: root, Dir: dir, noStyle: true, Problems: []Problem{
			{"theme_stylesheet_not_readable", "Stylesheet is not readable: " + err.Error()}}}}
	}
	if has(list, "style.css") {
		return []*Theme{s.readTheme(ctx, root, name, list)}
	}
	var subs []string
	for _, e := range visible(list) {
		if e.IsDir() && e.Name() != "CVS" {
			subs = append(subs, e.Name())
		}
	}
	nested := make([]*Theme, len(subs))
	s.each(len(subs), func(i int) {
		slug := name + "/" + subs[i]
		if _, err := s.stat(ctx, path.Join(root, slug, "style.css")); err != nil {
			return // no style.css: not a theme (whatever the error, as file_exists())
		}
		sl, err := s.readDir(ctx, path.Join(root, slug))
		if err != nil {
			s.fail(path.Join(root, slug), "list", err)
		}
		nested[i] = s.readTheme(ctx, root, slug, sl)
	})
	var out []*Theme
	for _, t := range nested {
		if t != nil {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		out = []*Theme{{Slug: name, Name: name, Root: root, Dir: dir, noStyle: true,
			Problems: []Problem{{"theme_no_stylesheet", "Stylesheet is missing."}}}}
	}
	return out
}

// readTheme reads style.css of the theme at root/slug, whose listing is list.
func (s *scanner) readTheme(ctx context.Context, root, slug string, list []fs.FileInfo) *Theme {
	dir := path.Join(root, slug)
	t := &Theme{Slug: slug, Root: root, Dir: dir}
	data, err := s.readHead(ctx, path.Join(dir, "style.css"), HeadSize)
	if err != nil {
		s.fail(path.Join(dir, "style.css"), "read", err)
		t.Name, t.noStyle = slug, true
		t.Problems = []Problem{{"theme_stylesheet_not_readable", "Stylesheet is not readable."}}
		return t
	}
	h := HeaderFields(data, themeHeaders...)
	t.Name, t.Template, t.Version = h["Theme Name"], h["Template"], h["Version"]
	t.RequiresPHP, t.RequiresWP, t.Status = h["Requires PHP"], h["Requires at least"], h["Status"]
	if def, ok := defaultThemeByName(t.Name); ok && path.Base(slug) != def {
		t.Name += "/" + slug // WP_Theme: "Default themes always trump their pretenders."
	}
	_, t.Default = defaultThemeName(slug)
	t.hasIndex = has(list, "index.php")
	if !t.hasIndex && t.Template == "" {
		for _, sub := range []string{"templates", "block-templates"} {
			if !has(list, sub) {
				continue
			}
			fi, err := s.stat(ctx, path.Join(dir, sub, "index.html"))
			if err == nil && !fi.IsDir() {
				t.hasIndex = true
				break
			}
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				s.fail(path.Join(dir, sub, "index.html"), "stat", err)
			}
		}
	}
	return t
}

// has reports whether the listing holds name.
func has(list []fs.FileInfo, name string) bool {
	for _, e := range list {
		if e.Name() == name {
			return true
		}
	}
	return false
}

// mergeThemes joins the roots' themes (a slug found in several roots is
// the one in the last root, as search_theme_directories() keeps it), sorts
// them by slug and works out their problems.
func mergeThemes(roots [][]*Theme) []Theme {
	bySlug := map[string]*Theme{}
	for _, r := range roots {
		for _, t := range r {
			bySlug[t.Slug] = t
		}
	}
	out := make([]Theme, 0, len(bySlug))
	for _, t := range bySlug {
		out = append(out, *t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	for i := range out {
		out[i].Problems = append(out[i].Problems, themeProblems(&out[i], bySlug)...)
	}
	return out
}
