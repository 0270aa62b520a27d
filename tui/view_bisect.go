package tui

import (
	"fmt"
	"github.com/charmbracelet/lipgloss"
	"strings"
	"time"
)

func (m *Model) viewBisect() string {
	var b strings.Builder
	p := m.plan
	left := len(p.Components) - len(p.Excluded)
	if n := len(m.bprobes); n > 0 {
		left = m.bprobes[n-1].Left
	}
	done := len(m.bprobes)
	frac := 0.0
	if p.Probes > 0 {
		frac = min(1, float64(done)/float64(p.Probes))
	}
	elapsed := m.opts.Now().Sub(m.started).Round(time.Second)
	head := m.spin.View() + " bisecting"
	if !m.busy {
		head = "Bisect finished"
	}
	fmt.Fprintf(&b, "%s · strategy %s · %d candidates left · %s elapsed\n", head, p.Strategy, left, elapsed)
	fmt.Fprintf(&b, "%s %d/~%d page loads\n\n", m.prog.ViewAs(frac), done, p.Probes)
	rows := max(1, m.bodyHeight()-8)
	start := max(0, len(m.bprobes)-rows)
	for i := start; i < len(m.bprobes); i++ {
		pr := m.bprobes[i]
		ans := m.st.ok.Render(fmt.Sprintf("%-18s", fmt.Sprintf("%d %s", pr.Status, clean(pr.Class))))
		if pr.Broken {
			ans = m.st.err.Render(fmt.Sprintf("%-18s", fmt.Sprintf("%d %s", pr.Status, clean(pr.Class))))
		}
		fmt.Fprintf(&b, "#%-2d %s %2d left · off: %s\n", pr.Step, ans, pr.Left, clean(strings.Join(pr.Off, " ")))
	}
	if len(m.bprobes) == 0 {
		b.WriteString(strings.Join(tail(m.activity, rows), "\n"))
	}
	return b.String()
}

func (m *Model) evidenceText() string {
	v := m.verdict
	if len(v.Evidence) == 0 {
		return m.st.faint.Render("(no log lines)")
	}
	lines := make([]string, len(v.Evidence))
	for i, e := range v.Evidence {
		lines[i] = clean(e)
	}
	return strings.Join(lines, "\n")
}

func (m *Model) viewVerdict() string {
	v := m.verdict
	var b strings.Builder
	name := strings.Join(v.Components, ", ")
	if name == "" {
		name = v.Kind
	}
	st := m.st.crit
	if v.Kind == "healthy" {
		st = m.st.ok
	}
	wrap := lipgloss.NewStyle().Width(max(20, m.w-2))
	fmt.Fprintf(&b, "%s  (%s, confidence %.0f%%, from %s)\n", st.Render(clean(name)), v.Kind, v.Confidence*100, v.Basis)
	b.WriteString(wrap.Render("Cause: "+clean(v.Cause)) + "\n")
	if v.Fix != "" {
		b.WriteString(wrap.Render("Fix: "+clean(v.Fix)) + "\n")
	}
	if v.Restored {
		b.WriteString(m.st.ok.Render("Site restored and verified: everything wpdoctor changed is back as it was.") + "\n")
	}
	for _, n := range v.Notes {
		b.WriteString(m.st.faint.Width(max(20, m.w-2)).Render(clean(n)) + "\n")
	}
	if m.showJSON {
		m.vp.Height = max(2, m.bodyHeight()-strings.Count(b.String(), "\n")-3)
		b.WriteString("\nThe report as JSON (↑/↓ pgup/pgdn scroll, esc back):\n" + m.vp.View() + "\n")
		return b.String()
	}
	vh := max(2, m.bodyHeight()-strings.Count(b.String(), "\n")-len(m.menu.items)-3)
	m.vp.Height = min(vh, max(1, len(v.Evidence)))
	b.WriteString("\nEvidence:\n" + m.vp.View() + "\n\n")
	if m.reportInput {
		b.WriteString(m.report.View() + "\n")
	} else {
		b.WriteString(m.menu.view(m.st))
	}
	return b.String()
}

func (m *Model) viewLeaving() string {
	if m.closing {
		return m.spin.View() + " restoring the site and verifying it — wpdoctor exits when it is done"
	}
	return m.closeText
}
