package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabHangup sends SIGHUP (what a closed terminal or a dropped SSH
// session of the user's own delivers) in the middle of a bisect: wpdoctor
// must undo every change, release the lock and exit 129 (issue 14,
// defect 9; before, SIGHUP killed it with plugins renamed).
func TestLabHangup(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "many-plugins")
	before := stateOf(t, f, s)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	state := t.TempDir()
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
	probes := 0
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if strings.Contains(sc.Text(), "plugins on") {
			probes++
			if probes == 3 {
				if err := cmd.Process.Signal(syscall.SIGHUP); err != nil {
					t.Errorf("SIGHUP: %v", err)
				}
			}
		}
	}
	err = cmd.Wait()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	}
	if probes < 3 {
		t.Fatalf("only %d bisect probes seen; SIGHUP was never sent", probes)
	}
	var rep diag.Report
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		t.Fatalf("report JSON: %v\n%.2000s", err, out.String())
	}
	if code != 129 || !rep.Restored || rep.Code != 129 || !strings.Contains(rep.Error, "interrupted") {
		t.Errorf("exit %d after SIGHUP; report: restored %v, code %d, error %q", code, rep.Restored, rep.Code, rep.Error)
	}
	if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
		t.Errorf("site differs after SIGHUP:\n%s", strings.Join(d, "\n"))
	}
	// Nothing is left to restore and the lock is gone: a new run starts.
	r := wpdoctor(t, state, nil, append([]string{"restore"}, target(f, s)...)...)
	if r.code != 0 || !strings.Contains(string(r.stdout), "Nothing to restore") {
		t.Errorf("restore after SIGHUP: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
