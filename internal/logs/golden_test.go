package logs

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*/*.golden from the parsers' output")

// TestGolden parses every testdata/<format>/*.log (the directory names the
// format; captures from a lab are added the same way) and compares a
// one-line digest per event with the .golden file beside it. Run with
// -update after reviewing a change.
func TestGolden(t *testing.T) {
	logs, err := filepath.Glob(filepath.Join("testdata", "*", "*.log"))
	if err != nil || len(logs) == 0 {
		t.Fatalf("no testdata logs: %v", err)
	}
	layout := StandardLayout("/srv/x")
	for _, name := range logs {
		f, err := ParseFormat(filepath.Base(filepath.Dir(name)))
		if err != nil {
			t.Fatalf("%s: directory does not name a format: %v", name, err)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if got := Detect(data); got != f {
			t.Errorf("%s: Detect = %v, want %v", name, got, f)
		}
		evs, err := Parse(data, f, Options{Source: name})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i := range evs {
			checkInvariants(t, &evs[i])
			b.WriteString(digest(&evs[i], layout))
			b.WriteByte('\n')
		}
		golden := strings.TrimSuffix(name, ".log") + ".golden"
		if *update {
			if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%s: %v (run with -update to create it)", name, err)
		}
		if b.String() != string(want) {
			t.Errorf("%s: digest differs from %s:\n got:\n%s\nwant:\n%s", name, golden, b.String(), want)
		}
	}
}

// digest is one line per event: time, kind, severity, blame, location,
// frames and embedded count, and the message.
func digest(e *Event, l Layout) string {
	c := l.Blame(e)
	w := e.Worst()
	return fmt.Sprintf("%s %s %s blame=%s:%d at=%s:%d frames=%d embedded=%d pid=%d pool=%s errno=%d | %s",
		e.Time.UTC().Format("2006-01-02T15:04:05.000000Z"), e.Kind, e.Severity, c.ID(), c.Line,
		w.File, w.Line, len(w.Frames), len(e.Embedded), e.PID, e.Pool, e.Errno, w.Message)
}
