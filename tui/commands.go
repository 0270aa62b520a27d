package tui

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"
)

// Messages the engine calls return.
type (
	eventMsg  Event
	sitesMsg  []Site
	openedMsg struct {
		ov  *Overview
		err error
	}
	pendingRestoredMsg struct {
		text string
		err  error
	}
	diagnosedMsg struct {
		d   *Diagnosis
		err error
	}
	bisectedMsg struct {
		v   *Verdict
		err error
	}
	keptMsg struct {
		text string
		err  error
	}
	reportMsg struct {
		path string
		err  error
	}
	jsonMsg struct {
		doc []byte
		err error
	}
	closedMsg struct {
		text string
		err  error
	}
	answeredMsg struct{}
)

// waitEvent waits for the next engine event; Update re-arms it after each.
func waitEvent(ch <-chan Event) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return nil
		}
		return eventMsg(ev)
	}
}

func loadSites(src SiteSources) tea.Cmd {
	return func() tea.Msg { return sitesMsg(src.Load()) }
}

func (m *Model) startOpen() tea.Cmd {
	m.err, m.notice, m.steps, m.page = nil, "", nil, pageConnect
	t := m.target
	return m.run(func(ctx context.Context) tea.Msg {
		ov, err := m.eng.Open(ctx, t)
		return openedMsg{ov, err}
	})
}

func (m *Model) startRestorePending() tea.Cmd {
	m.notice = "restoring what the earlier run left changed…"
	return m.run(func(ctx context.Context) tea.Msg {
		s, err := m.eng.RestorePending(ctx)
		return pendingRestoredMsg{s, err}
	})
}

func (m *Model) startDiagnose() tea.Cmd {
	m.page, m.activity, m.findings, m.err, m.notice = pageDiagnose, nil, nil, nil, ""
	return m.run(func(ctx context.Context) tea.Msg {
		d, err := m.eng.Diagnose(ctx)
		return diagnosedMsg{d, err}
	})
}

func (m *Model) startBisect() tea.Cmd {
	m.page, m.bprobes, m.started, m.notice = pageBisect, nil, m.opts.Now(), ""
	p := *m.plan
	return m.run(func(ctx context.Context) tea.Msg {
		v, err := m.eng.Bisect(ctx, p)
		return bisectedMsg{v, err}
	})
}

func (m *Model) startKeep() tea.Cmd {
	m.notice = "switching the culprit off again…"
	return m.run(func(ctx context.Context) tea.Msg {
		s, err := m.eng.KeepCulpritOff(ctx)
		return keptMsg{s, err}
	})
}

func (m *Model) startJSON() tea.Cmd {
	return m.run(func(context.Context) tea.Msg {
		b, err := m.eng.ReportJSON()
		return jsonMsg{b, err}
	})
}

func (m *Model) startReport(path string) tea.Cmd {
	return m.run(func(context.Context) tea.Msg {
		return reportMsg{path, m.eng.WriteReport(path)}
	})
}

// startLeave restores and quits: a running call is cancelled (it restores
// before it returns), a pending question is refused, and the program ends
// only when Close has finished.
func (m *Model) startLeave() tea.Cmd {
	if m.leaving {
		m.notice = "finishing the restore: wpdoctor exits once the site is verified"
		return nil
	}
	m.leaving, m.page = true, pageLeaving
	m.interrupted = m.busy
	var cmds []tea.Cmd
	if q := m.question; q != nil {
		m.question = nil
		cmds = append(cmds, reply(q, Answer{Cancel: true}))
	}
	if m.cancel != nil {
		m.cancel()
	}
	if !m.opened && !m.busy {
		m.closeText = "Nothing was changed."
		return tea.Batch(append(cmds, tea.Quit)...)
	}
	m.closing = true
	cmds = append(cmds, func() tea.Msg {
		s, err := m.eng.Close(context.Background())
		return closedMsg{s, err}
	})
	if !m.tick {
		m.tick = true
		cmds = append(cmds, m.spin.Tick)
	}
	return tea.Batch(cmds...)
}

func reply(q *Question, a Answer) tea.Cmd {
	return func() tea.Msg { q.Reply <- a; return answeredMsg{} }
}
