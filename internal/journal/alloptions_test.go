package journal

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// A row the run's own change makes WordPress create (theme_mods_<theme>
// after a theme switch) is guarded before the change and removed by undo;
// rows the run never touched that differ at the end are reported, left as
// they are, and do not fail the verification.
func TestUndoComparesEveryOptionRow(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.opts.set("blogname", "Shop")
	f.opts.set("wc_orders", "41")
	f.opts.set("old_flag", "1")
	s, err := Begin(ctx, f.env(nil), f.run(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.GuardOption(ctx, "theme_mods_twentytwentytwo", "created by a theme switch"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetOption(ctx, "template", []byte("twentytwentytwo"), "default theme"); err != nil {
		t.Fatal(err)
	}
	// The site, during the run: WordPress writes the new theme's mods, a
	// visitor's order bumps a counter, a plugin removes a flag and adds a
	// row, and WordPress rewrites its transients and cron.
	f.opts.set("theme_mods_twentytwentytwo", "a:1:{i:0;b:0;}")
	f.opts.set("wc_orders", "42")
	f.opts.remove("old_flag")
	f.opts.set("plugin_new_row", "x")
	f.opts.set("_transient_doing_cron", "1")
	f.opts.set("cron", "a:0:{}")

	rep, err := s.Undo(ctx)
	if err != nil {
		t.Fatalf("undo: %v", err)
	}
	if !rep.Verified {
		t.Fatalf("not verified: %+v", rep)
	}
	if _, found, _ := f.opts.Option(ctx, "theme_mods_twentytwentytwo"); found {
		t.Error("theme_mods_twentytwentytwo created by the theme switch is still there")
	}
	if v, _, _ := f.opts.Option(ctx, "template"); string(v) != "twentytwentythree" {
		t.Errorf("template = %q", v)
	}
	want := []OtherDiff{{"old_flag", "removed"}, {"plugin_new_row", "appeared"}, {"wc_orders", "changed"}}
	if !reflect.DeepEqual(rep.Others, want) {
		t.Errorf("others = %+v, want %+v", rep.Others, want)
	}
	// Never silently deleted or reverted.
	if v, _, _ := f.opts.Option(ctx, "wc_orders"); string(v) != "42" {
		t.Errorf("wc_orders = %q: a row wpdoctor did not touch was changed", v)
	}
	if _, found, _ := f.opts.Option(ctx, "plugin_new_row"); !found {
		t.Error("plugin_new_row was deleted")
	}
	notes := strings.Join(rep.Notes, "\n")
	for _, w := range []string{"3 option row(s)", "option wc_orders changed", "2 transient, cron"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
}

// After a crash, restore compares the whole table against the digest the
// journal recorded at the start, and removes a guarded row the site
// created.
func TestRestoreAfterCrashComparesEveryOptionRow(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	s, err := Begin(ctx, f.env(nil), f.run(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.GuardOption(ctx, "theme_mods_twentytwentytwo", "created by a theme switch"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetOption(ctx, "template", []byte("twentytwentytwo"), "default theme"); err != nil {
		t.Fatal(err)
	}
	f.opts.set("theme_mods_twentytwentytwo", "x")
	f.opts.set("late_row", "y")
	s.j.close() // the process dies here

	rep, err := Restore(ctx, f.env(nil), s.Path())
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if _, found, _ := f.opts.Option(ctx, "theme_mods_twentytwentytwo"); found {
		t.Error("guarded row still there after restore")
	}
	if want := []OtherDiff{{"late_row", "appeared"}}; !reflect.DeepEqual(rep.Others, want) {
		t.Errorf("others = %+v, want %+v", rep.Others, want)
	}
}

func TestCompareAll(t *testing.T) {
	before := map[string]string{"a": "1", "b": "2", "c": "3", "_transient_x": "1", "touched": "1"}
	after := map[string]string{"a": "1", "b": "9", "d": "4", "_transient_x": "2", "_site_transient_y": "1", "touched": "2"}
	others, volatile := compareAll(before, after, map[string]OptionState{"touched": {}})
	want := []OtherDiff{{"b", "changed"}, {"c", "removed"}, {"d", "appeared"}}
	if !reflect.DeepEqual(others, want) || volatile != 2 {
		t.Errorf("got %+v, %d volatile; want %+v, 2", others, volatile, want)
	}
}

func TestVolatileOption(t *testing.T) {
	for name, want := range map[string]bool{
		"_transient_doing_cron":                         true,
		"_site_transient_update_core":                   true,
		"cron":                                          true,
		"recovery_keys":                                 true,
		"active_plugins":                                false,
		"[ms_2_options] _transient_timeout_x":           true,
		"[ms_2_options] cron":                           true,
		"[ms_2_options] active_plugins":                 false,
		"[ms_sitemeta 1] _site_transient_update_themes": true,
		"[ms_sitemeta 1] active_sitewide_plugins":       false,
		"[odd name without the separator":               false,
	} {
		if got := VolatileOption(name); got != want {
			t.Errorf("VolatileOption(%q) = %v, want %v", name, got, want)
		}
	}
}
