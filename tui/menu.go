package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// action is what a menu entry does.
type action int

// Actions.
const (
	actQuit action = iota
	actBack
	actRestorePending
	actDiagnose
	actStartBisect
	actStrategy
	actExclude
	actStop
	actKeep
	actRestoreAll
	actReport
	actJSON
	actAcceptRemember
	actAcceptOnce
	actRefuse
)

type menuItem struct {
	label string
	act   action
}

// menu is a list of actions; the first is the default, highlighted.
type menu struct {
	items []menuItem
	sel   int
}

func newMenu(items ...menuItem) menu { return menu{items: items} }

func (mn *menu) move(d int) {
	if n := len(mn.items); n > 0 {
		mn.sel = (mn.sel + d + n) % n
	}
}

func (mn menu) chosen() (action, bool) {
	if len(mn.items) == 0 {
		return 0, false
	}
	return mn.items[mn.sel].act, true
}

func (mn menu) view(st styles) string {
	var b strings.Builder
	for i, it := range mn.items {
		if i == mn.sel {
			b.WriteString(st.sel.Render("▸ " + it.label))
		} else {
			b.WriteString("  " + it.label)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// onMenuKey moves in the page's menu and runs the chosen action.
func (m *Model) onMenuKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Up):
		m.menu.move(-1)
	case key.Matches(k, m.keys.Down):
		m.menu.move(1)
	case key.Matches(k, m.keys.Enter):
		if a, ok := m.menu.chosen(); ok {
			return m.do(a)
		}
	}
	return nil
}

func (m *Model) do(a action) tea.Cmd {
	if m.busy {
		m.notice = "busy: wait for the current step to finish (q quits and restores)"
		return nil
	}
	switch a {
	case actQuit, actRestoreAll:
		return m.startLeave()
	case actBack:
		m.err, m.page, m.steps = nil, pagePicker, nil
	case actRestorePending:
		return m.startRestorePending()
	case actDiagnose:
		return m.startDiagnose()
	case actStartBisect:
		return m.startBisect()
	case actStrategy:
		m.nextStrategy()
	case actExclude:
		m.excluding = true
	case actStop:
		if m.diag != nil {
			m.showVerdict(&m.diag.Verdict)
		}
	case actKeep:
		return m.startKeep()
	case actJSON:
		return m.startJSON()
	case actReport:
		m.reportInput = true
		if m.report.Value() == "" {
			m.report.SetValue("wpdoctor-report.md")
		}
		m.report.CursorEnd()
		return m.report.Focus()
	}
	return nil
}

func (m *Model) overviewMenu() {
	if m.ov != nil && m.ov.Pending != "" {
		m.menu = newMenu(menuItem{"Restore now", actRestorePending}, menuItem{"Quit", actQuit})
		return
	}
	m.menu = newMenu(menuItem{"Diagnose", actDiagnose}, menuItem{"Quit", actQuit})
}

func (m *Model) planMenu() {
	m.menu = newMenu(
		menuItem{"Start bisect", actStartBisect},
		menuItem{"Change the strategy (now " + m.plan.Strategy + ")", actStrategy},
		menuItem{"Exclude components…", actExclude},
		menuItem{"Stop here with the report", actStop},
	)
}

func (m *Model) verdictMenu() {
	v := m.verdict
	var items []menuItem
	if v.CanKeep && !m.kept {
		items = append(items, menuItem{"Keep " + strings.Join(v.Components, ", ") + " switched off (site back up)", actKeep})
	}
	if m.kept {
		items = append(items, menuItem{"Quit (the culprit stays off: 'wpdoctor restore --kept' turns it back on)", actQuit})
	} else {
		items = append(items, menuItem{"Restore everything and quit", actRestoreAll})
	}
	items = append(items, menuItem{"Write the report (.md / .html)…", actReport})
	items = append(items, menuItem{"Show the report as JSON", actJSON})
	m.menu = newMenu(items...)
}
