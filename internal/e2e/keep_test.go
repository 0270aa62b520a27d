package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabLeaveCulpritDisabled: the owner wants the site back up: only the
// culprit stays off (a journaled, reported change), the site answers, and
// `restore --kept` puts it back exactly.
func TestLabLeaveCulpritDisabled(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "crash")
	before := stateOf(t, f, s)
	state := t.TempDir()
	r := wpdoctor(t, state, nil, append([]string{"diagnose", "--auto-bisect", "--leave-culprit-disabled", "--json", "-q"}, target(f, s)...)...)
	if r.code != 3 || r.report == nil || !r.report.Restored {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if len(r.report.Kept) != 1 || !strings.Contains(r.report.Kept[0], "wpd-crash") {
		t.Fatalf("kept %v", r.report.Kept)
	}
	resp, err := http.Get(s.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("with the culprit left disabled the site answers %d", resp.StatusCode)
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
}
