package tui

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

var t0 = time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return t0.Add(12 * time.Second) }

func waitFor(t *testing.T, tm *teatest.TestModel, s string) { waitSeen(t, tm, s, nil) }

// waitSeen waits for s in the output, keeping what was read in seen.
func waitSeen(t *testing.T, tm *teatest.TestModel, s string, seen *bytes.Buffer) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		if seen != nil {
			seen.Write(b)
		}
		return bytes.Contains(b, []byte(s))
	},
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// The whole crash-site flow: connect, diagnose, accept the plan, verdict,
// keep the culprit off, quit (which closes the engine).
func TestFlowCrashSite(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(strings.Join([]string{itoa(size[0]), itoa(size[1])}, "x"), func(t *testing.T) {
			f := newFake()
			m := New(f, Options{Target: "shop:/var/www/shop", Now: fixedNow})
			tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(size[0], size[1]))
			waitFor(t, tm, "Start bisect")
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			waitFor(t, tm, "Keep plugin:crashy")
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			waitFor(t, tm, "stays off")
			tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
			fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
			want := []string{"open shop:/var/www/shop", "diagnose", "bisect auto", "keep", "close"}
			if got := f.Calls(); !slices.Equal(got, want) {
				t.Fatalf("engine calls = %q, want %q", got, want)
			}
			if v := fm.Verdict(); v == nil || v.Components[0] != "plugin:crashy" {
				t.Fatalf("verdict = %+v", v)
			}
			if ok, text := fm.Closed(); !ok || !strings.Contains(text, "Restored") {
				t.Fatalf("closed = %v %q", ok, text)
			}
			// The verdict screen as it was before quitting.
			fm.page, fm.leaving = pageVerdict, false
			golden.RequireEqual(t, []byte(fm.View()))
		})
	}
}

// Quitting in the middle of a bisect cancels it, closes the engine (the
// restore) and only then exits; a second q says it is finishing.
func TestFlowQuitDuringBisect(t *testing.T) {
	f := newFake()
	f.block = make(chan struct{})
	m := New(f, Options{Target: "shop:/var/www/shop", Now: fixedNow})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "Start bisect")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "#1")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	calls := f.Calls()
	if calls[len(calls)-1] != "close" {
		t.Fatalf("calls = %q: Close was not the last call", calls)
	}
	if ok, _ := fm.Closed(); !ok {
		t.Fatal("exited before Close finished")
	}
}

// A pending journal is shown first, with "Restore now" the default.
func TestFlowPendingJournal(t *testing.T) {
	f := newFake()
	f.pending = "journal /root/.local/state/wpdoctor/x.journal (diagnose by pid 4242, 3 steps)"
	m := New(f, Options{Target: "shop:/var/www/shop", Now: fixedNow})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "Restore now")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitFor(t, tm, "verified")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // Diagnose
	waitFor(t, tm, "Start bisect")
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	want := []string{"open shop:/var/www/shop", "restore-pending", "diagnose", "close"}
	if got := f.Calls(); !slices.Equal(got, want) {
		t.Fatalf("engine calls = %q, want %q", got, want)
	}
}

// The password prompt masks what is typed and sends it to the engine.
func TestFlowPassword(t *testing.T) {
	f := newFake()
	f.askPW, f.noPlan = true, true
	m := New(f, Options{Target: "shop:/var/www/shop", Now: fixedNow})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	waitFor(t, tm, "Password for")
	tm.Type("s3cret")
	var seen bytes.Buffer
	waitSeen(t, tm, "••••••", &seen)
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	waitSeen(t, tm, "Restore everything and quit", &seen)
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	out := seen.String() + readAll(tm.FinalOutput(t, teatest.WithFinalTimeout(5*time.Second)))
	if strings.Contains(out, "s3cret") {
		t.Fatal("the password was drawn on the screen")
	}
}

func readAll(r interface{ Read([]byte) (int, error) }) string {
	var b bytes.Buffer
	_, _ = b.ReadFrom(r)
	return b.String()
}

func itoa(n int) string {
	return strings.TrimSpace(strings.Replace(time.Duration(n).String(), "ns", "", 1))
}
