package inventory

import (
	"fmt"
	"path"
)

// defaultThemes are WordPress's default themes, newest first, with the name
// their style.css gives.
var defaultThemes = []struct{ slug, name string }{
	{"twentytwentyfive", "Twenty Twenty-Five"},
	{"twentytwentyfour", "Twenty Twenty-Four"},
	{"twentytwentythree", "Twenty Twenty-Three"},
	{"twentytwentytwo", "Twenty Twenty-Two"},
	{"twentytwentyone", "Twenty Twenty-One"},
	{"twentytwenty", "Twenty Twenty"},
	{"twentynineteen", "Twenty Nineteen"},
	{"twentyseventeen", "Twenty Seventeen"},
	{"twentysixteen", "Twenty Sixteen"},
	{"twentyfifteen", "Twenty Fifteen"},
	{"twentyfourteen", "Twenty Fourteen"},
	{"twentythirteen", "Twenty Thirteen"},
	{"twentytwelve", "Twenty Twelve"},
	{"twentyeleven", "Twenty Eleven"},
	{"twentyten", "Twenty Ten"},
}

// DefaultThemes returns the slugs of WordPress's default themes
// (twentyten … twentytwentyfive), newest first.
func DefaultThemes() []string {
	out := make([]string, len(defaultThemes))
	for i, d := range defaultThemes {
		out[i] = d.slug
	}
	return out
}

func defaultThemeName(slug string) (string, bool) {
	for _, d := range defaultThemes {
		if d.slug == slug {
			return d.name, true
		}
	}
	return "", false
}

func defaultThemeByName(name string) (string, bool) {
	for _, d := range defaultThemes {
		if d.name == name {
			return d.slug, true
		}
	}
	return "", false
}

// themeProblems works out what WP_Theme would complain about, plus a
// missing Theme Name and a broken parent (wpdoctor's own codes).
func themeProblems(t *Theme, bySlug map[string]*Theme) []Problem {
	if t.noStyle {
		return nil // its one problem is already recorded
	}
	var ps []Problem
	if t.Name == "" {
		ps = append(ps, Problem{"theme_no_name", "style.css has no Theme Name header."})
	}
	switch t.Template {
	case t.Slug:
		ps = append(ps, Problem{"theme_child_invalid", "The theme defines itself as its parent theme. Please check the Template header."})
	case "":
		if !t.hasIndex {
			ps = append(ps, Problem{"theme_no_index", "Template is missing. Standalone themes need to have a templates/index.html or index.php template file."})
		}
	default:
		parent := bySlug[t.Template]
		if parent == nil && path.Dir(t.Slug) != "." {
			parent = bySlug[path.Dir(t.Slug)+"/"+t.Template]
		}
		switch {
		case parent == nil:
			ps = append(ps, Problem{"theme_no_parent", fmt.Sprintf("The parent theme is missing. Please install the %q parent theme.", t.Template)})
		case parent.Template != "" && parent.Template != parent.Slug:
			ps = append(ps, Problem{"theme_parent_invalid", fmt.Sprintf("The %q theme is not a valid parent theme.", t.Template)})
		case parent.noStyle || (parent.Template == "" && !parent.hasIndex):
			ps = append(ps, Problem{"theme_parent_broken", fmt.Sprintf("The parent theme %q is broken (no stylesheet or no index template).", t.Template)})
		}
	}
	return ps
}

// SetActiveTheme records the stylesheet and template options: it marks the
// active theme and its parent, and reports in Theme.Problems an active
// theme or parent that is not installed, that has problems, or that does
// not match the other option.
func (inv *Inventory) SetActiveTheme(stylesheet, template string) {
	at := ActiveTheme{Stylesheet: stylesheet, Template: template, Problems: []string{}}
	var st, tt *Theme
	for i := range inv.Themes {
		t := &inv.Themes[i]
		t.Active = t.Slug == stylesheet
		t.ActiveAsParent = t.Slug == template && template != stylesheet
		if t.Active {
			st = t
		}
		if t.Slug == template {
			tt = t
		}
	}
	at.StylesheetInstalled, at.TemplateInstalled = st != nil, tt != nil
	add := func(format string, args ...any) { at.Problems = append(at.Problems, fmt.Sprintf(format, args...)) }
	switch {
	case stylesheet == "":
		add("the stylesheet option is empty")
	case st == nil:
		add("the active theme %q is not installed", stylesheet)
	}
	switch {
	case template == "":
		add("the template option is empty")
	case tt == nil && template != stylesheet:
		add("the active parent theme %q is not installed", template)
	}
	if st != nil {
		for _, p := range st.Problems {
			add("the active theme %q: %s", stylesheet, p.Message)
		}
		want := st.Template
		if want == "" {
			want = stylesheet
		}
		if !st.noStyle && template != "" && want != template {
			add("the active theme %q has Template %q but the template option is %q", stylesheet, want, template)
		}
	}
	if tt != nil && template != stylesheet {
		for _, p := range tt.Problems {
			add("the active parent theme %q: %s", template, p.Message)
		}
	}
	inv.Theme = at
}

// FallbackThemes returns the installed WordPress default themes that a
// doctor can switch to, newest first: without problems, and neither the
// active theme nor its parent.
func (inv *Inventory) FallbackThemes() []Theme {
	var out []Theme
	for _, d := range defaultThemes {
		for _, t := range inv.Themes {
			if t.Slug != d.slug || len(t.Problems) > 0 ||
				t.Slug == inv.Theme.Stylesheet || t.Slug == inv.Theme.Template {
				continue
			}
			out = append(out, t)
		}
	}
	return out
}
