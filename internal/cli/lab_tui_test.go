package cli

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
	"github.com/wpdoctor/wpdoctor/tui"
)

// TestLabTUIKeepCulprit drives the TUI's model on the real engine against
// site1's crash scenario: diagnose, accept the plan, the verdict names
// plugin:wpd-crash, keep it off (the site answers), quit (Close restores the
// rest); then `restore --kept` brings the crash back.
func TestLabTUIKeepCulprit(t *testing.T) {
	f := labtest.Facts(t)
	s := labtest.Site(t, f, "site1", "crash")
	state := t.TempDir()
	t.Setenv("WPDOCTOR_STATE_DIR", state)
	target := "ssh://" + s.User + "@127.0.0.1:" + itoa(f.SSHPort) + s.Root
	opts := defaultTUIOptions(IOStreams{})
	opts.Target, opts.Strategy = target, "db"
	opts.Conn.Identity, opts.Conn.KnownHosts = []string{f.Key}, f.KnownHosts
	eng := newTUIEngine(opts, state)
	defer eng.stop()
	m := tui.New(eng, tui.Options{Target: target})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	wait := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(3*time.Minute), teatest.WithCheckInterval(50*time.Millisecond))
	}
	wait("Start bisect")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("Keep plugin:wpd-crash")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("stays off")
	if code := httpStatus(t, s.URL+"/"); code != 200 {
		t.Errorf("with the culprit kept off the site answers %d", code)
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(2*time.Minute)).(*tui.Model)
	if ok, text := fm.Closed(); !ok || !strings.Contains(text, "Restored and verified") || !strings.Contains(text, "wpd-crash") {
		t.Fatalf("closed %v: %q (err %v)", ok, text, fm.Err())
	}
	if eng.report == nil || !eng.report.Restored || len(eng.report.Kept) != 1 || verdictExit(eng.report) != ExitCulprit {
		t.Fatalf("report %+v", eng.report)
	}
	io, out, errb := testIO()
	if code := Run(context.Background(), append([]string{"restore", "--kept"}, labArgs(f, s)...), io); code != ExitOK {
		t.Fatalf("restore --kept: exit %d: %s %s", code, out, errb)
	}
	if code := httpStatus(t, s.URL+"/"); code != 502 {
		t.Errorf("after restore --kept the crash site answers %d, want 502 again", code)
	}
}

func httpStatus(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
