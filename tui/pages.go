package tui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

func (m *Model) onPickerKey(k tea.KeyMsg) tea.Cmd {
	if m.typing {
		switch k.Type {
		case tea.KeyEsc:
			m.typing = false
			m.input.Blur()
			return nil
		case tea.KeyEnter:
			t := strings.TrimSpace(m.input.Value())
			if t == "" {
				return nil
			}
			m.typing, m.target = false, t
			m.input.Blur()
			return m.startOpen()
		}
		var cmd tea.Cmd
		m.input, cmd = m.input.Update(k)
		return cmd
	}
	if !m.filtering() {
		switch {
		case key.Matches(k, m.keys.Type):
			return m.typeTarget("")
		case key.Matches(k, m.keys.Enter):
			it, ok := m.sites.SelectedItem().(siteItem)
			if !ok {
				return m.typeTarget("")
			}
			if it.NeedsPath {
				return m.typeTarget(it.Target)
			}
			m.target = it.Target
			return m.startOpen()
		}
	}
	var cmd tea.Cmd
	m.sites, cmd = m.sites.Update(k)
	return cmd
}

func (m *Model) typeTarget(prefix string) tea.Cmd {
	m.typing = true
	m.input.SetValue(prefix)
	m.input.CursorEnd()
	return m.input.Focus()
}

func (m *Model) onQuestionKey(k tea.KeyMsg) tea.Cmd {
	q := m.question
	if q.Kind == AskPassword {
		switch k.Type {
		case tea.KeyEnter:
			m.question = nil
			s := m.pw.Value()
			m.pw.SetValue("")
			m.pw.Blur()
			return reply(q, Answer{Secret: s})
		case tea.KeyEsc:
			m.question = nil
			m.pw.Blur()
			return reply(q, Answer{Cancel: true})
		}
		var cmd tea.Cmd
		m.pw, cmd = m.pw.Update(k)
		return cmd
	}
	switch {
	case key.Matches(k, m.keys.Up):
		m.menu.move(-1)
	case key.Matches(k, m.keys.Down):
		m.menu.move(1)
	case key.Matches(k, m.keys.Back):
		m.question = nil
		return reply(q, Answer{Cancel: true})
	case key.Matches(k, m.keys.Enter):
		a, _ := m.menu.chosen()
		m.question = nil
		switch a {
		case actAcceptRemember:
			return reply(q, Answer{Accept: true, Remember: true})
		case actAcceptOnce:
			return reply(q, Answer{Accept: true})
		}
		return reply(q, Answer{})
	}
	return nil
}

func (m *Model) onPlanKey(k tea.KeyMsg) tea.Cmd {
	if m.excluding {
		n := len(m.plan.Components)
		switch {
		case key.Matches(k, m.keys.Up) && n > 0:
			m.planSel = (m.planSel - 1 + n) % n
		case key.Matches(k, m.keys.Down) && n > 0:
			m.planSel = (m.planSel + 1) % n
		case key.Matches(k, m.keys.Exclude) && n > 0:
			m.toggleExcluded(m.plan.Components[m.planSel])
		case key.Matches(k, m.keys.Back), key.Matches(k, m.keys.Enter):
			m.excluding = false
		}
		return nil
	}
	if key.Matches(k, m.keys.Strategy) {
		m.nextStrategy()
		return nil
	}
	return m.onMenuKey(k)
}

func (m *Model) toggleExcluded(c string) {
	p := m.plan
	if i := slices.Index(p.Excluded, c); i >= 0 {
		p.Excluded = slices.Delete(p.Excluded, i, i+1)
		return
	}
	p.Excluded = append(p.Excluded, c)
}

func (m *Model) nextStrategy() {
	p := m.plan
	if p == nil || len(p.Strategies) == 0 {
		return
	}
	i := slices.Index(p.Strategies, p.Strategy)
	p.Strategy = p.Strategies[(i+1)%len(p.Strategies)]
	sel := m.menu.sel
	m.planMenu()
	m.menu.sel = sel
}

func (m *Model) showVerdict(v *Verdict) {
	m.verdict, m.page = v, pageVerdict
	m.verdictMenu()
	m.vp.SetContent(m.evidenceText())
	m.vp.GotoTop()
}

func (m *Model) onVerdictKey(k tea.KeyMsg) tea.Cmd {
	if m.reportInput {
		switch k.Type {
		case tea.KeyEsc:
			m.reportInput = false
			m.report.Blur()
			return nil
		case tea.KeyEnter:
			m.reportInput = false
			m.report.Blur()
			return m.startReport(strings.TrimSpace(m.report.Value()))
		}
		var cmd tea.Cmd
		m.report, cmd = m.report.Update(k)
		return cmd
	}
	if m.showJSON {
		switch {
		case key.Matches(k, m.keys.Back), key.Matches(k, m.keys.Enter):
			m.showJSON = false
			m.vp.SetContent(m.evidenceText())
			m.vp.GotoTop()
			return nil
		case key.Matches(k, m.keys.Up):
			m.vp.ScrollUp(1)
			return nil
		case key.Matches(k, m.keys.Down):
			m.vp.ScrollDown(1)
			return nil
		}
	}
	switch {
	case key.Matches(k, m.keys.PageUp):
		m.vp.HalfPageUp()
		return nil
	case key.Matches(k, m.keys.PageDown):
		m.vp.HalfPageDown()
		return nil
	}
	return m.onMenuKey(k)
}
