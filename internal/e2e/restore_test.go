package e2e

import (
	"bufio"
	"context"
	"errors"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// TestLabKillAfterEveryStep kills wpdoctor (SIGKILL) right after each
// journaled change of a real run — the wp-config.php edit, each batch of
// renames, each option write — then runs `wpdoctor restore`: the site must
// be exactly as before every time.
func TestLabKillAfterEveryStep(t *testing.T) {
	f := labtest.Facts(t)
	for _, strategy := range []string{"db", "rename"} {
		t.Run(strategy, func(t *testing.T) {
			s := labtest.Site(t, f, "site1", "crash")
			before := stateOf(t, f, s)
			args := append([]string{"diagnose", "--auto-bisect", "--strategy", strategy, "--json", "-q"}, target(f, s)...)
			for k := 1; k < 60; k++ {
				state := t.TempDir()
				r := wpdoctor(t, state, []string{"WPDOCTOR_FAILPOINT_KILL_AFTER_CHANGE=" + strconv.Itoa(k)}, args...)
				if !r.killed {
					if r.code != 3 || r.report == nil || !r.report.Restored {
						t.Fatalf("k=%d: the run was not killed and did not finish well: exit %d %s", k, r.code, r.stderr)
					}
					t.Logf("%s: killed after each of %d changes, restored every time", strategy, k-1)
					if k < 4 {
						t.Errorf("only %d changes: the run changed less than expected", k-1)
					}
					return
				}
				if len(before.diff(stateOf(t, f, s))) == 0 {
					t.Errorf("k=%d: killed, but the site shows no change (the failpoint is not after a change)", k)
				}
				rr := wpdoctor(t, state, nil, append([]string{"restore"}, target(f, s)...)...)
				if rr.code != 0 {
					t.Fatalf("k=%d: restore exit %d: %s %s", k, rr.code, rr.stdout, rr.stderr)
				}
				if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
					t.Fatalf("k=%d: site differs after restore:\n%s", k, strings.Join(d, "\n"))
				}
				again := wpdoctor(t, state, nil, append([]string{"restore"}, target(f, s)...)...)
				if again.code != 0 || !strings.Contains(string(again.stdout), "Nothing to restore") {
					t.Fatalf("k=%d: second restore: exit %d %s", k, again.code, again.stdout)
				}
			}
			t.Fatal("the run never finished")
		})
	}
}

// TestLabDroppedConnection drops the SSH connection (the server side kills
// the account's sshd processes) in the middle of a bisect: wpdoctor must
// reconnect, finish and restore.
func TestLabDroppedConnection(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "many-plugins")
	before := stateOf(t, f, s)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, append([]string{"diagnose", "--auto-bisect", "--strategy", "rename", "--json"}, target(f, s)...)...)
	cmd.Env = append(cmd.Environ(), "WPDOCTOR_STATE_DIR="+t.TempDir())
	var out strings.Builder
	cmd.Stdout = &out
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	dropped := 0
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		line := sc.Text()
		// Drop the connection twice, at the third and sixth bisect probes.
		if strings.Contains(line, "plugins on") {
			dropped++
			if dropped == 3 || dropped == 6 {
				if out, err := exec.Command("pkill", "-KILL", "-u", s.User, "sshd").CombinedOutput(); err != nil {
					t.Errorf("pkill: %v %s", err, out)
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
	if code != 3 || !strings.Contains(out.String(), `"plugin:wpd-crash"`) || !strings.Contains(out.String(), `"restored": true`) {
		t.Errorf("exit %d after dropped connections; report:\n%.2000s", code, out.String())
	}
	if dropped < 6 {
		t.Errorf("only %d bisect probes seen; the connection was not dropped twice", dropped)
	}
	if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
		t.Errorf("site differs:\n%s", strings.Join(d, "\n"))
	}
}
