package logs

import "strings"

// phpParser parses a PHP error_log / WordPress debug.log:
//
//	[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Uncaught Error: ... in /p/x.php:12
//	Stack trace:
//	#0 /p/wp-settings.php(453): include_once()
//	#1 {main}
//	  thrown in /p/x.php on line 12
//
// A line that starts with a bracketed timestamp begins an entry; any other
// line continues the pending one (stack traces, print_r dumps).
type phpParser struct {
	base
}

// phpHeader splits "[21-Nov-2026 16:47:01 UTC] body" into timestamp and
// body; ok is false when s does not start with such a timestamp.
func phpHeader(s string) (ts, body string, ok bool) {
	if len(s) < 22 || s[0] != '[' {
		return "", "", false
	}
	lim := min(len(s), 64)
	j := strings.IndexByte(s[1:lim], ']')
	if j < 20 {
		return "", "", false
	}
	ts, body = s[1:j+1], s[j+2:]
	if len(body) > 0 && body[0] == ' ' {
		body = body[1:]
	}
	return ts, body, true
}

func (p *phpParser) Line(line []byte, emit func(Event)) {
	s, cut := prepare(line)
	if ts, body, ok := phpHeader(s); ok {
		if t, ok := p.tc.parse(ts, parseDMY); ok {
			if p.has {
				emit(p.take())
			}
			e := Event{Format: FormatPHP, Source: p.opt.Source, Time: t, TimeRaw: ts, Raw: s, Truncated: cut}
			applyPHPHead(&e, body)
			p.begin(e)
			return
		}
	}
	if blank(s) {
		return
	}
	if !p.has {
		emit(p.unparsed(FormatPHP, s, cut))
		return
	}
	p.appendLine(s, cut)
	applyPHPCont(&p.cur, s)
}

func (p *phpParser) Flush(emit func(Event)) {
	if p.has {
		emit(p.take())
	}
}
