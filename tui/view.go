package tui

import (
	"fmt"
	"github.com/charmbracelet/lipgloss"
	"strings"
	"time"
)

// View draws the current page at the terminal's size.
func (m *Model) View() string {
	title := "wpdoctor"
	if m.target != "" {
		title += " ▸ " + clean(m.target)
	}
	title += " ▸ " + pageTitles[m.page]
	head := m.st.title.Render(trunc(title, m.w))
	var body string
	switch {
	case m.question != nil:
		body = m.viewQuestion()
	default:
		body = m.pageView()
	}
	if m.err != nil && m.page != pageLeaving {
		body += "\n" + m.st.errBox.Width(min(m.w-2, 76)).Render(errorText(m.err)) + "\n" + m.menu.view(m.st)
	}
	foot := m.help.View(m.helpFor())
	if m.notice != "" {
		foot = m.st.warn.Render(trunc(clean(m.notice), m.w)) + "\n" + foot
	}
	fh := strings.Count(foot, "\n") + 1
	return head + "\n" + fit(body, m.w, max(1, m.h-1-fh)) + "\n" + foot
}

func (m *Model) pageView() string {
	switch m.page {
	case pagePicker:
		if m.typing {
			return "Type a target: ssh://user@host:port/path, user@host:/path, alias:/path or a local path\n\n" + m.input.View()
		}
		if len(m.sites.Items()) == 0 {
			return "No sites found in ~/.ssh/config, wp-cli.yml or the recent list.\n\nPress t to type a target."
		}
		return m.sites.View()
	case pageConnect:
		return m.viewConnect()
	case pageOverview:
		return m.viewOverview()
	case pageDiagnose:
		return m.viewDiagnose()
	case pagePlan:
		return m.viewPlan()
	case pageBisect:
		return m.viewBisect()
	case pageVerdict:
		return m.viewVerdict()
	case pageLeaving:
		return m.viewLeaving()
	}
	return ""
}

func (m *Model) spinOr(done bool, err string) string {
	switch {
	case err != "":
		return m.st.err.Render("✗")
	case done:
		return m.st.ok.Render("✓")
	}
	return m.spin.View()
}

func (m *Model) viewConnect() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Connecting to %s\n\n", clean(m.target))
	for _, s := range m.steps {
		line := m.spinOr(s.done, s.err) + " " + clean(s.name)
		if s.err != "" {
			line += ": " + m.st.err.Render(clean(s.err))
		}
		b.WriteString(line + "\n")
	}
	if len(m.steps) == 0 && m.busy {
		b.WriteString(m.spin.View() + " starting\n")
	}
	return b.String()
}

func (m *Model) viewQuestion() string {
	q := m.question
	if q.Kind == AskPassword {
		p := q.Prompt
		if p == "" {
			p = "Password"
		}
		return m.viewConnect() + "\n" + clean(p) + "\n" + m.pw.View() + "\n\n" + m.st.faint.Render("enter: send · esc: refuse")
	}
	return m.viewConnect() + "\n" + m.st.box.Render(fmt.Sprintf("%s is not in known_hosts.\nIts key: %s\nCheck the fingerprint with the host's owner before accepting.",
		clean(q.Host), clean(q.Fingerprint))) + "\n" + m.menu.view(m.st)
}

func (m *Model) viewOverview() string {
	o := m.ov
	var b strings.Builder
	if o.Pending != "" {
		b.WriteString(m.st.errBox.Width(min(m.w-2, 76)).Render(clean(o.Pending)) + "\n")
	}
	row := func(k, v string) { fmt.Fprintf(&b, "%-14s %s\n", k, clean(v)) }
	row("Site", o.Target+"  "+o.Path)
	row("WordPress", o.WordPress)
	row("PHP", o.PHP)
	row("Web server", o.WebServer)
	db := o.DB
	if o.DBOK {
		db = m.st.ok.Render("reachable") + " " + clean(db)
	} else {
		db = m.st.err.Render("not reachable") + " " + clean(db)
	}
	fmt.Fprintf(&b, "%-14s %s\n", "Database", db)
	row("Plugins", fmt.Sprintf("%d active of %d", o.Plugins, o.PluginsAll))
	row("Must-use", fmt.Sprint(o.MUPlugins))
	row("Drop-ins", fmt.Sprint(o.Dropins))
	row("Themes", fmt.Sprintf("%d, active: %s", o.Themes, o.ActiveTheme))
	if o.Multisite {
		row("Multisite", "yes")
	}
	if o.Maintenance {
		row("Maintenance", ".maintenance is present")
	}
	if m.err == nil {
		b.WriteString("\n" + m.menu.view(m.st))
	}
	return b.String()
}

func (m *Model) probeLine(p Probe) string {
	st := m.st.ok
	if p.Broken {
		st = m.st.err
	}
	s := fmt.Sprintf("probe %s %s %s %dms", clean(p.URL), st.Render(fmt.Sprint(p.Status)), clean(p.Class), p.Millis)
	if p.Reason != "" && p.Broken {
		s += " (" + clean(p.Reason) + ")"
	}
	return s
}

func (m *Model) logLine(l LogLine) string {
	where := clean(l.File)
	if l.Line > 0 {
		where += fmt.Sprintf(":%d", l.Line)
	}
	return m.st.faint.Render("log "+clean(l.Source)) + " " + where + " " + clean(l.Text)
}

func (m *Model) viewDiagnose() string {
	h := m.bodyHeight() - 2
	head := m.spin.View() + " diagnosing: probes, logs, checks — nothing is changed but (journaled) debug logging"
	if !m.busy {
		head = "Diagnosis finished"
	}
	return head + "\n\n" + strings.Join(tail(m.activity, h), "\n")
}

func (m *Model) viewPlan() string {
	p := m.plan
	var b strings.Builder
	wrap := m.st.faint.Width(max(20, m.w-2))
	b.WriteString(m.st.header.Render("The evidence does not settle it: a bisect would.") + "\n")
	if p.Why != "" {
		b.WriteString(wrap.Render(clean(p.Why)) + "\n")
	}
	b.WriteString("\n")
	n := len(p.Components) - len(p.Excluded)
	fmt.Fprintf(&b, "Bisect %d components, about %d page loads, about %s.\n", n, p.Probes, p.Time.Round(time.Second))
	var stages []string
	for _, s := range p.Stages {
		stages = append(stages, fmt.Sprintf("%s (%d)", s.Name, s.Candidates))
	}
	fmt.Fprintf(&b, "Stages: %s\n", strings.Join(stages, ", "))
	if p.URL != "" {
		fmt.Fprintf(&b, "Each probe loads %s\n", clean(p.URL))
	}
	strat := "Strategy: " + m.st.bold.Render(p.Strategy)
	if p.StrategyWhy != "" {
		strat += " — " + clean(p.StrategyWhy)
	}
	b.WriteString(lipgloss.NewStyle().Width(max(20, m.w-2)).Render(strat) + "\n")
	b.WriteString(lipgloss.NewStyle().Width(max(20, m.w-2)).Render("Visitors meanwhile: "+clean(p.Visitors)) + "\n")
	b.WriteString("Every change is journaled and undone at the end; q at any time restores.\n\n")
	if m.excluding {
		b.WriteString("Components (space: exclude/include, enter: done):\n")
		for i, c := range p.Components {
			mark := "[x]"
			if contains(p.Excluded, c) {
				mark = "[ ] excluded:"
			}
			line := fmt.Sprintf("%s %s", mark, clean(c))
			if i == m.planSel {
				line = m.st.sel.Render("▸ " + line)
			} else {
				line = "  " + line
			}
			b.WriteString(line + "\n")
		}
		return b.String()
	}
	if len(p.Excluded) > 0 {
		fmt.Fprintf(&b, "Excluded (left as they are): %s\n\n", clean(strings.Join(p.Excluded, ", ")))
	}
	b.WriteString(m.menu.view(m.st))
	return b.String()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func errorText(err error) string { return "Failed: " + clean(err.Error()) }
