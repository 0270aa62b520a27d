package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabLeaveCulpritDisabled: the owner wants the site back up: only the
// culprit stays off (a journaled, reported change), the site answers, and
// `restore --kept` puts it back exactly. On the multisite network the
// network-activated culprit's folder is renamed: every site answers again,
// and the report says the folder is the whole network's.
func TestLabLeaveCulpritDisabled(t *testing.T) {
	f := labtest.Facts(t)
	cases := []struct {
		site, scenario, kept string
	}{
		{"site1", "crash", "wpd-crash"},
		{"site5", "ms-network-crash", "the whole network's"},
	}
	for _, c := range cases {
		t.Run(c.site, func(t *testing.T) {
			s := labtest.Site(t, f, c.site, c.scenario)
			before := stateOf(t, f, s)
			state := t.TempDir()
			r := wpdoctor(t, state, nil, append([]string{"diagnose", "--auto-bisect", "--leave-culprit-disabled", "--json", "-q"}, target(f, s)...)...)
			if r.code != 3 || r.report == nil || !r.report.Restored {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if len(r.report.Kept) != 1 || !strings.Contains(r.report.Kept[0], "wpd-crash") || !strings.Contains(r.report.Kept[0], c.kept) {
				t.Fatalf("kept %v, want wpd-crash and %q", r.report.Kept, c.kept)
			}
			urls := []string{s.URL + "/"}
			for _, sub := range s.SubSites {
				urls = append(urls, sub.URL)
			}
			for _, u := range urls {
				resp, err := http.Get(u)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					t.Errorf("with the culprit left disabled %s answers %d", u, resp.StatusCode)
				}
			}
			diff := before.diff(stateOf(t, f, s))
			for _, d := range diff {
				if !strings.Contains(d, "wpd-crash") {
					t.Errorf("a change other than the culprit's: %s", d)
				}
			}
			if len(diff) == 0 {
				t.Error("the culprit was not left disabled")
			}
			rr := wpdoctor(t, state, nil, append([]string{"restore", "--kept"}, target(f, s)...)...)
			if rr.code != 0 {
				t.Fatalf("restore --kept: exit %d %s %s", rr.code, rr.stdout, rr.stderr)
			}
			if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
				t.Errorf("after restore --kept:\n%s", strings.Join(d, "\n"))
			}
		})
	}
}
