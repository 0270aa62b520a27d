package logs

import (
	"testing"
	"time"
)

func TestFPMKinds(t *testing.T) {
	tests := []struct {
		line   string
		kind   Kind
		sev    Severity
		pool   string
		pid    int
		signal string
		script string
		req    string
		dur    time.Duration
	}{
		{`[21-Nov-2026 16:47:01] WARNING: [pool site1] child 1234 exited on signal 11 (SIGSEGV - core dumped) after 12.345678 seconds from start`,
			KindFPMChildSignal, SevError, "site1", 1234, "SIGSEGV", "", "", 12345678 * time.Microsecond},
		{`[21-Nov-2026 16:47:01] WARNING: [pool site1] child 1234 exited on signal 9 (SIGKILL) after 1.5 seconds from start`,
			KindFPMChildSignal, SevError, "site1", 1234, "SIGKILL", "", "", 1500 * time.Millisecond},
		{`[21-Nov-2026 16:47:01] WARNING: [pool site1] child 1234 exited on signal 15 (SIGTERM) after 3.1 seconds from start`,
			KindFPMChildSignal, SevWarning, "site1", 1234, "SIGTERM", "", "", 3100 * time.Millisecond},
		{`[21-Nov-2026 16:47:01] WARNING: [pool site1] child 1234, script '/srv/x/index.php' (request: "GET /index.php") execution timed out (3.012345 sec), terminating`,
			KindFPMRequestTimeout, SevError, "site1", 1234, "", "/srv/x/index.php", "GET /index.php", 3012345 * time.Microsecond},
		{`[21-Nov-2026 16:47:01] WARNING: [pool site1] child 1234, script '/srv/x/index.php' (request: "GET /index.php?a=1") executing too slow (1.001 sec), logging`,
			KindFPMSlowRequest, SevWarning, "site1", 1234, "", "/srv/x/index.php", "GET /index.php?a=1", 1001 * time.Millisecond},
		{`[21-Nov-2026 16:47:01] WARNING: [pool site1] server reached pm.max_children setting (5), consider raising it`,
			KindWorkersExhausted, SevWarning, "site1", 0, "", "", "", 0},
		{`[21-Nov-2026 16:47:01] WARNING: [pool www] seems busy (you may need to increase pm.start_servers, or pm.min/max_spare_servers), spawning 8 children, there are 0 idle, and 12 total children`,
			KindFPMBusy, SevWarning, "www", 0, "", "", "", 0},
		{`[21-Nov-2026 16:47:01] NOTICE: [pool site1] child 1240 started`,
			KindFPMChildStarted, SevNotice, "site1", 1240, "", "", "", 0},
		{`[21-Nov-2026 16:47:01] NOTICE: fpm is running, pid 1200`,
			KindFPMStarted, SevNotice, "", 1200, "", "", "", 0},
		{`[21-Nov-2026 16:47:01] NOTICE: Terminating ...`,
			KindFPMStopping, SevNotice, "", 0, "", "", "", 0},
		{`[21-Nov-2026 16:47:01] ERROR: unable to bind listening socket for address '/run/php.sock': Address already in use (98)`,
			KindFPMBindFailed, SevError, "", 0, "", "", "", 0},
		{`[21-Nov-2026 16:47:01] ALERT: [pool site1] child 1241 exited with code 255 after 0.5 seconds from start`,
			KindFPMChildExit, SevCritical, "site1", 1241, "", "", "", 500 * time.Millisecond},
		{`[21-Nov-2026 16:47:01.123456] ERROR: failed to ptrace(PEEKDATA) pid 1234: Input/output error (5)`,
			KindFPM, SevError, "", 0, "", "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.line[23:], func(t *testing.T) {
			e := one(t, FormatFPM, tt.line)
			if e.Kind != tt.kind || e.Severity != tt.sev || e.Pool != tt.pool || e.PID != tt.pid {
				t.Errorf("kind/sev/pool/pid = %s/%s/%q/%d, want %s/%s/%q/%d", e.Kind, e.Severity, e.Pool, e.PID, tt.kind, tt.sev, tt.pool, tt.pid)
			}
			if e.Signal != tt.signal || e.Script != tt.script || e.Request != tt.req || e.Duration != tt.dur {
				t.Errorf("signal/script/req/dur = %q/%q/%q/%v", e.Signal, e.Script, e.Request, e.Duration)
			}
			if e.Time.IsZero() || e.Raw != tt.line {
				t.Errorf("time/raw = %v/%q", e.Time, e.Raw)
			}
		})
	}
	if e := one(t, FormatFPM, `[21-Nov-2026 16:47:01] ERROR: unable to bind listening socket for address '/run/php.sock': Address already in use (98)`); e.Errno != 98 {
		t.Errorf("errno = %d", e.Errno)
	}
	if e := one(t, FormatFPM, `[21-Nov-2026 16:47:01] NOTICE: [pool a] child 3 exited with code 0 after 100.2 seconds from start`); e.Code != "0" || !e.IsNoise() {
		t.Errorf("clean exit = %+v", e)
	}
}

func TestFPMStderrJoined(t *testing.T) {
	text := `[21-Nov-2026 16:47:06] WARNING: [pool www] child 1238 said into stderr: "PHP message: PHP Fatal error:  Uncaught Error: x() in /srv/x/wp-content/plugins/p/p.php:12"
[21-Nov-2026 16:47:06] WARNING: [pool www] child 1238 said into stderr: "Stack trace:"
[21-Nov-2026 16:47:06] WARNING: [pool www] child 1238 said into stderr: "#0 /srv/x/wp-settings.php(453): include_once()"
[21-Nov-2026 16:47:06] WARNING: [pool www] child 1238 said into stderr: "#1 {main}"
[21-Nov-2026 16:47:06] WARNING: [pool www] child 1238 said into stderr: "  thrown in /srv/x/wp-content/plugins/p/p.php on line 12"
[21-Nov-2026 16:47:06] WARNING: [pool www] child 1238 said into stderr: "PHP message: PHP Warning:  w in /a.php on line 1"
[21-Nov-2026 16:47:06] WARNING: [pool www] child 1239 said into stderr: "#0 not a continuation: other child"
[21-Nov-2026 16:47:07] WARNING: [pool www] child 1238 exited on signal 11 (SIGSEGV) after 1.0 seconds from start`
	evs := parse(t, FormatFPM, text)
	kinds := []Kind{KindFPMStderr, KindFPMStderr, KindFPMStderr, KindFPMChildSignal}
	if len(evs) != len(kinds) {
		t.Fatalf("got %d events: %+v", len(evs), evs)
	}
	for i, k := range kinds {
		if evs[i].Kind != k {
			t.Errorf("event %d kind %s, want %s", i, evs[i].Kind, k)
		}
	}
	f := evs[0].Worst()
	if len(evs[0].Embedded) != 1 || f.Kind != KindPHPFatal || len(f.Frames) != 2 || f.Line != 12 {
		t.Errorf("joined fatal = %+v", evs[0].Embedded)
	}
	if evs[0].PID != 1238 || evs[0].Pool != "www" || evs[0].Message != "child 1238 said into stderr" {
		t.Errorf("outer = %+v", evs[0])
	}
	if evs[1].Worst().Kind != KindPHPWarning {
		t.Errorf("second stderr = %+v", evs[1].Embedded)
	}
}

func TestFPMMalformed(t *testing.T) {
	for _, s := range []string{
		"[21-Nov-2026 16:47:01] ",
		"[21-Nov-2026 16:47:01] WARNING:",
		"[21-Nov-2026 16:47:01] WARNING: [pool ",
		"[21-Nov-2026 16:47:01] WARNING: [pool x] child",
		"[21-Nov-2026 16:47:01] WARNING: [pool x] child 1 said into stderr: \"",
		"[21-Nov-2026 16:47:01] WARNING: [pool x] child 1 exited on signal ",
		"[21-Nov-2026 16:47:01] WARNING: [pool x] child 1 exited on signal 1 (SIG",
		"[21-Nov-2026 16:47:01] WARNING: [pool x] child 1, script 'x (request: \"y execution timed out (",
		"[21-Nov-2026 16:47:01] WARNING: x exited on signal 9 (SIGKILL) after -5 seconds",
		"[21-Nov-2026 16:47:01] WARNING: x after 1e300 seconds exited with code",
		"no header",
	} {
		for _, e := range parse(t, FormatFPM, s) {
			checkInvariants(t, &e)
		}
	}
}
