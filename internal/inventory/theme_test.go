package inventory

import (
	"reflect"
	"testing"
)

func TestSetActiveTheme(t *testing.T) {
	inv, err := scanOnly(t, fixtures[0])
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		stylesheet, template string
		installed            [2]bool
		problems             []string
	}{
		{"wpd-shop-child", "twentytwentytwo", [2]bool{true, true}, []string{}},
		{"twentytwentyone", "twentytwentyone", [2]bool{true, true}, []string{}},
		{"gone-theme", "gone-theme", [2]bool{false, false}, []string{`the active theme "gone-theme" is not installed`}},
		{"gone-child", "twentytwentytwo", [2]bool{false, true}, []string{`the active theme "gone-child" is not installed`}},
		{"wpd-shop-child", "gone-parent", [2]bool{true, false}, []string{
			`the active parent theme "gone-parent" is not installed`,
			`the active theme "wpd-shop-child" has Template "twentytwentytwo" but the template option is "gone-parent"`}},
		{"orphan-child", "missing-parent", [2]bool{true, false}, []string{
			`the active parent theme "missing-parent" is not installed`,
			`the active theme "orphan-child": The parent theme is missing. Please install the "missing-parent" parent theme.`}},
		{"no-style", "no-style", [2]bool{true, true}, []string{`the active theme "no-style": Stylesheet is missing.`}},
		{"wpd-broken-theme", "twentytwentythree", [2]bool{true, true}, []string{}},
		{"wpd-broken-theme", "twentytwentyfour", [2]bool{true, true}, []string{
			`the active theme "wpd-broken-theme" has Template "twentytwentythree" but the template option is "twentytwentyfour"`,
			`the active parent theme "twentytwentyfour": Template is missing. Standalone themes need to have a templates/index.html or index.php template file.`}},
		{"", "", [2]bool{false, false}, []string{"the stylesheet option is empty", "the template option is empty"}},
	}
	for _, tt := range tests {
		inv.SetActiveTheme(tt.stylesheet, tt.template)
		at := inv.Theme
		if got := [2]bool{at.StylesheetInstalled, at.TemplateInstalled}; got != tt.installed {
			t.Errorf("%s/%s: installed %v, want %v", tt.stylesheet, tt.template, got, tt.installed)
		}
		if !reflect.DeepEqual(at.Problems, tt.problems) {
			t.Errorf("%s/%s: problems\n got  %q\n want %q", tt.stylesheet, tt.template, at.Problems, tt.problems)
		}
		for _, th := range inv.Themes {
			if th.Active != (th.Slug == tt.stylesheet) || th.ActiveAsParent != (th.Slug == tt.template && tt.template != tt.stylesheet) {
				t.Errorf("%s/%s: theme %s active %v as parent %v", tt.stylesheet, tt.template, th.Slug, th.Active, th.ActiveAsParent)
			}
		}
	}
}

func TestFallbackThemes(t *testing.T) {
	inv, err := scanOnly(t, fixtures[0])
	if err != nil {
		t.Fatal(err)
	}
	slugs := func() []string {
		var s []string
		for _, th := range inv.FallbackThemes() {
			s = append(s, th.Slug)
		}
		return s
	}
	// twentytwentyfour has no index template; impostor only claims a default name.
	inv.SetActiveTheme("wpd-shop-child", "twentytwentytwo")
	if got, want := slugs(), []string{"twentytwentythree", "twentytwentyone"}; !reflect.DeepEqual(got, want) {
		t.Errorf("fallbacks %v, want %v", got, want)
	}
	inv.SetActiveTheme("twentytwentythree", "twentytwentythree")
	if got, want := slugs(), []string{"twentytwentytwo", "twentytwentyone"}; !reflect.DeepEqual(got, want) {
		t.Errorf("fallbacks %v, want %v", got, want)
	}
}

func TestDefaultThemes(t *testing.T) {
	d := DefaultThemes()
	if len(d) != 15 || d[0] != "twentytwentyfive" || d[len(d)-1] != "twentyten" {
		t.Errorf("DefaultThemes() = %v", d)
	}
	d[0] = "changed"
	if DefaultThemes()[0] != "twentytwentyfive" {
		t.Error("DefaultThemes returns shared state")
	}
}
