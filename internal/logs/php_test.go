package logs

import (
	"strings"
	"testing"
	"time"
)

func TestPHPLine(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		kind  Kind
		sev   Severity
		level string
		msg   string
		file  string
		ln    int
	}{
		{"uncaught", `[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Uncaught Error: Call to undefined function wpd_nope() in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php:12`,
			KindPHPFatal, SevCritical, "Fatal error", "Uncaught Error: Call to undefined function wpd_nope()", "/srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php", 12},
		{"memory", `[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /path/x.php on line 5`,
			KindPHPMemory, SevCritical, "Fatal error", "Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes)", "/path/x.php", 5},
		{"out of memory", `[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Out of memory (allocated 2097152) (tried to allocate 4096 bytes) in /p/a.php on line 9`,
			KindPHPMemory, SevCritical, "Fatal error", "Out of memory (allocated 2097152) (tried to allocate 4096 bytes)", "/p/a.php", 9},
		{"time limit", `[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Maximum execution time of 30 seconds exceeded in /p/wp-includes/x.php on line 77`,
			KindPHPTimeLimit, SevCritical, "Fatal error", "Maximum execution time of 30 seconds exceeded", "/p/wp-includes/x.php", 77},
		{"parse", `[21-Nov-2026 16:47:01 UTC] PHP Parse error:  syntax error, unexpected identifier "foo" in /p on line 3`,
			KindPHPParse, SevCritical, "Parse error", `syntax error, unexpected identifier "foo"`, "/p", 3},
		{"warning", `[21-Nov-2026 16:47:01 UTC] PHP Warning:  Undefined variable $x in /p/a.php on line 4`,
			KindPHPWarning, SevWarning, "Warning", "Undefined variable $x", "/p/a.php", 4},
		{"notice", `[21-Nov-2026 16:47:01 UTC] PHP Notice:  Trying to get property 'ID' of non-object in /p/a.php on line 8`,
			KindPHPNotice, SevNotice, "Notice", "Trying to get property 'ID' of non-object", "/p/a.php", 8},
		{"deprecated", `[21-Nov-2026 16:47:01 UTC] PHP Deprecated:  Creation of dynamic property WP_Term::$x is deprecated in /srv/x/wp-includes/class-wp-term.php on line 203`,
			KindPHPDeprecated, SevDeprecated, "Deprecated", "Creation of dynamic property WP_Term::$x is deprecated", "/srv/x/wp-includes/class-wp-term.php", 203},
		{"strict", `[21-Nov-2026 16:47:01 UTC] PHP Strict Standards:  Non-static method a::b() should not be called statically in /p/a.php on line 2`,
			KindPHPDeprecated, SevDeprecated, "Strict Standards", "Non-static method a::b() should not be called statically", "/p/a.php", 2},
		{"recoverable", `[21-Nov-2026 16:47:01 UTC] PHP Recoverable fatal error:  Object of class WP_Error could not be converted to string in /p/a.php on line 2`,
			KindPHPFatal, SevCritical, "Recoverable fatal error", "Object of class WP_Error could not be converted to string", "/p/a.php", 2},
		{"unknown location", `[21-Nov-2026 16:47:01 UTC] PHP Warning:  Module "redis" is already loaded in Unknown on line 0`,
			KindPHPWarning, SevWarning, "Warning", `Module "redis" is already loaded`, "Unknown", 0},
		{"no location", `[21-Nov-2026 16:47:01 UTC] PHP Warning:  PHP Startup: Unable to load dynamic library 'x.so'`,
			KindPHPWarning, SevWarning, "Warning", "PHP Startup: Unable to load dynamic library 'x.so'", "", 0},
		{"db error", `[21-Nov-2026 16:47:01 UTC] WordPress database error Table 'x.wp_options' doesn't exist for query SELECT 1 made by require('wp-blog-header.php')`,
			KindWPDBError, SevError, "WordPress database error", "Table 'x.wp_options' doesn't exist", "", 0},
		{"error_log message", `[21-Nov-2026 16:47:01 UTC] some message from a plugin`,
			KindMessage, SevInfo, "", "some message from a plugin", "", 0},
		{"PHP-like but no level", `[21-Nov-2026 16:47:01 UTC] PHP is great: yes`,
			KindMessage, SevInfo, "", "PHP is great: yes", "", 0},
		{"unknown error", `[21-Nov-2026 16:47:01 UTC] PHP Unknown error:  x in /p/a.php on line 1`,
			KindPHPOther, SevError, "Unknown error", "x", "/p/a.php", 1},
		{"path with spaces", `[21-Nov-2026 16:47:01 UTC] PHP Warning:  oops in /srv/my site/a.php on line 3`,
			KindPHPWarning, SevWarning, "Warning", "oops", "/srv/my site/a.php", 3},
		{"eval'd code", `[21-Nov-2026 16:47:01 UTC] PHP Parse error:  syntax error in /srv/x/wp-content/plugins/p/p.php(12) : eval()'d code on line 1`,
			KindPHPParse, SevCritical, "Parse error", "syntax error", "/srv/x/wp-content/plugins/p/p.php(12) : eval()'d code", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := one(t, FormatPHP, tt.line)
			if e.Kind != tt.kind || e.Severity != tt.sev || e.Level != tt.level {
				t.Errorf("kind/sev/level = %s/%s/%q, want %s/%s/%q", e.Kind, e.Severity, e.Level, tt.kind, tt.sev, tt.level)
			}
			if e.Message != tt.msg {
				t.Errorf("message = %q, want %q", e.Message, tt.msg)
			}
			if e.File != tt.file || e.Line != tt.ln {
				t.Errorf("location = %s:%d, want %s:%d", e.File, e.Line, tt.file, tt.ln)
			}
			if e.Raw != tt.line || e.Format != FormatPHP || e.Source != "test.log" {
				t.Errorf("raw/format/source = %q/%v/%q", e.Raw, e.Format, e.Source)
			}
			if e.TimeRaw != "21-Nov-2026 16:47:01 UTC" || !e.Time.Equal(utc("2026-11-21T16:47:01Z")) {
				t.Errorf("time = %v (%q)", e.Time, e.TimeRaw)
			}
		})
	}
}

func TestPHPDBErrorDetail(t *testing.T) {
	e := one(t, FormatPHP, `[21-Nov-2026 16:47:01 UTC] WordPress database error Table 'x.wp_options' doesn't exist for query SELECT 1 made by require('wp-blog-header.php')`)
	if e.Detail != "for query SELECT 1 made by require('wp-blog-header.php')" {
		t.Errorf("detail = %q", e.Detail)
	}
}

func TestPHPTimezones(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	tests := []struct {
		ts   string
		want time.Time
	}{
		{"21-Nov-2026 16:47:01 UTC", time.Date(2026, 11, 21, 16, 47, 1, 0, time.UTC)},
		{"21-Nov-2026 17:47:01 Europe/Berlin", time.Date(2026, 11, 21, 17, 47, 1, 0, berlin)},
		{"21-Jul-2026 18:47:01 Europe/Berlin", time.Date(2026, 7, 21, 16, 47, 1, 0, time.UTC)},
		{"21-Nov-2026 16:47:01 Mars/Olympus_Mons", time.Time{}}, // shape ok, zone unknown
		{"21-Nov-2026 16:47:01 ../../etc/passwd", time.Time{}},
	}
	for _, tt := range tests {
		e := one(t, FormatPHP, "["+tt.ts+"] PHP Warning:  x in /a.php on line 1")
		if !e.Time.Equal(tt.want) || e.TimeRaw != tt.ts {
			t.Errorf("%s: time = %v, want %v", tt.ts, e.Time, tt.want)
		}
		if e.Kind != KindPHPWarning {
			t.Errorf("%s: not parsed as a header: %+v", tt.ts, e)
		}
	}
}

func TestPHPStackTrace(t *testing.T) {
	text := `[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Uncaught Error: Call to undefined function wpd_nope() in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php:12
Stack trace:
#0 /srv/x/wp-settings.php(453): include_once()
#1 [internal function]: wpd_cb('a): b')
#2 /srv/x/wp-content/plugins/p/p.php(12) : eval()'d code(3): foo()
#3 {main}
  thrown in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php on line 12
[21-Nov-2026 16:47:02 UTC] PHP Warning:  next in /a.php on line 1`
	evs := parse(t, FormatPHP, text)
	if len(evs) != 2 {
		t.Fatalf("got %d events, want 2", len(evs))
	}
	e := evs[0]
	want := []Frame{
		{Func: "include_once()", File: "/srv/x/wp-settings.php", Line: 453},
		{Func: "wpd_cb('a): b')"},
		{Func: "foo()", File: "/srv/x/wp-content/plugins/p/p.php(12) : eval()'d code", Line: 3},
		{Func: "{main}"},
	}
	if len(e.Frames) != len(want) {
		t.Fatalf("frames = %+v", e.Frames)
	}
	for i := range want {
		if e.Frames[i] != want[i] {
			t.Errorf("frame %d = %+v, want %+v", i, e.Frames[i], want[i])
		}
	}
	if !strings.HasSuffix(e.Raw, "on line 12") || strings.Count(e.Raw, "\n") != 6 {
		t.Errorf("raw = %q", e.Raw)
	}
	if evs[1].Kind != KindPHPWarning || evs[1].Raw != "[21-Nov-2026 16:47:02 UTC] PHP Warning:  next in /a.php on line 1" {
		t.Errorf("second event = %+v", evs[1])
	}
}

func TestPHPThrownInFillsLocation(t *testing.T) {
	// PHP 7 style: the head line has no location, "thrown in" gives it.
	e := one(t, FormatPHP, "[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Uncaught Exception: boom\nStack trace:\n#0 {main}\n  thrown in /srv/x/wp-content/themes/t/functions.php on line 7")
	if e.File != "/srv/x/wp-content/themes/t/functions.php" || e.Line != 7 {
		t.Errorf("location = %s:%d", e.File, e.Line)
	}
}

func TestPHPMalformed(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Kind
	}{
		{"orphan trace", "Stack trace:\n#0 {main}", []Kind{KindUnparsed, KindUnparsed}},
		{"bad date", "[99-Nov-2026 16:47:01 UTC] PHP Warning:  x", []Kind{KindUnparsed}},
		{"bad month", "[21-Foo-2026 16:47:01 UTC] PHP Warning:  x", []Kind{KindUnparsed}},
		{"unclosed bracket", "[21-Nov-2026 16:47:01 UTC PHP Warning:  x", []Kind{KindUnparsed}},
		{"empty and blank", "\n   \n\t\n", nil},
		{"header only", "[21-Nov-2026 16:47:01 UTC]", []Kind{KindMessage}},
		{"level without message", "[21-Nov-2026 16:47:01 UTC] PHP Fatal error:", []Kind{KindPHPFatal}},
		{"binary", "\x00\x00\x00\xff\xfe[21-Nov\x00", []Kind{KindUnparsed}},
		{"nul prefix from copytruncate", "\x00\x00\x00[21-Nov-2026 16:47:01 UTC] PHP Warning:  x in /a.php on line 2", []Kind{KindPHPWarning}},
		{"crlf", "[21-Nov-2026 16:47:01 UTC] PHP Warning:  x in /a.php on line 2\r\n", []Kind{KindPHPWarning}},
		{"huge line number", "[21-Nov-2026 16:47:01 UTC] PHP Warning:  x in /a.php on line 99999999999999999999", []Kind{KindPHPWarning}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := parse(t, FormatPHP, tt.text)
			if len(evs) != len(tt.want) {
				t.Fatalf("got %d events %+v, want %v", len(evs), evs, tt.want)
			}
			for i, e := range evs {
				if e.Kind != tt.want[i] {
					t.Errorf("event %d kind = %s, want %s", i, e.Kind, tt.want[i])
				}
				checkInvariants(t, &e)
			}
		})
	}
}

func TestPHPLongLineIsCut(t *testing.T) {
	long := "[21-Nov-2026 16:47:01 UTC] PHP Warning:  " + strings.Repeat("é", MaxLineBytes) + " in /a.php on line 2"
	e := one(t, FormatPHP, long)
	if !e.Truncated || len(e.Raw) > MaxLineBytes || e.Kind != KindPHPWarning {
		t.Errorf("truncated=%v len=%d kind=%s", e.Truncated, len(e.Raw), e.Kind)
	}
	checkInvariants(t, &e)
}

func TestPHPEventSizeBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Uncaught Error: x in /a.php:1\nStack trace:\n")
	for i := 0; i < 20000; i++ {
		b.WriteString("#1 /srv/x/wp-includes/class-wp-hook.php(308): WP_Hook->apply_filters('some long argument list here')\n")
	}
	e := one(t, FormatPHP, b.String())
	if len(e.Frames) != MaxFrames || len(e.Raw) > MaxEventBytes || !e.Truncated {
		t.Errorf("frames=%d raw=%d truncated=%v", len(e.Frames), len(e.Raw), e.Truncated)
	}
}

func TestIsNoise(t *testing.T) {
	noise := one(t, FormatPHP, "[21-Nov-2026 16:47:01 UTC] PHP Deprecated:  x in /a.php on line 1")
	fatal := one(t, FormatPHP, "[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  x in /a.php on line 1")
	if !noise.IsNoise() || fatal.IsNoise() {
		t.Errorf("IsNoise: deprecated=%v fatal=%v", noise.IsNoise(), fatal.IsNoise())
	}
}
