package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// tmuxTUI runs the real binary in a detached tmux session of 100×30.
type tmuxTUI struct {
	t    *testing.T
	name string
}

func startTUI(t *testing.T, state string, args ...string) *tmuxTUI {
	t.Helper()
	return startTUIEnv(t, state, nil, args...)
}

func startTUIEnv(t *testing.T, state string, env []string, args ...string) *tmuxTUI {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	name := "wpdoctor-e2e-" + strings.ReplaceAll(t.Name(), "/", "-")
	_ = exec.Command("tmux", "kill-session", "-t", name).Run()
	line := "env WPDOCTOR_STATE_DIR=" + state + " " + strings.Join(env, " ") + " " + binary
	for _, a := range args {
		line += " '" + a + "'"
	}
	line += "; echo EXIT=$?; sleep 600"
	if out, err := exec.Command("tmux", "new-session", "-d", "-s", name, "-x", "100", "-y", "30", line).CombinedOutput(); err != nil {
		t.Fatalf("tmux: %v %s", err, out)
	}
	tt := &tmuxTUI{t: t, name: name}
	t.Cleanup(func() {
		// Closing the terminal hangs the program up: let it undo its
		// changes and go before the site is handed to the next test.
		_ = exec.Command("tmux", "kill-session", "-t", name).Run()
		for deadline := time.Now().Add(time.Minute); running(binary, state) && time.Now().Before(deadline); {
			time.Sleep(100 * time.Millisecond)
		}
	})
	return tt
}

func (tt *tmuxTUI) screen() string {
	out, err := exec.Command("tmux", "capture-pane", "-p", "-t", tt.name).Output()
	if err != nil {
		tt.t.Fatalf("capture-pane: %v", err)
	}
	return string(out)
}

// wait waits for any of the strings and returns the screen.
func (tt *tmuxTUI) wait(d time.Duration, any ...string) string {
	tt.t.Helper()
	deadline := time.Now().Add(d)
	for {
		s := tt.screen()
		for _, a := range any {
			if strings.Contains(s, a) {
				return s
			}
		}
		if time.Now().After(deadline) {
			tt.t.Fatalf("waited %s for %q; the screen:\n%s", d, any, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (tt *tmuxTUI) keys(k ...string) {
	if out, err := exec.Command("tmux", append([]string{"send-keys", "-t", tt.name}, k...)...).CombinedOutput(); err != nil {
		tt.t.Fatalf("send-keys: %v %s", err, out)
	}
}

// TestLabTUICrashKeep: as a person would: the plan is asked, accepted, the
// verdict names the culprit, it is kept off, q restores the rest; then
// `restore --kept` gives back a site identical to before, file by file and
// option by option.
func TestLabTUICrashKeep(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "crash")
	before := stateOf(t, f, s)
	state := t.TempDir()
	start := time.Now()
	tt := startTUI(t, state, append([]string{"tui"}, append(target(f, s), "--strategy", "db")...)...)
	tt.wait(30*time.Second, "Connect", "Overview", "Diagnosis")
	t.Logf("first screen after %s", time.Since(start).Round(time.Millisecond))
	tt.wait(2*time.Minute, "Start bisect")
	tt.keys("Enter")
	scr := tt.wait(3*time.Minute, "Keep plugin:wpd-crash", "Failed")
	t.Logf("verdict after %s:\n%s", time.Since(start).Round(time.Millisecond), scr)
	if !strings.Contains(scr, "Verdict") || !strings.Contains(scr, "SIGSEGV") {
		t.Fatalf("verdict screen:\n%s", scr)
	}
	tt.keys("Enter")
	tt.wait(2*time.Minute, "stays off")
	tt.keys("q")
	scr = tt.wait(2*time.Minute, "EXIT=")
	if !strings.Contains(scr, "EXIT=3") || !strings.Contains(scr, "Restored and verified") {
		t.Fatalf("after quitting:\n%s", scr)
	}
	r := wpdoctor(t, state, nil, append([]string{"restore", "--kept"}, target(f, s)...)...)
	if r.code != 0 {
		t.Fatalf("restore --kept: exit %d %s %s", r.code, r.stdout, r.stderr)
	}
	if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
		t.Errorf("after restore --kept:\n%s", strings.Join(d, "\n"))
	}
}

// TestLabTUIQuitDuringDiagnosis: q while debug logging is on restores and
// verifies before the program exits; the site is identical. (db: the
// debug-log round edits wp-config.php and waits for opcache, a window to
// quit in; auto's probe agent logs without a wait.)
func TestLabTUIQuitDuringDiagnosis(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "crash")
	before := stateOf(t, f, s)
	state := t.TempDir()
	tt := startTUI(t, state, append([]string{"tui"}, append(target(f, s), "--strategy", "db")...)...)
	tt.wait(2*time.Minute, "WP_DEBUG and WP_DEBUG_LOG on")
	tt.keys("q")
	scr := tt.wait(2*time.Minute, "EXIT=")
	if !strings.Contains(scr, "Restored and verified") || !strings.Contains(scr, "EXIT=130") {
		t.Fatalf("after quitting:\n%s", scr)
	}
	if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
		t.Errorf("after quitting mid-diagnosis:\n%s", strings.Join(d, "\n"))
	}
}

// TestLabTUIUnknownHostKey: a host not in known_hosts shows its
// fingerprint; accepting records it.
func TestLabTUIUnknownHostKey(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "healthy")
	kh := filepath.Join(t.TempDir(), "known_hosts")
	state := t.TempDir()
	tt := startTUI(t, state, "tui", "ssh://"+s.User+"@127.0.0.1:"+strconv.Itoa(f.SSHPort)+s.Root, "-i", f.Key, "--known-hosts", kh)
	scr := tt.wait(30*time.Second, "not in known_hosts")
	if !strings.Contains(scr, "SHA256:") {
		t.Fatalf("no fingerprint shown:\n%s", scr)
	}
	tt.keys("Enter")
	tt.wait(2*time.Minute, "Verdict")
	tt.keys("q")
	tt.wait(time.Minute, "EXIT=")
	if b, err := os.ReadFile(kh); err != nil || !strings.Contains(string(b), "[127.0.0.1]:"+strconv.Itoa(f.SSHPort)+" ") {
		t.Fatalf("known_hosts after accepting: %q %v", b, err)
	}
}

// TestLabTUIPendingJournal: a run killed after its first change leaves a
// journal; the TUI shows it first and "Restore now" puts the site back.
func TestLabTUIPendingJournal(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "crash")
	before := stateOf(t, f, s)
	state := t.TempDir()
	r := wpdoctor(t, state, []string{"WPDOCTOR_FAILPOINT_KILL_AFTER_CHANGE=1"}, append([]string{"diagnose", "-q"}, target(f, s)...)...)
	if !r.killed {
		t.Fatalf("the failpoint did not kill the run: exit %d", r.code)
	}
	tt := startTUI(t, state, append([]string{"tui"}, target(f, s)...)...)
	scr := tt.wait(time.Minute, "Restore now")
	if !strings.Contains(scr, "not undone") {
		t.Fatalf("overview:\n%s", scr)
	}
	tt.keys("Enter")
	tt.wait(time.Minute, "verified")
	tt.keys("q")
	tt.wait(time.Minute, "EXIT=")
	if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
		t.Errorf("after Restore now:\n%s", strings.Join(d, "\n"))
	}
}

// TestLabTUIHangup: closing the terminal in the middle of the diagnosis
// (tmux kill-session: SIGHUP) restores before the process exits (db, for
// the opcache wait to close it in, as above).
func TestLabTUIHangup(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "crash")
	before := stateOf(t, f, s)
	state := t.TempDir()
	tt := startTUI(t, state, append([]string{"tui"}, append(target(f, s), "--strategy", "db")...)...)
	tt.wait(2*time.Minute, "WP_DEBUG and WP_DEBUG_LOG on")
	if !running(binary, state) {
		t.Fatal("cannot see the wpdoctor process")
	}
	if err := exec.Command("tmux", "kill-session", "-t", tt.name).Run(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	time.Sleep(200 * time.Millisecond)
	for running(binary, state) {
		if time.Now().After(deadline) {
			t.Fatal("wpdoctor still runs 2 minutes after the terminal closed")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
		t.Errorf("after the terminal closed mid-diagnosis:\n%s", strings.Join(d, "\n"))
	}
	r := wpdoctor(t, state, nil, "restore", "--list")
	if !strings.Contains(string(r.stdout), "No pending journals") {
		t.Errorf("a journal is left: %s", r.stdout)
	}
}

// running reports whether a process runs binary with state in its
// environment.
func running(binary, state string) bool {
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, p := range procs {
		exe, err := os.Readlink(filepath.Join(p, "exe"))
		if err != nil || exe != binary {
			continue
		}
		env, _ := os.ReadFile(filepath.Join(p, "environ"))
		if strings.Contains(string(env), "WPDOCTOR_STATE_DIR="+state) {
			return true
		}
	}
	return false
}

// TestLabTUIPassword: with no key to offer, the password is asked in the
// TUI with masked input, and never drawn.
func TestLabTUIPassword(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "healthy")
	home := t.TempDir()
	tt := startTUIEnv(t, t.TempDir(), []string{"HOME=" + home, "SSH_AUTH_SOCK="},
		"tui", "ssh://"+s.User+"@127.0.0.1:"+strconv.Itoa(f.SSHPort)+s.Root, "--known-hosts", f.KnownHosts)
	tt.wait(30*time.Second, "assword")
	tt.keys("-l", s.Password)
	scr := tt.wait(10*time.Second, "•")
	if strings.Contains(scr, s.Password) {
		t.Fatal("the password is drawn")
	}
	tt.keys("Enter")
	scr = tt.wait(2*time.Minute, "Verdict", "Failed")
	if !strings.Contains(scr, "Verdict") || strings.Contains(scr, s.Password) {
		t.Fatalf("after the password:\n%s", scr)
	}
	tt.keys("q")
	if scr := tt.wait(time.Minute, "EXIT="); !strings.Contains(scr, "EXIT=0") {
		t.Fatalf("exit:\n%s", scr)
	}
}

// TestLabTUISFTPOnly: the account without a shell (site3) is diagnosed
// and bisected through SFTP alone, and left identical.
func TestLabTUISFTPOnly(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site3", "crash")
	before := stateOf(t, f, s)
	state := t.TempDir()
	tt := startTUI(t, state, append([]string{"tui"}, append(target(f, s), "--strategy", "rename")...)...)
	tt.wait(2*time.Minute, "Start bisect")
	tt.keys("Enter")
	scr := tt.wait(3*time.Minute, "Keep plugin:wpd-crash", "Failed")
	if !strings.Contains(scr, "Verdict") {
		t.Fatalf("verdict screen:\n%s", scr)
	}
	tt.keys("Down", "Enter") // Restore everything and quit
	if scr := tt.wait(2*time.Minute, "EXIT="); !strings.Contains(scr, "EXIT=3") || !strings.Contains(scr, "Restored and verified") {
		t.Fatalf("after quitting:\n%s", scr)
	}
	if d := before.diff(stateOf(t, f, s)); len(d) > 0 {
		t.Errorf("after restoring everything:\n%s", strings.Join(d, "\n"))
	}
}
