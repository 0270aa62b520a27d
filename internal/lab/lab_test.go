package lab_test

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// siteScenarios are the scenarios each site is checked in: every scenario on
// site1, and on the others those whose evidence differs with their set-up
// (DB over a unix socket, FPM log readable by root only, custom content dir,
// PHP errors sent to nginx as FastCGI stderr).
var siteScenarios = map[string][]string{
	"site2": {"healthy", "crash", "fatal", "timeout", "fpm-stopped"},
	"site3": {"healthy", "crash-noisy", "fatal", "big-headers", "dropin-object-cache", "theme-broken", "mu-broken"},
	// Apache with mod_proxy_fcgi, the pool passing the database password.
	"site4": {"healthy", "crash", "fatal", "memory", "timeout", "fpm-stopped"},
}

func TestLabScenarios(t *testing.T) {
	f := labtest.Facts(t)
	for _, site := range f.Sites {
		t.Run(site.Name, func(t *testing.T) {
			t.Parallel()
			names := siteScenarios[site.Name]
			if names == nil {
				for _, sc := range lab.Scenarios {
					if !sc.ForNetwork() {
						names = append(names, sc.Name)
					}
				}
			}
			s := labtest.Site(t, f, site.Name, "healthy")
			for _, name := range names {
				sc, _ := lab.ScenarioByName(name)
				if want, ok := sc.ExpectOn(site.Server); !ok || want.Status == 0 {
					continue // not steady (see TestLabFlaky), or not known on this server
				}
				t.Run(name, func(t *testing.T) { checkScenario(t, f, s, sc) })
			}
		})
	}
}

// TestLabMultisiteScenarios checks that the network scenarios break the
// sites they say, and only those: every site's front page status.
func TestLabMultisiteScenarios(t *testing.T) {
	f := labtest.Facts(t)
	if len(f.Networks) == 0 {
		t.Fatal("the lab has no multisite network")
	}
	n := &f.Networks[0]
	if len(n.SubSites) < 3 {
		t.Fatalf("%s has %d sub-sites, want at least 3", n.Name, len(n.SubSites))
	}
	labtest.Site(t, f, n.Name, "healthy")
	healthy, _ := lab.ScenarioByName("healthy")
	for _, sc := range append([]lab.Scenario{healthy}, networkScenarios()...) {
		t.Run(sc.Name, func(t *testing.T) {
			labtest.Scenario(t, f, n.Name, sc.Name)
			if st, _ := get(t, n.URL+"/"); st != sc.Expect.Status {
				t.Errorf("main site answered %d, want %d", st, sc.Expect.Status)
			}
			for _, sub := range n.SubSites {
				if st, _ := get(t, sub.URL); st != sc.SubSiteStatus(sub.ID) {
					t.Errorf("sub-site %d (%s) answered %d, want %d", sub.ID, sub.Path, st, sc.SubSiteStatus(sub.ID))
				}
			}
		})
	}
}

func networkScenarios() []lab.Scenario {
	var out []lab.Scenario
	for _, sc := range lab.Scenarios {
		if sc.ForNetwork() {
			out = append(out, sc)
		}
	}
	return out
}

func checkScenario(t *testing.T, f *lab.Facts, s *lab.SiteFact, sc lab.Scenario) {
	labtest.Scenario(t, f, s.Name, sc.Name)
	mark := labtest.Mark(t, s)
	want, _ := sc.ExpectOn(s.Server)
	status, body := get(t, s.URL+"/")
	if status != want.Status {
		t.Errorf("%s on %s: front page answered %d, want %d", sc.Name, s.Name, status, want.Status)
	}
	// FPM logs a child's death after nginx has answered: poll a little.
	deadline := time.Now().Add(3 * time.Second)
	for _, ev := range want.Evidence {
		for {
			got := body
			if ev.Log != lab.LogBody {
				got = mark.Since(t, s, ev.Log)
			}
			if strings.Contains(got, ev.Contains) {
				break
			}
			if time.Now().After(deadline) {
				t.Errorf("%s on %s: %s log lacks %q; it got:\n%s", sc.Name, s.Name, ev.Log, ev.Contains, tail(got, 2000))
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	capture(t, s, sc.Name, mark, body)
}

// TestFlaky checks that the flaky plugin fails some requests, not all.
func TestLabFlaky(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "flaky")
	counts := map[int]int{}
	for i := 0; i < 24; i++ {
		status, _ := get(t, s.URL+"/")
		counts[status]++
	}
	if counts[200] == 0 || counts[502] == 0 || counts[200]+counts[502] != 24 {
		t.Errorf("flaky: statuses %v, want a mix of 200 and 502", counts)
	}
	t.Logf("flaky: %v", counts)
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	c := &http.Client{Timeout: 30 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return resp.StatusCode, string(b)
}

// capture writes the log bytes a scenario produced to $WPLAB_CAPTURE, for
// the log parsers' testdata.
func capture(t *testing.T, s *lab.SiteFact, scenario string, mark labtest.LogMark, body string) {
	dir := os.Getenv("WPLAB_CAPTURE")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for log, paths := range labtest.LogPaths(s) {
		if log == lab.LogPHP && len(paths) > 1 {
			continue
		}
		if b := mark.Since(t, s, log); b != "" {
			name := filepath.Join(dir, fmt.Sprintf("%s.%s.%s.log", s.Name, scenario, log))
			if err := os.WriteFile(name, []byte(b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func tail(s string, n int) string {
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}
