package tui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// styles are the UI's looks; adaptive colours read on light and dark
// terminals, and the Ascii profile (NO_COLOR, tests) drops them.
type styles struct {
	title, header, faint, bold, sel, ok, warn, err, crit, box, errBox lipgloss.Style
}

func newStyles() styles {
	red := lipgloss.AdaptiveColor{Light: "#B00020", Dark: "#FF5F5F"}
	yellow := lipgloss.AdaptiveColor{Light: "#8A6100", Dark: "#FFD75F"}
	green := lipgloss.AdaptiveColor{Light: "#1B7F3B", Dark: "#5FD787"}
	accent := lipgloss.AdaptiveColor{Light: "#5A2CA0", Dark: "#AF87FF"}
	return styles{
		title:  lipgloss.NewStyle().Bold(true).Foreground(accent),
		header: lipgloss.NewStyle().Bold(true),
		faint:  lipgloss.NewStyle().Faint(true),
		bold:   lipgloss.NewStyle().Bold(true),
		sel:    lipgloss.NewStyle().Bold(true).Foreground(accent),
		ok:     lipgloss.NewStyle().Foreground(green),
		warn:   lipgloss.NewStyle().Foreground(yellow),
		err:    lipgloss.NewStyle().Foreground(red),
		crit:   lipgloss.NewStyle().Bold(true).Foreground(red),
		box:    lipgloss.NewStyle().Border(lipgloss.NormalBorder()).Padding(0, 1),
		errBox: lipgloss.NewStyle().Border(lipgloss.NormalBorder()).BorderForeground(red).Padding(0, 1),
	}
}

// severity colours a finding's severity.
func (s styles) severity(sev string) lipgloss.Style {
	switch sev {
	case SevCritical:
		return s.crit
	case SevError:
		return s.err
	case SevWarning:
		return s.warn
	}
	return s.faint
}

// clean strips escape sequences and control characters from text that
// comes from the site (plugin names, log lines) before it is drawn.
func clean(s string) string {
	s = ansi.Strip(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case unicode.IsControl(r), r == '\u200e', r == '\u200f', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return -1
		}
		return r
	}, s)
}

// trunc cuts a line to w cells.
func trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// fit pads or cuts text to exactly h lines of at most w cells.
func fit(s string, w, h int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = strings.TrimRight(trunc(l, w), " ")
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// tail keeps the last n lines.
func tail(lines []string, n int) []string {
	if n <= 0 {
		return nil
	}
	if len(lines) > n {
		return lines[len(lines)-n:]
	}
	return lines
}
