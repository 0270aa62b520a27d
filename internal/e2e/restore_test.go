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

	"github.com/wpdoctor/wpdoctor/internal/lab"
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
			n := killAfterEachChange(t, f, s, args, 60, killHooks{
				atKill: func(k int) {
					if len(before.diff(stateOf(t, f, s))) == 0 {
						t.Errorf("k=%d: killed, but the site shows no change (the failpoint is not after a change)", k)
					}
				},
				afterRestore: func(k int, state string) {
					again := wpdoctor(t, state, nil, append([]string{"restore"}, target(f, s)...)...)
					if again.code != 0 || !strings.Contains(string(again.stdout), "Nothing to restore") {
						t.Fatalf("k=%d: second restore: exit %d %s", k, again.code, again.stdout)
					}
				},
			})
			t.Logf("%s: killed after each of %d changes, restored every time", strategy, n)
			if n < 3 {
				t.Errorf("only %d changes: the run changed less than expected", n)
			}
		})
	}
}

// killHooks are what a kill test checks besides the restore: atKill after
// each killed run, afterRestore after its restore (state is the run's
// state directory).
type killHooks struct {
	atKill       func(k int)
	afterRestore func(k int, state string)
}

// killAfterEachChange runs args (a diagnose that exits 3) once per change
// it makes, killed with SIGKILL right after the k-th
// (WPDOCTOR_FAILPOINT_KILL_AFTER_CHANGE), undoes each with `wpdoctor
// restore` and checks that the site is as before. It returns how many
// changes the whole run makes (the first k that is not killed, less one).
func killAfterEachChange(t *testing.T, f *lab.Facts, s *lab.SiteFact, args []string, most int, h killHooks) int {
	t.Helper()
	before := stateOf(t, f, s)
	for k := 1; k < most; k++ {
		state := t.TempDir()
		r := wpdoctor(t, state, []string{"WPDOCTOR_FAILPOINT_KILL_AFTER_CHANGE=" + strconv.Itoa(k)}, args...)
		if !r.killed {
			if r.code != 3 || r.report == nil || !r.report.Restored {
				t.Fatalf("k=%d: the run was not killed and did not finish well: exit %d %s", k, r.code, r.stderr)
			}
			return k - 1
		}
		if h.atKill != nil {
			h.atKill(k)
		}
		rr := wpdoctor(t, state, nil, append([]string{"restore"}, target(f, s)...)...)
		if rr.code != 0 {
			t.Fatalf("k=%d: restore exit %d: %s %s", k, rr.code, rr.stdout, rr.stderr)
		}
		if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
			t.Fatalf("k=%d: site differs after restore:\n%s", k, strings.Join(d, "\n"))
		}
		if h.afterRestore != nil {
			h.afterRestore(k, state)
		}
	}
	t.Fatalf("the run never finished in %d changes", most)
	return 0
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
