package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

func press(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "ctrl+c":
		return tea.KeyMsg{Type: tea.KeyCtrlC}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// quits reports whether cmd (or a command it batches) quits the program.
func quits(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	switch msg := cmd().(type) {
	case tea.QuitMsg:
		return true
	case tea.BatchMsg:
		for _, c := range msg {
			if _, ok := c().(tea.QuitMsg); ok {
				return true
			}
		}
	}
	return false
}

func fakeDiagnosis(plan bool) *Diagnosis {
	d, _ := (&fakeEngine{ch: make(chan Event, 100), noPlan: !plan}).Diagnose(t0Ctx())
	return d
}

func fakeVerdict() *Verdict {
	f := &fakeEngine{ch: make(chan Event, 100)}
	v, _ := f.Bisect(t0Ctx(), Plan{})
	return v
}

func at(p page, setup func(m *Model)) func() *Model {
	return func() *Model {
		m := New(newFake(), Options{Target: "shop:/var/www/shop", Now: fixedNow})
		m.page, m.opened = p, true
		if setup != nil {
			setup(m)
		}
		return m
	}
}

func withPlan(m *Model) {
	m.diag = fakeDiagnosis(true)
	p := *m.diag.Plan
	m.plan = &p
	m.planMenu()
}

func withVerdict(m *Model) { withPlan(m); m.showVerdict(fakeVerdict()) }

func TestUpdate(t *testing.T) {
	tests := []struct {
		name  string
		model func() *Model
		msg   tea.Msg
		check func(t *testing.T, m *Model, cmd tea.Cmd)
	}{
		{"opened with a target diagnoses straight away", at(pageConnect, func(m *Model) { m.opened = false; m.busy = true }),
			openedMsg{ov: &Overview{Target: "shop"}}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				if m.page != pageDiagnose || !m.busy || cmd == nil {
					t.Errorf("page %v busy %v cmd %v", m.page, m.busy, cmd != nil)
				}
			}},
		{"a pending journal stops at the overview with Restore now first", at(pageConnect, nil),
			openedMsg{ov: &Overview{Target: "shop", Pending: "journal x"}}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				if m.page != pageOverview || m.busy || m.menu.items[0].act != actRestorePending {
					t.Errorf("page %v busy %v menu %+v", m.page, m.busy, m.menu.items)
				}
			}},
		{"a failed open shows the error and Quit", at(pageConnect, func(m *Model) { m.opened = false }),
			openedMsg{err: errString("ssh: authentication failed")}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				if m.err == nil || m.menu.items[len(m.menu.items)-1].act != actQuit || !strings.Contains(m.View(), "authentication failed") {
					t.Errorf("err %v menu %+v", m.err, m.menu.items)
				}
			}},
		{"a diagnosis with a plan asks before changing anything", at(pageDiagnose, nil),
			diagnosedMsg{d: fakeDiagnosis(true)}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				if m.page != pagePlan || m.menu.items[0].label != "Start bisect" || cmd != nil {
					t.Errorf("page %v menu %+v cmd %v", m.page, m.menu.items, cmd != nil)
				}
			}},
		{"a diagnosis without a plan shows the verdict", at(pageDiagnose, nil),
			diagnosedMsg{d: fakeDiagnosis(false)}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				if m.page != pageVerdict || m.verdict == nil {
					t.Errorf("page %v", m.page)
				}
			}},
		{"enter on the plan starts the bisect", at(pagePlan, withPlan),
			press("enter"), func(t *testing.T, m *Model, cmd tea.Cmd) {
				if m.page != pageBisect || !m.busy || cmd == nil {
					t.Errorf("page %v busy %v", m.page, m.busy)
				}
			}},
		{"s changes the strategy", at(pagePlan, withPlan),
			press("s"), func(t *testing.T, m *Model, cmd tea.Cmd) {
				if m.plan.Strategy != "rename" || !strings.Contains(m.menu.items[1].label, "rename") {
					t.Errorf("strategy %q menu %q", m.plan.Strategy, m.menu.items[1].label)
				}
			}},
		{"space excludes the highlighted component", at(pagePlan, func(m *Model) { withPlan(m); m.excluding, m.planSel = true, 1 }),
			press("space"), func(t *testing.T, m *Model, cmd tea.Cmd) {
				if len(m.plan.Excluded) != 1 || m.plan.Excluded[0] != "plugin:crashy" {
					t.Errorf("excluded %q", m.plan.Excluded)
				}
			}},
		{"a bisect probe joins the timeline and the wait is re-armed", at(pageBisect, withPlan),
			eventMsg{Kind: EventProbe, Probe: &Probe{Step: 1, Status: 502, Broken: true, Left: 2}}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				if len(m.bprobes) != 1 || cmd == nil {
					t.Errorf("probes %d cmd %v", len(m.bprobes), cmd != nil)
				}
			}},
		{"log lines are stripped of escape sequences", at(pageDiagnose, nil),
			eventMsg{Kind: EventLog, Log: &LogLine{Source: "debug.log", Text: "boom\x1b[2J\x1b]0;title\x07\r"}}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				if l := m.activity[0]; strings.ContainsAny(l, "\x1b\x07\r") || !strings.Contains(l, "boom") {
					t.Errorf("line %q", l)
				}
			}},
		{"the bisect result shows the verdict with Keep first", at(pageBisect, withPlan),
			bisectedMsg{v: fakeVerdict()}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				if m.page != pageVerdict || m.menu.items[0].act != actKeep {
					t.Errorf("page %v menu %+v", m.page, m.menu.items)
				}
			}},
		{"q on the verdict restores (Close) before quitting", at(pageVerdict, withVerdict),
			press("q"), func(t *testing.T, m *Model, cmd tea.Cmd) {
				if m.page != pageLeaving || !m.closing || cmd == nil {
					t.Errorf("page %v closing %v", m.page, m.closing)
				}
			}},
		{"ctrl+c during a bisect cancels it and closes", at(pageBisect, func(m *Model) { withPlan(m); m.run(nil) }),
			press("ctrl+c"), func(t *testing.T, m *Model, cmd tea.Cmd) {
				if !m.closing || m.page != pageLeaving || !m.Interrupted() {
					t.Errorf("closing %v interrupted %v", m.closing, m.Interrupted())
				}
			}},
		{"a second q says the restore is finishing", at(pageLeaving, func(m *Model) { m.leaving, m.closing = true, true }),
			press("q"), func(t *testing.T, m *Model, cmd tea.Cmd) {
				if !strings.Contains(m.notice, "finishing the restore") || cmd != nil {
					t.Errorf("notice %q", m.notice)
				}
			}},
		{"the end of Close quits", at(pageLeaving, func(m *Model) { m.leaving, m.closing = true, true }),
			closedMsg{text: "Restored."}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				if ok, text := m.Closed(); !ok || text != "Restored." || !quits(cmd) {
					t.Errorf("closed %v %q", ok, text)
				}
			}},
		{"a failed restore is the error", at(pageLeaving, func(m *Model) { m.leaving, m.closing = true, true }),
			closedMsg{err: errString("restore incomplete")}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				if m.err == nil || !strings.Contains(m.closeText, "RESTORE INCOMPLETE") {
					t.Errorf("err %v text %q", m.err, m.closeText)
				}
			}},
		{"q on the picker quits at once: nothing to restore", func() *Model { return New(newFake(), Options{}) },
			press("q"), func(t *testing.T, m *Model, cmd tea.Cmd) {
				if !quits(cmd) || m.closing {
					t.Errorf("quits %v closing %v", quits(cmd), m.closing)
				}
			}},
		{"t on the picker types a target; q is then a letter", func() *Model {
			m := New(newFake(), Options{})
			m.Update(press("t"))
			return m
		}, press("q"), func(t *testing.T, m *Model, cmd tea.Cmd) {
			if m.leaving || m.input.Value() != "q" {
				t.Errorf("leaving %v input %q", m.leaving, m.input.Value())
			}
		}},
		{"the spinner stops ticking when nothing runs", at(pageVerdict, withVerdict),
			spinner.TickMsg{}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				if cmd != nil || m.tick {
					t.Error("spinner still ticking")
				}
			}},
		{"keys are refused while a call runs", at(pageOverview, func(m *Model) { m.ov = &Overview{}; m.overviewMenu(); m.busy = true }),
			press("enter"), func(t *testing.T, m *Model, cmd tea.Cmd) {
				if cmd != nil || !strings.Contains(m.notice, "busy") {
					t.Errorf("notice %q", m.notice)
				}
			}},
		{"a password question masks the input", at(pageConnect, nil),
			eventMsg{Kind: EventAsk, Ask: &Question{Kind: AskPassword, Prompt: "Password:", Reply: make(chan Answer, 1)}}, func(t *testing.T, m *Model, cmd tea.Cmd) {
				m.Update(press("x"))
				if v := m.View(); !strings.Contains(v, "Password:") || !strings.Contains(v, "•") {
					t.Errorf("view:\n%s", v)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := tt.model()
			_, cmd := m.Update(tt.msg)
			tt.check(t, m, cmd)
		})
	}
}
