package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestVerdictShowsJSON: the verdict's last action fetches the report as
// JSON from the engine and shows it in place of the evidence; esc goes back
// to the evidence and the actions.
func TestVerdictShowsJSON(t *testing.T) {
	m := at(pageVerdict, withVerdict)()
	last := m.menu.items[len(m.menu.items)-1]
	if last.act != actJSON {
		t.Fatalf("last verdict action %+v, want Show the report as JSON", last)
	}
	cmd := m.do(actJSON)
	if cmd == nil {
		t.Fatal("no command to fetch the JSON")
	}
	// The command is the call batched with the spinner's tick.
	var got *jsonMsg
	if b, ok := cmd().(tea.BatchMsg); ok {
		for _, c := range b {
			if c == nil {
				continue
			}
			if jm, ok := c().(jsonMsg); ok {
				got = &jm
			}
		}
	}
	if got == nil {
		t.Fatal("the command does not fetch the JSON")
	}
	m.Update(*got)
	view := m.View()
	if !m.showJSON || !strings.Contains(view, `"kind": "plugin"`) || strings.Contains(view, "Evidence:") {
		t.Fatalf("JSON not shown:\n%s", view)
	}
	m.Update(press("esc"))
	view = m.View()
	if m.showJSON || !strings.Contains(view, "Evidence:") || !strings.Contains(view, "SIGSEGV") {
		t.Fatalf("esc did not go back to the evidence:\n%s", view)
	}
}
