package cli

import (
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/journal"
)

// Issue 14, defect 11: restore's lines carry folder names and option values
// from the site; no control character of theirs reaches the terminal.
func TestRestoreOutputSanitized(t *testing.T) {
	io, out, _ := testIO()
	nasty := "plugins/evil\x1b[2J\x1b]0;pwned\x07\r\nFAKE"
	printUndo(io, &journal.Report{Undone: []string{"rename " + nasty}, Notes: []string{nasty}, Diffs: []journal.Diff{{What: nasty, Want: "a", Got: "b"}}})
	if strings.ContainsAny(out.String(), "\x1b\x07\r") || strings.Count(out.String(), "\n") != 3 || !strings.Contains(out.String(), "evil") {
		t.Errorf("restore printed %q", out.String())
	}
}
