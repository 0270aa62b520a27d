package logs

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// fpmParser parses a PHP-FPM error log:
//
//	[21-Nov-2026 16:47:01] WARNING: [pool site1] child 1234 exited on signal 11 (SIGSEGV - core dumped) after 12.345678 seconds from start
//
// FPM writes each line a worker prints to stderr as its own entry ("child
// N said into stderr: ..."); consecutive lines of one PHP message (stack
// trace, "thrown in") are joined back into one event.
type fpmParser struct {
	base
	stderr strings.Builder // pending worker stderr text
}

// fpmHeader splits "[21-Nov-2026 16:47:01] LEVEL: rest".
func fpmHeader(s string) (ts, level, rest string, ok bool) {
	if len(s) < 24 || s[0] != '[' {
		return "", "", "", false
	}
	j := strings.IndexByte(s[:min(len(s), 40)], ']')
	if j < 21 || j+2 >= len(s) || s[j+1] != ' ' {
		return "", "", "", false
	}
	level, rest, ok = strings.Cut(s[j+2:], ": ")
	if !ok || len(level) > 8 {
		return "", "", "", false
	}
	return s[1:j], level, rest, true
}

func fpmSeverity(level string) Severity {
	switch level {
	case "ALERT", "EMERG", "CRIT":
		return SevCritical
	case "ERROR":
		return SevError
	case "WARNING":
		return SevWarning
	case "NOTICE":
		return SevNotice
	case "DEBUG":
		return SevDebug
	case "SYSTEM", "INFO":
		return SevInfo
	}
	return SevUnknown
}

func (p *fpmParser) Line(line []byte, emit func(Event)) {
	s, cut := prepare(line)
	ts, level, rest, ok := fpmHeader(s)
	var t time.Time
	if ok {
		t, ok = p.tc.parse(ts, parseDMY)
	}
	if !ok {
		if !blank(s) {
			p.Flush(emit)
			emit(p.unparsed(FormatFPM, s, cut))
		}
		return
	}
	e := Event{Format: FormatFPM, Source: p.opt.Source, Time: t, TimeRaw: ts, Level: level,
		Severity: fpmSeverity(level), Raw: s, Truncated: cut}
	if pool, r, ok := strings.Cut(rest, "] "); ok && strings.HasPrefix(pool, "[pool ") {
		e.Pool, rest = pool[6:], r
	}
	classifyFPM(&e, rest)
	if e.Kind == KindFPMStderr {
		content := quoted(rest[strings.Index(rest, `"`):])
		if p.has && p.cur.PID == e.PID && p.cur.Pool == e.Pool && continuesPHP(content) {
			p.appendLine(s, cut)
			p.stderr.WriteString("\n")
			p.stderr.WriteString(content)
			return
		}
		p.Flush(emit)
		p.begin(e)
		p.stderr.WriteString(content)
		return
	}
	p.Flush(emit)
	emit(e)
}

func (p *fpmParser) Flush(emit func(Event)) {
	if !p.has {
		return
	}
	e := p.take()
	if p.stderr.Len() <= MaxEventBytes {
		e.Embedded = embeddedPHP(&e, p.stderr.String())
	} else {
		e.Truncated = true
		e.Embedded = embeddedPHP(&e, p.stderr.String()[:MaxEventBytes])
	}
	p.stderr.Reset()
	emit(e)
}

// continuesPHP reports whether a stderr line continues the previous PHP
// message rather than starting a new one.
func continuesPHP(s string) bool {
	return s != "" && (s[0] == ' ' || s[0] == '\t' || newlineFollows(s) && !strings.HasPrefix(s, "PHP "))
}

// quoted returns the text between the first and the last double quote of
// s (or after the first, when it is not closed).
func quoted(s string) string {
	s = strings.TrimPrefix(s, `"`)
	if i := strings.LastIndexByte(s, '"'); i >= 0 {
		return s[:i]
	}
	return s
}

// seconds parses "12.345678" into a duration.
func seconds(s string) time.Duration {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e9 {
		return 0
	}
	return time.Duration(math.Round(f * float64(time.Second)))
}
