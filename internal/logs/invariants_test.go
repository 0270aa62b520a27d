package logs

import (
	"testing"
	"unicode/utf8"
)

// checkInvariants asserts what every event must satisfy, whatever the input.
func checkInvariants(t testing.TB, e *Event) {
	t.Helper()
	for _, s := range []string{e.Raw, e.Message, e.File, e.TimeRaw, e.Level, e.Request, e.Client, e.Detail} {
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 in %q (event %+v)", s, e)
		}
	}
	if e.Raw == "" {
		t.Fatalf("empty Raw: %+v", e)
	}
	if len(e.Raw) > MaxEventBytes+MaxLineBytes {
		t.Fatalf("Raw of %d bytes", len(e.Raw))
	}
	if e.Line < 0 || e.PID < 0 || e.Errno < 0 || e.Duration < 0 {
		t.Fatalf("negative number: %+v", e)
	}
	if len(e.Frames) > MaxFrames || len(e.Embedded) > maxEmbeddedHard {
		t.Fatalf("frames=%d embedded=%d", len(e.Frames), len(e.Embedded))
	}
	if e.Kind == "" || e.Format == FormatUnknown {
		t.Fatalf("no kind or format: %+v", e)
	}
	for i := range e.Embedded {
		if e.Embedded[i].Format != FormatPHP || e.Embedded[i].Kind == "" {
			t.Fatalf("embedded event %d: %+v", i, e.Embedded[i])
		}
	}
	_ = StandardLayout("/srv/x").Blame(e)
}
