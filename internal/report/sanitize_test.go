package report

import (
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/wp"
)

// nasty is what a hostile plugin header or folder name can hold: clear the
// screen, set the window title (OSC … BEL), a CR to overwrite the line, a
// newline to fake a line of its own, an 8-bit CSI, a bidi override.
const nasty = "evil\x1b[2J\x1b]0;pwned\x07\rVERDICT   healthy\nFAKE\x9b31m\u202eXX\x00"

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, ünïcode ✓", "plain text, ünïcode ✓"},
		{"a\tb", "a b"},
		{"a\r\nb", "a  b"},
		{"\x1b[31mred\x1b[0m", "[31mred[0m"},
		{"title\x1b]0;x\x07", "title]0;x"},
		{"csi\u009b2J", "csi2J"},
		{"raw \x9b byte", "raw \ufffd byte"},
		{"del\x7f", "del"},
		{"bidi\u202egnp.exe", "bidignp.exe"},
		{"line\u2028sep", "line sep"},
	}
	for _, tt := range tests {
		if got := Clean(tt.in); got != tt.want {
			t.Errorf("Clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := CleanText("REFUSED: key changed\n  offered\x1b[2J\r\n"); got != "REFUSED: key changed\n  offered[2J \n" {
		t.Errorf("CleanText = %q", got)
	}
}

func assertSafe(t *testing.T, what, out string, lines int) {
	t.Helper()
	for _, r := range out {
		if r != '\n' && unsafe(r) || r == '\t' {
			t.Errorf("%s: holds %U: %q", what, r, out)
			return
		}
	}
	if !strings.Contains(out, "evil") {
		t.Errorf("%s: the text itself is gone: %q", what, out)
	}
	if lines > 0 && strings.Count(out, "\n") != lines {
		t.Errorf("%s: %d lines, want %d (a value made lines of its own): %q", what, strings.Count(out, "\n"), lines, out)
	}
}

// Issue 14, defect 11: nothing the site supplies reaches the terminal or a
// Markdown report with control characters or line breaks of its own.
func TestReportsSanitized(t *testing.T) {
	rep := &diag.Report{
		URL: "http://x.test", Target: "/srv/www", Status: diag.StatusBroken, Restored: true,
		Verdict: diag.Verdict{Kind: diag.KindPlugin, Components: []string{"plugin:" + nasty}, Cause: "the plugin " + nasty + " crashes",
			Evidence: []diag.Evidence{{Source: "debug.log", Text: nasty, File: "/srv/www/wp-content/plugins/" + nasty + "/x.php", Line: 3}}},
		Findings: []diag.Finding{{Severity: diag.Error, Title: "t", Summary: nasty, Fix: nasty}},
		Probes:   []diag.ProbeResult{{URL: "http://x.test/", Requests: 1, Failures: 1, Pattern: "steady", Example: nasty}},
		Logs:     []diag.LogSource{{Name: "nginx", Path: "/var/log/" + nasty, Read: false, Reason: nasty}},
		Notes:    []string{nasty},
	}
	var text, md strings.Builder
	if err := Text(&text, rep); err != nil {
		t.Fatal(err)
	}
	assertSafe(t, "text", text.String(), 0)
	if strings.Contains(text.String(), "\nFAKE") || strings.Contains(text.String(), "\nVERDICT   healthy") {
		t.Errorf("text: a value faked a line: %q", text.String())
	}
	if err := Markdown(&md, rep); err != nil {
		t.Fatal(err)
	}
	assertSafe(t, "markdown", md.String(), 0)
	if strings.Contains(md.String(), "\nFAKE") {
		t.Errorf("markdown: a value faked a line")
	}

	in := &diag.SiteInfo{Target: "/srv/www", Config: &wp.Config{}}
	in.Plugins = []inventory.Plugin{{File: nasty + "/p.php", Name: nasty, Version: "1\n2", Active: true}}
	var info strings.Builder
	if err := Info(&info, in); err != nil {
		t.Fatal(err)
	}
	assertSafe(t, "info", info.String(), 0)

	for _, e := range []diag.Event{
		{Kind: diag.EventWarn, Message: nasty},
		{Kind: diag.EventStep, Message: nasty},
		{Kind: diag.EventChange, Message: nasty},
		{Kind: diag.EventProbe, Probe: &diag.ProbeEvent{URL: "http://x/" + nasty, Intention: nasty}},
		{Kind: diag.EventFinding, Finding: &diag.Finding{Summary: nasty}},
	} {
		assertSafe(t, "progress "+string(e.Kind), ProgressLine(e)+"\n", 1)
	}
}
