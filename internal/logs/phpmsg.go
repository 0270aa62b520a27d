package logs

import "strings"

// phpLevels maps the error type PHP writes after "PHP " (main.c's
// error_type_str) to a kind and severity.
var phpLevels = [...]struct {
	word string
	kind Kind
	sev  Severity
}{
	{"Deprecated", KindPHPDeprecated, SevDeprecated},
	{"Warning", KindPHPWarning, SevWarning},
	{"Notice", KindPHPNotice, SevNotice},
	{"Fatal error", KindPHPFatal, SevCritical},
	{"Parse error", KindPHPParse, SevCritical},
	{"Recoverable fatal error", KindPHPFatal, SevCritical},
	{"Catchable fatal error", KindPHPFatal, SevCritical},
	{"Strict Standards", KindPHPDeprecated, SevDeprecated},
	{"Unknown error", KindPHPOther, SevError},
}

// applyPHPHead fills e from the first line of a PHP message: "PHP Fatal
// error:  msg in /f.php on line 3", "WordPress database error ...", or a
// plain error_log() text.
func applyPHPHead(e *Event, body string) {
	if rest, ok := strings.CutPrefix(body, "PHP "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 && i <= 24 {
			word := rest[:i]
			for _, l := range phpLevels {
				if word != l.word {
					continue
				}
				e.Level, e.Kind, e.Severity = word, l.kind, l.sev
				e.Message, e.File, e.Line = splitLocation(strings.TrimLeft(rest[i+1:], " "))
				if e.Kind == KindPHPFatal {
					refineFatal(e)
				}
				return
			}
		}
	}
	if rest, ok := strings.CutPrefix(body, "WordPress database error "); ok {
		e.Level, e.Kind, e.Severity = "WordPress database error", KindWPDBError, SevError
		e.Message = rest
		if i := strings.Index(rest, " for query "); i >= 0 {
			e.Message, e.Detail = rest[:i], rest[i+1:]
		}
		return
	}
	e.Kind, e.Severity, e.Message = KindMessage, SevInfo, body
}

func refineFatal(e *Event) {
	m := e.Message
	switch {
	case strings.HasPrefix(m, "Allowed memory size of"), strings.HasPrefix(m, "Out of memory"):
		e.Kind = KindPHPMemory
	case strings.HasPrefix(m, "Maximum execution time of"):
		e.Kind = KindPHPTimeLimit
	}
}

// splitLocation cuts the location PHP appends to a message: " in FILE on
// line N", or " in FILE:N" for an uncaught throwable. It scans from the end
// only, so its cost does not grow with the message.
func splitLocation(msg string) (text, file string, line int) {
	end := len(msg)
	for end > 0 && (msg[end-1] == ' ' || msg[end-1] == '.') {
		end--
	}
	d := end
	for d > 0 && msg[d-1] >= '0' && msg[d-1] <= '9' {
		d--
	}
	n, ok := atoi(msg[d:end])
	if !ok {
		return msg, "", 0
	}
	if head, found := strings.CutSuffix(msg[:d], " on line "); found {
		if j := lastIn(head); j >= 0 && j+4 < len(head) {
			return head[:j], head[j+4:], n
		}
		return msg, "", 0
	}
	if d > 0 && msg[d-1] == ':' && end == len(msg) {
		head := msg[:d-1]
		if j := lastIn(head); j >= 0 && strings.ContainsAny(head[j+4:], `/\`) {
			return head[:j], head[j+4:], n
		}
	}
	return msg, "", 0
}

// lastIn is strings.LastIndex(s, " in ") by way of the spaces in s, which
// is much faster when the path after it has none.
func lastIn(s string) int {
	for end := len(s); ; {
		i := strings.LastIndexByte(s[:end], ' ')
		if i < 3 {
			return -1
		}
		if s[i-3] == ' ' && s[i-2] == 'i' && s[i-1] == 'n' {
			return i - 3
		}
		end = i
	}
}

// applyPHPCont applies one continuation line of a multi-line PHP message:
// stack frames and "thrown in". Other lines (print_r dumps, "Next ...")
// stay only in Raw.
func applyPHPCont(e *Event, line string) {
	s := strings.TrimLeft(line, " \t")
	if len(s) == 0 {
		return
	}
	switch {
	case s[0] == '#':
		if f, ok := parsePHPFrame(s); ok && len(e.Frames) < MaxFrames {
			e.Frames = append(e.Frames, f)
		}
	case strings.HasPrefix(s, "thrown in "):
		if _, file, n := splitLocation(s[6:]); file != "" && e.File == "" {
			e.File, e.Line = file, n
		}
	}
}

// parsePHPFrame parses "#0 /p/x.php(453): include_once()",
// "#1 [internal function]: f()" and "#2 {main}".
func parsePHPFrame(s string) (Frame, bool) {
	sp := strings.IndexByte(s, ' ')
	if sp < 2 {
		return Frame{}, false
	}
	if _, ok := atoi(s[1:sp]); !ok {
		return Frame{}, false
	}
	rest := s[sp+1:]
	if f, ok := strings.CutPrefix(rest, "[internal function]: "); ok {
		return Frame{Func: f}, true
	}
	j := strings.Index(rest, "): ")
	if j < 0 {
		return Frame{Func: rest}, true
	}
	loc := rest[:j]
	k := strings.LastIndexByte(loc, '(')
	if k <= 0 {
		return Frame{Func: rest}, true
	}
	n, ok := atoi(loc[k+1:])
	if !ok {
		return Frame{Func: rest}, true
	}
	return Frame{File: loc[:k], Line: n, Func: rest[j+3:]}, true
}

// atoi parses a short non-negative decimal; it fails on empty input, on
// anything but digits, and past 9 digits.
func atoi(s string) (int, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
