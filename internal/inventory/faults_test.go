package inventory

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

func findPlugin(inv *Inventory, file string) *Plugin {
	for i := range inv.Plugins {
		if inv.Plugins[i].File == file {
			return &inv.Plugins[i]
		}
	}
	return nil
}

func findOrphan(inv *Inventory, name string) *Orphan {
	for i := range inv.Orphans {
		if inv.Orphans[i].Name == name {
			return &inv.Orphans[i]
		}
	}
	return nil
}

func hasError(inv *Inventory, p, op string) bool {
	for _, e := range inv.Errors {
		if e.Path == p && e.Op == op {
			return true
		}
	}
	return false
}

func TestScanFaults(t *testing.T) {
	l := fixtures[0].layout(sitesDir(t))
	pd, cd, md, td := l.PluginDir, l.ContentDir, l.MUPluginDir, l.ThemeRoots[0]
	perm := fs.ErrPermission
	tests := []struct {
		name  string
		fail  map[string]error
		check func(t *testing.T, inv *Inventory)
	}{
		{"unreadable plugin folder", map[string]error{"ReadDir " + pd + "/wpd-gallery": perm}, func(t *testing.T, inv *Inventory) {
			o := findOrphan(inv, "wpd-gallery")
			if o == nil || !strings.HasPrefix(o.Reason, "unreadable folder: ") || findPlugin(inv, "wpd-gallery/gallery.php") != nil {
				t.Errorf("orphan %+v", o)
			}
			if !hasError(inv, pd+"/wpd-gallery", "list") {
				t.Errorf("errors %+v", inv.Errors)
			}
			inv.SetActive([]string{"wpd-gallery/gallery.php"}, nil)
			if len(inv.MissingActive) != 1 {
				t.Errorf("missing active %v", inv.MissingActive)
			}
		}},
		{"one of two plugin files unreadable", map[string]error{"ReadRange " + pd + "/multi/a.php": perm}, func(t *testing.T, inv *Inventory) {
			if findPlugin(inv, "multi/a.php") != nil || findPlugin(inv, "multi/b.php") == nil || findOrphan(inv, "multi") != nil {
				t.Errorf("plugins %v orphans %v", inv.Plugins, inv.Orphans)
			}
			if !hasError(inv, pd+"/multi/a.php", "read") {
				t.Errorf("errors %+v", inv.Errors)
			}
		}},
		{"only plugin file unreadable", map[string]error{"ReadRange " + pd + "/wpd-gallery/gallery.php": perm}, func(t *testing.T, inv *Inventory) {
			o := findOrphan(inv, "wpd-gallery")
			if o == nil || !strings.HasPrefix(o.Reason, "no readable plugin file: ") {
				t.Errorf("orphan %+v", o)
			}
		}},
		{"unreadable plugin dir", map[string]error{"ReadDir " + pd: perm}, func(t *testing.T, inv *Inventory) {
			if len(inv.Plugins) != 0 || len(inv.Orphans) != 0 {
				t.Errorf("plugins %d orphans %d", len(inv.Plugins), len(inv.Orphans))
			}
			for _, d := range inv.Dirs {
				if d.Role == "plugins" && (d.Error == "" || d.Missing) {
					t.Errorf("dir %+v", d)
				}
			}
			if len(inv.Themes) == 0 || len(inv.MUPlugins) == 0 {
				t.Error("the rest of the scan stopped")
			}
		}},
		{"unreadable style.css", map[string]error{"ReadRange " + td + "/twentytwentyone/style.css": perm}, func(t *testing.T, inv *Inventory) {
			for _, th := range inv.Themes {
				if th.Slug == "twentytwentyone" {
					if len(th.Problems) != 1 || th.Problems[0].Code != "theme_stylesheet_not_readable" {
						t.Errorf("problems %+v", th.Problems)
					}
					return
				}
			}
			t.Error("theme gone")
		}},
		{"unreadable must-use plugin and drop-in", map[string]error{
			"ReadRange " + md + "/wpd-mu-loader.php": perm, "ReadRange " + cd + "/object-cache.php": perm,
		}, func(t *testing.T, inv *Inventory) {
			for _, m := range inv.MUPlugins {
				if m.File == "wpd-mu-loader.php" && (m.Name != "wpd-mu-loader.php" || len(m.Loads) != 0) {
					t.Errorf("mu %+v", m)
				}
			}
			for _, d := range inv.Dropins {
				if d.File == "object-cache.php" && (d.OwnerSlug != "" || d.Orphaned || d.Loads != LoadAlways) {
					t.Errorf("drop-in %+v", d)
				}
			}
			if !hasError(inv, md+"/wpd-mu-loader.php", "read") || !hasError(inv, cd+"/object-cache.php", "read") {
				t.Errorf("errors %+v", inv.Errors)
			}
		}},
		{"unreadable .maintenance", map[string]error{"ReadRange " + l.ABSPATH + "/.maintenance": perm}, func(t *testing.T, inv *Inventory) {
			if !inv.Maintenance.Present || inv.Maintenance.Error == "" {
				t.Errorf("maintenance %+v", inv.Maintenance)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, err := Scan(context.Background(), faultFS{site.LocalFS{}, tt.fail}, l, Constants{})
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, inv)
		})
	}
}

func TestScanMissingDirs(t *testing.T) {
	l := NewLayout(sitesDir(t)+"/nowhere", "", "", "")
	l.ThemeRoots = append(l.ThemeRoots, sitesDir(t)+"/nowhere-else")
	inv, err := Scan(context.Background(), site.LocalFS{}, l, Constants{})
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Dirs) != 5 {
		t.Fatalf("dirs %+v", inv.Dirs)
	}
	for _, d := range inv.Dirs {
		if !d.Missing || d.Error != "" {
			t.Errorf("dir %+v: want missing without error", d)
		}
	}
	if len(inv.Errors) != 0 || inv.Maintenance.Present {
		t.Errorf("errors %+v maintenance %+v", inv.Errors, inv.Maintenance)
	}
	b, _ := json.Marshal(inv)
	if bytes.Contains(b, []byte("null")) {
		t.Errorf("JSON has null: %s", b)
	}
}

func TestScanCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Scan(ctx, site.LocalFS{}, fixtures[0].layout(sitesDir(t)), Constants{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestScanDeterministic scans the same install repeatedly: parallel calls
// must not change the result.
func TestScanDeterministic(t *testing.T) {
	var first []byte
	for i := 0; i < 8; i++ {
		got := goldenJSON(t, scanFixture(t, site.LocalFS{}, fixtures[0]))
		if i == 0 {
			first = got
		} else if !bytes.Equal(got, first) {
			t.Fatalf("scan %d differs:\n%s", i, lineDiff(string(first), string(got)))
		}
	}
}

func TestScanBadLayout(t *testing.T) {
	good := DefaultLayout("/var/www")
	for _, l := range []Layout{
		{},
		NewLayout("var/www", "", "", ""),
		func() Layout { l := good; l.PluginDir = "/var/www/wp-content/plugins/"; return l }(),
		func() Layout { l := good; l.ThemeRoots = []string{"themes"}; return l }(),
	} {
		if _, err := Scan(context.Background(), site.LocalFS{}, l, Constants{}); !errors.Is(err, ErrBadLayout) {
			t.Errorf("Scan(%+v) = %v, want ErrBadLayout", l, err)
		}
	}
}
