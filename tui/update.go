package tui

import (
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/list"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
)

// Update applies a message to the model. It does no I/O: engine calls run
// in the commands it returns.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.setSize(msg.Width, msg.Height)
		return m, nil
	case spinner.TickMsg:
		if !m.busy && !m.closing {
			m.tick = false
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case progress.FrameMsg:
		pm, cmd := m.prog.Update(msg)
		m.prog = pm.(progress.Model)
		return m, cmd
	case eventMsg:
		m.onEvent(Event(msg))
		return m, waitEvent(m.eng.Events())
	case sitesMsg:
		m.sites.SetItems(siteItems(msg))
		return m, nil
	case answeredMsg:
		return m, nil
	case closedMsg:
		m.closing = false
		m.closeText = msg.text
		if msg.err != nil {
			m.err = msg.err
			m.closeText = "RESTORE INCOMPLETE: " + msg.err.Error()
		}
		return m, tea.Quit
	case tea.KeyMsg:
		return m, m.onKey(msg)
	}
	return m, m.onResult(msg)
}

// onResult handles the end of an engine call.
func (m *Model) onResult(msg tea.Msg) tea.Cmd {
	switch msg.(type) {
	case openedMsg, pendingRestoredMsg, diagnosedMsg, bisectedMsg, keptMsg, reportMsg, jsonMsg:
		m.done()
	default:
		return nil
	}
	if m.leaving {
		if r, ok := msg.(bisectedMsg); ok && r.v != nil {
			m.verdict = r.v
		}
		return nil
	}
	switch msg := msg.(type) {
	case openedMsg:
		if msg.err != nil {
			return m.fail(msg.err)
		}
		m.opened, m.ov = true, msg.ov
		m.page = pageOverview
		m.overviewMenu()
		if m.ov.Pending == "" && m.opts.Target != "" {
			return m.startDiagnose()
		}
	case pendingRestoredMsg:
		if msg.err != nil {
			return m.fail(msg.err)
		}
		m.ov.Pending, m.notice = "", msg.text
		m.overviewMenu()
	case diagnosedMsg:
		if msg.err != nil {
			return m.fail(msg.err)
		}
		m.diag = msg.d
		if msg.d.Plan != nil {
			p := *msg.d.Plan
			m.plan, m.page = &p, pagePlan
			m.planMenu()
			return nil
		}
		m.showVerdict(&msg.d.Verdict)
	case bisectedMsg:
		if msg.err != nil {
			return m.fail(msg.err)
		}
		m.showVerdict(msg.v)
	case keptMsg:
		if msg.err != nil {
			m.notice = "the culprit was not kept off: " + msg.err.Error()
			return nil
		}
		m.kept, m.notice = true, msg.text
		m.verdictMenu()
	case jsonMsg:
		if msg.err != nil {
			m.notice = "the report as JSON: " + msg.err.Error()
			break
		}
		// JSON escapes control characters, so the site's text is safe here.
		m.showJSON = true
		m.vp.SetContent(string(msg.doc))
		m.vp.GotoTop()
	case reportMsg:
		if msg.err != nil {
			m.notice = fmt.Sprintf("writing the report to %s: %v", msg.path, msg.err)
		} else {
			m.notice = "report written to " + msg.path
		}
	}
	return nil
}

// fail shows what went wrong, with the way back or out.
func (m *Model) fail(err error) tea.Cmd {
	m.err = err
	items := []menuItem{}
	if m.opts.Target == "" && !m.opened {
		items = append(items, menuItem{"Back to the site list", actBack})
	}
	m.menu = newMenu(append(items, menuItem{"Quit", actQuit})...)
	return nil
}

func (m *Model) onEvent(ev Event) {
	switch ev.Kind {
	case EventStep:
		if ev.Stage == "connect" {
			m.step(ev)
			return
		}
		if ev.Text != "" {
			m.activity = append(m.activity, "▸ "+clean(ev.Text))
		}
	case EventProbe:
		if p := ev.Probe; p != nil {
			if m.page == pageBisect {
				m.bprobes = append(m.bprobes, *p)
			}
			m.activity = append(m.activity, m.probeLine(*p))
		}
	case EventLog:
		if l := ev.Log; l != nil {
			m.activity = append(m.activity, m.logLine(*l))
		}
	case EventFinding:
		if f := ev.Finding; f != nil {
			m.findings = append(m.findings, *f)
			m.activity = append(m.activity, m.st.severity(f.Severity).Render(fmt.Sprintf("%-8s %s", f.Severity, clean(f.Title))))
		}
	case EventChange:
		m.activity = append(m.activity, m.st.warn.Render("changed: "+clean(ev.Text)))
	case EventWarn:
		m.activity = append(m.activity, m.st.err.Render("! "+clean(ev.Text)))
	case EventAsk:
		m.question = ev.Ask
		if ev.Ask != nil && ev.Ask.Kind == AskPassword {
			m.pw.SetValue("")
			m.pw.Focus()
		} else {
			m.menu = newMenu(menuItem{"Accept and remember (known_hosts)", actAcceptRemember}, menuItem{"Accept for this run only", actAcceptOnce}, menuItem{"Refuse", actRefuse})
		}
	}
	if len(m.activity) > 500 {
		m.activity = m.activity[len(m.activity)-500:]
	}
}

// stepState is one connection step.
type stepState struct {
	name string
	done bool
	err  string
}

func (m *Model) step(ev Event) {
	for i := range m.steps {
		if m.steps[i].name == ev.Text {
			m.steps[i].done, m.steps[i].err = ev.Done, ev.Err
			return
		}
	}
	m.steps = append(m.steps, stepState{name: ev.Text, done: ev.Done, err: ev.Err})
}

func (m *Model) setSize(w, h int) {
	m.w, m.h = w, h
	m.help.Width = w
	m.sites.SetSize(w, m.bodyHeight())
	m.vp.Width = w
	m.input.Width = w - 12
	m.prog.Width = min(40, w-30)
}

// bodyHeight is what is left for a page under the header and above the help.
func (m *Model) bodyHeight() int { return max(3, m.h-4) }

func (m *Model) filtering() bool {
	return m.page == pagePicker && m.sites.FilterState() == list.Filtering
}

func (m *Model) textEntry() bool {
	return m.typing || m.reportInput || m.filtering() || (m.question != nil && m.question.Kind == AskPassword)
}

func (m *Model) onKey(k tea.KeyMsg) tea.Cmd {
	if k.String() == "ctrl+c" || (!m.textEntry() && key.Matches(k, m.keys.Quit)) {
		return m.startLeave()
	}
	if !m.textEntry() && key.Matches(k, m.keys.Help) {
		m.help.ShowAll = !m.help.ShowAll
		return nil
	}
	if m.question != nil {
		return m.onQuestionKey(k)
	}
	if m.err != nil {
		return m.onMenuKey(k)
	}
	switch m.page {
	case pagePicker:
		return m.onPickerKey(k)
	case pagePlan:
		return m.onPlanKey(k)
	case pageVerdict:
		return m.onVerdictKey(k)
	case pageOverview:
		return m.onMenuKey(k)
	}
	return nil
}
