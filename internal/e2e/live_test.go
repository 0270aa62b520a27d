package e2e

import (
	"bufio"
	"context"
	"errors"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabRestoreRefusesLiveRun (issue 14, defect 3): while a bisect runs,
// `wpdoctor restore TARGET`, `wpdoctor restore` and a second `diagnose`
// are refused with exit 7 and undo nothing; the run finishes and restores
// the site itself.
func TestLabRestoreRefusesLiveRun(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "many-plugins")
	before := stateOf(t, f, s)
	state := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, append([]string{"diagnose", "--auto-bisect", "--strategy", "rename", "--json"}, target(f, s)...)...)
	cmd.Env = append(cmd.Environ(), "WPDOCTOR_STATE_DIR="+state)
	var out strings.Builder
	cmd.Stdout = &out
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	probes, tried := 0, false
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if !strings.Contains(sc.Text(), "plugins on") {
			continue
		}
		if probes++; probes != 2 {
			continue
		}
		tried = true
		for _, args := range [][]string{append([]string{"restore"}, target(f, s)...), append([]string{"restore"}, target(f, s)[1:]...), append([]string{"diagnose", "-q"}, target(f, s)...)} {
			r := wpdoctor(t, state, nil, args...)
			if r.code != 7 || !strings.Contains(string(r.stderr), "locked by another wpdoctor") || strings.Contains(string(r.stderr), "run 'wpdoctor restore") {
				t.Errorf("%s during a live run: exit %d, want 7\n%s%s", args[0], r.code, r.stdout, r.stderr)
			}
		}
	}
	err = cmd.Wait()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	}
	if !tried {
		t.Fatalf("the run ended (exit %d) before its second bisect probe:\n%.2000s", code, out.String())
	}
	if code != 3 || !strings.Contains(out.String(), `"plugin:wpd-crash"`) || !strings.Contains(out.String(), `"restored": true`) {
		t.Errorf("the live run: exit %d; report:\n%.2000s", code, out.String())
	}
	if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
		t.Errorf("site differs:\n%s", strings.Join(d, "\n"))
	}
}

// TestLabThemeCulpritKeptOff (issue 9): a theme culprit is kept off by
// switching to a default theme, the site answers, and restore --kept puts
// it back exactly.
func TestLabThemeCulpritKeptOff(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "theme-broken")
	before := stateOf(t, f, s)
	state := t.TempDir()
	r := wpdoctor(t, state, nil, append([]string{"diagnose", "--auto-bisect", "--leave-culprit-disabled", "--json", "-q"}, target(f, s)...)...)
	if r.code != 3 || r.report == nil || !r.report.Restored || r.report.Verdict.Kind != "theme" {
		t.Fatalf("exit %d: %s\n%.1500s", r.code, r.stderr, r.stdout)
	}
	if len(r.report.Kept) != 1 || !strings.Contains(r.report.Kept[0], "theme ") {
		t.Fatalf("kept %v; notes %v", r.report.Kept, r.report.Notes)
	}
	resp, err := http.Get(s.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("with the theme left disabled the site answers %d", resp.StatusCode)
	}
	rr := wpdoctor(t, state, nil, append([]string{"restore", "--kept"}, target(f, s)...)...)
	if rr.code != 0 {
		t.Fatalf("restore --kept: exit %d %s %s", rr.code, rr.stdout, rr.stderr)
	}
	if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
		t.Errorf("after restore --kept:\n%s", strings.Join(d, "\n"))
	}
}
