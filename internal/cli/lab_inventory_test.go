package cli

import (
	"context"
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabInfoInventory compares `info --json` with what the lab set up: the
// active plugins, the theme, must-use plugins and drop-ins of a scenario.
func TestLabInfoInventory(t *testing.T) {
	f := labtest.Facts(t)
	for _, c := range []struct{ site, scenario string }{
		{"site1", "healthy"}, {"site1", "orphan-dropin"}, {"site3", "mu-broken"}, {"site2", "dropin-object-cache"},
	} {
		t.Run(c.site+"/"+c.scenario, func(t *testing.T) {
			s := labtest.Site(t, f, c.site, c.scenario)
			sc, _ := lab.ScenarioByName(c.scenario)
			io, out, errb := testIO()
			if code := Run(context.Background(), append([]string{"info"}, labArgs(f, s, "--json")...), io); code != ExitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var info struct {
				Plugins []struct {
					Slug, File, Name, Version string
					Active                    bool
					NetworkActive             bool `json:"network_active"`
				}
				MUPlugins []struct{ File string } `json:"mu_plugins"`
				Dropins   []struct {
					File     string
					Orphaned bool
				}
				Theme     struct{ Stylesheet, Template string }
				Multisite bool
			}
			if err := json.Unmarshal(out.Bytes(), &info); err != nil {
				t.Fatal(err)
			}
			var active []string
			for _, p := range info.Plugins {
				if p.Slug == "" || p.Name == "" || p.Version == "" {
					t.Errorf("incomplete plugin %+v", p)
				}
				if p.Active {
					active = append(active, p.File)
				}
			}
			sort.Strings(active)
			want := sc.ActivePlugins(map[string]int{"site1": 60}[c.site])
			if strings.Join(active, ",") != strings.Join(want, ",") {
				t.Errorf("active plugins\n got %v\nwant %v", active, want)
			}
			if info.Theme.Stylesheet != sc.Stylesheet() || info.Theme.Template != sc.Template() || info.Multisite {
				t.Errorf("theme %+v multisite %v", info.Theme, info.Multisite)
			}
			var mu []string
			for _, m := range info.MUPlugins {
				mu = append(mu, m.File)
			}
			wantMU := []string{"wpd-mu-harmless.php", "wpd-mu-loader.php"}
			wantMU = append(wantMU, sc.MU...)
			sort.Strings(wantMU)
			if strings.Join(mu, ",") != strings.Join(wantMU, ",") {
				t.Errorf("mu-plugins %v, want %v", mu, wantMU)
			}
			var drop []string
			for _, d := range info.Dropins {
				drop = append(drop, d.File)
				if c.scenario == "orphan-dropin" && d.File == "advanced-cache.php" && !d.Orphaned {
					t.Error("the orphaned advanced-cache.php is not reported orphaned")
				}
			}
			var wantDrop []string
			for d := range sc.DropIns {
				wantDrop = append(wantDrop, d)
			}
			sort.Strings(wantDrop)
			if strings.Join(drop, ",") != strings.Join(wantDrop, ",") {
				t.Errorf("drop-ins %v, want %v", drop, wantDrop)
			}
		})
	}
}
