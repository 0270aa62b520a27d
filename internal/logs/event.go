package logs

import (
	"fmt"
	"time"
)

// Format is a log file format.
type Format uint8

// The formats this package parses.
const (
	FormatUnknown Format = iota
	FormatPHP            // PHP error_log / WordPress debug.log
	FormatNginx          // nginx error_log
	FormatApache         // Apache httpd ErrorLog
	FormatFPM            // PHP-FPM error_log (master and pool messages)
	FormatSlowlog        // PHP-FPM slowlog (multi-line stack dumps)
)

var formatNames = [...]string{"unknown", "php", "nginx", "apache", "fpm", "slowlog"}

// String returns the short lower-case name of f ("php", "nginx", ...).
func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("format(%d)", uint8(f))
}

// ParseFormat is the inverse of Format.String. It wraps ErrUnknownFormat.
func ParseFormat(s string) (Format, error) {
	for i, n := range formatNames {
		if n == s && i != 0 {
			return Format(i), nil
		}
	}
	return FormatUnknown, fmt.Errorf("parse format %q: %w", s, ErrUnknownFormat)
}

// Severity orders events by how much they can explain a failure.
// Deprecations sit below Info: on a healthy WordPress 6.1 / PHP 8.2 site
// they are written on every request and explain nothing.
type Severity uint8

// Severities, lowest first.
const (
	SevUnknown Severity = iota
	SevDebug
	SevDeprecated // PHP Deprecated / Strict Standards: noise
	SevInfo
	SevNotice
	SevWarning
	SevError
	SevCritical // PHP fatal and parse errors; crit/alert/emerg; FPM ALERT
)

var severityNames = [...]string{"unknown", "debug", "deprecated", "info", "notice", "warning", "error", "critical"}

// String returns the lower-case name of s.
func (s Severity) String() string {
	if int(s) < len(severityNames) {
		return severityNames[s]
	}
	return fmt.Sprintf("severity(%d)", uint8(s))
}

// Frame is one stack frame: from a PHP stack trace ("#0 /p/x.php(12): f()")
// or an FPM slowlog dump ("[0x7f..] f() /p/x.php:12").
type Frame struct {
	Func string // "include_once()", "WP_Hook->do_action()", "{main}"
	File string // empty for "[internal function]" and "{main}"
	Line int
	Addr string // slowlog only: "0x00007f3a2c813f40"
}

// Event is one parsed log entry. String fields that were not present in the
// entry are empty, numeric ones zero.
type Event struct {
	Format   Format
	Source   string    // Options.Source of the parser: which log
	Time     time.Time // zero when the timestamp could not be understood
	TimeRaw  string    // the timestamp as written
	Severity Severity
	Kind     Kind
	Level    string // the level as written: "Fatal error", "crit", "WARNING", "proxy_fcgi:error"
	Message  string // the first line of the message, location suffix removed

	File   string // where the error happened (PHP "in FILE on line N", "thrown in")
	Line   int
	Frames []Frame // PHP stack trace (#0 first) or slowlog dump (innermost first)

	PID      int
	Pool     string // FPM pool
	Signal   string // FPM: "SIGSEGV"
	Script   string // FPM: script_filename
	Duration time.Duration
	Errno    int    // system error number: nginx "(111: ...)", Apache "(111)..."
	Code     string // Apache "AH01067"; FPM child exit code

	Client   string
	Request  string // "GET / HTTP/1.1"
	Upstream string
	Host     string
	Detail   string // extra text: WordPress DB error query and caller, nginx "while ..." context

	Embedded []Event // PHP messages carried inside this entry (FastCGI stderr, FPM child stderr)

	Raw       string // the entry's line(s), sanitised to valid UTF-8
	Truncated bool   // a line or the entry was cut at MaxLineBytes / MaxEventBytes
}

// IsNoise reports whether e is routine output that by itself explains no
// failure: deprecations, 404s, FPM lifecycle messages, debug chatter.
func (e *Event) IsNoise() bool {
	if e.Severity <= SevDeprecated && e.Severity != SevUnknown {
		return true
	}
	switch e.Kind {
	case KindFileNotFound, KindFPMChildStarted, KindFPMStarted, KindFPMStopping:
		return true
	case KindFPMChildExit:
		return e.Code == "0"
	}
	return false
}

// Worst returns the most severe of e's embedded PHP events, or e itself when
// it carries none. Ties go to the earliest.
func (e *Event) Worst() *Event {
	w := e
	for i := range e.Embedded {
		if w == e || e.Embedded[i].Severity > w.Severity {
			w = &e.Embedded[i]
		}
	}
	return w
}
