package inventory

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixture is one install under testdata/sites, with the database state
// the test gives it.
type fixture struct {
	name                 string
	layout               func(root string) Layout
	consts               Constants
	active, sitewide     []string
	stylesheet, template string
}

func sitesDir(t testing.TB) string {
	t.Helper()
	d, err := filepath.Abs(filepath.Join("testdata", "sites"))
	if err != nil {
		t.Fatal(err)
	}
	return filepath.ToSlash(d)
}

var fixtures = []fixture{
	{
		name:   "default",
		layout: func(root string) Layout { return DefaultLayout(root + "/default/") },
		active: []string{"wpd-gallery/gallery.php", "hello.php", "multi/b.php", "wpd-seo-meta/wpd-seo-meta.php",
			"gone/gone.php", "broken-plugin/broken-plugin.php", "hello.php", "linked-plugin/linked.php"},
		stylesheet: "wpd-shop-child", template: "twentytwentytwo",
	},
	{
		name: "custom-content",
		layout: func(root string) Layout {
			return NewLayout(root+"/custom-content/www", root+"/custom-content/www/content", "", "")
		},
		consts:     Constants{WPCache: true},
		active:     []string{"wp-super-cache/wp-cache.php", "akismet/akismet.php"},
		stylesheet: "missing-theme", template: "missing-theme",
	},
	{
		name: "custom-plugin-dir",
		layout: func(root string) Layout {
			r := root + "/custom-plugin-dir"
			l := NewLayout(r+"/public", "", r+"/app/extensions", r+"/app/mu")
			l.ThemeRoots = append(l.ThemeRoots, r+"/app/themes-extra", r+"/app/themes-vendor")
			return l
		},
		consts:     Constants{Multisite: true, Sunrise: true, DisableFatalErrorHandler: true},
		active:     []string{"missing/missing.php"},
		sitewide:   []string{"network-tools/network-tools.php", "query-monitor/query-monitor.php", "vanished/vanished.php"},
		stylesheet: "child-of-other-root", template: "parent-in-vendor",
	},
}

// scanFixture scans fx through LocalFS and applies its database state.
func scanFixture(t testing.TB, fsys site.FS, fx fixture) *Inventory {
	t.Helper()
	inv, err := Scan(context.Background(), fsys, fx.layout(sitesDir(t)), fx.consts)
	if err != nil {
		t.Fatalf("scan %s: %v", fx.name, err)
	}
	inv.SetActive(fx.active, fx.sitewide)
	inv.SetActiveTheme(fx.stylesheet, fx.template)
	return inv
}

// scanOnly scans fx through LocalFS, without database state.
func scanOnly(t testing.TB, fx fixture) (*Inventory, error) {
	t.Helper()
	return Scan(context.Background(), site.LocalFS{}, fx.layout(sitesDir(t)), fx.consts)
}

// goldenJSON renders inv with the fixture root as /fixtures and without
// the checkout-dependent mtime.
func goldenJSON(t testing.TB, inv *Inventory) []byte {
	t.Helper()
	if inv.Maintenance.Present && inv.Maintenance.ModTime == nil {
		t.Error("maintenance: present but no mtime")
	}
	inv.Maintenance.ModTime = nil
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(inv); err != nil {
		t.Fatal(err)
	}
	return []byte(strings.ReplaceAll(buf.String(), sitesDir(t), "/fixtures"))
}

func TestScanGolden(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			got := goldenJSON(t, scanFixture(t, site.LocalFS{}, fx))
			golden := filepath.Join("testdata", "golden", fx.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("scan differs from %s (run with -update after checking):\n%s", golden, lineDiff(string(want), string(got)))
			}
		})
	}
}

// lineDiff shows the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, wl, gl)
			if n++; n == 10 {
				break
			}
		}
	}
	return b.String()
}
