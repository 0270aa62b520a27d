package logs

import (
	"strings"
	"time"
)

// nginxParser parses an nginx error log:
//
//	2026/11/21 16:47:01 [error] 1234#1234: *5 MESSAGE, client: 127.0.0.1, server: _, request: "GET / HTTP/1.1", upstream: "fastcgi://unix:/run/php.sock:", host: "x"
//
// FastCGI stderr relayed by nginx may contain raw newlines, so lines that do
// not start with a timestamp continue the pending entry; entries are
// classified when complete.
type nginxParser struct {
	base
	bodyAt int // offset of the message in the pending entry's Raw
}

func (p *nginxParser) Line(line []byte, emit func(Event)) {
	s, cut := prepare(line)
	if len(s) >= 21 && s[19] == ' ' && s[20] == '[' {
		if t, ok := p.tc.parse(s[:19], parseYMD); ok {
			p.Flush(emit)
			p.start(s, t, cut)
			return
		}
	}
	if blank(s) {
		return
	}
	if !p.has {
		emit(p.unparsed(FormatNginx, s, cut))
		return
	}
	p.appendLine(s, cut)
}

func (p *nginxParser) Flush(emit func(Event)) {
	if !p.has {
		return
	}
	e := p.take()
	classifyNginx(&e, e.Raw[min(p.bodyAt, len(e.Raw)):])
	emit(e)
}

// start parses the header "TS [level] PID#TID: *CID " of a new entry.
func (p *nginxParser) start(s string, t time.Time, cut bool) {
	e := Event{Format: FormatNginx, Source: p.opt.Source, Time: t, TimeRaw: s[:19], Raw: s, Truncated: cut}
	rest := s[21:]
	if i := strings.IndexByte(rest, ']'); i > 0 && i < 10 {
		e.Level = rest[:i]
		e.Severity = levelSeverity(e.Level)
		rest = strings.TrimPrefix(rest[i+1:], " ")
	}
	if i := strings.IndexByte(rest, '#'); i > 0 && i < 12 {
		if pid, ok := atoi(rest[:i]); ok {
			e.PID = pid
			if j := strings.Index(rest, ": "); j > i {
				rest = rest[j+2:]
			}
		}
	}
	if len(rest) > 1 && rest[0] == '*' {
		if j := strings.IndexByte(rest, ' '); j > 1 {
			if _, ok := atoi(rest[1:j]); ok {
				rest = rest[j+1:]
			}
		}
	}
	p.bodyAt = len(s) - len(rest)
	p.begin(e)
}

// levelSeverity maps nginx and Apache level words.
func levelSeverity(l string) Severity {
	switch l {
	case "emerg", "alert", "crit":
		return SevCritical
	case "error":
		return SevError
	case "warn":
		return SevWarning
	case "notice":
		return SevNotice
	case "info":
		return SevInfo
	case "debug":
		return SevDebug
	}
	if strings.HasPrefix(l, "trace") {
		return SevDebug
	}
	return SevUnknown
}

// classifyNginx fills message, context fields and kind from the text after
// the header.
func classifyNginx(e *Event, body string) {
	msg := body
	// The context nginx appends follows the message; FastCGI stderr text
	// might itself contain ", client: ", so search that one from the end.
	index := strings.Index
	if strings.HasPrefix(body, "FastCGI sent in stderr: ") {
		index = strings.LastIndex
	}
	if i := index(body, ", client: "); i >= 0 {
		msg = body[:i]
		parseNginxContext(e, body[i+2:])
	} else if i := index(body, ", server: "); i >= 0 {
		msg = body[:i]
		parseNginxContext(e, body[i+2:])
	}
	if content, ok := strings.CutPrefix(msg, `FastCGI sent in stderr: "`); ok {
		if i := strings.LastIndex(content, `" while `); i >= 0 {
			e.Detail = content[i+2:]
			content = content[:i]
		} else {
			content = strings.TrimSuffix(content, `"`)
		}
		e.Kind = KindFastCGIStderr
		e.Message = firstLine(msg)
		e.Embedded = embeddedPHP(e, content)
		if strings.Contains(content, "Primary script unknown") {
			e.Kind = KindFileNotFound
		}
		return
	}
	e.Message = msg
	e.Errno = errnoIn(msg)
	e.Kind = nginxKind(msg, e.Errno)
}

func nginxKind(msg string, errno int) Kind {
	has := func(sub string) bool { return strings.Contains(msg, sub) }
	switch {
	case errno == 2 && (strings.HasPrefix(msg, "open() ") || has(" is not found (")):
		return KindFileNotFound
	case has("upstream prematurely closed"):
		return KindUpstreamClosed
	case has("upstream timed out"):
		return KindUpstreamTimeout
	case has("no live upstreams"):
		return KindNoLiveUpstreams
	case has("upstream sent too big header"):
		return KindUpstreamHeaderSize
	case strings.HasPrefix(msg, "connect() "):
		return connectKind(errno)
	case (errno == 104 || errno == 32) && has("upstream"):
		return KindUpstreamReset
	case has("client intended to send too large body"):
		return KindBodyTooLarge
	case has("rewrite or internal redirection cycle"):
		return KindRedirectLoop
	case has("worker_connections are not enough"):
		return KindWorkersExhausted
	case has("buffered to a temporary file"):
		return KindServer
	case has("upstream"):
		return KindUpstreamError
	}
	return KindServer
}

// connectKind classifies a failed connection to the upstream by errno.
func connectKind(errno int) Kind {
	switch errno {
	case 2:
		return KindUpstreamNoSocket
	case 111:
		return KindUpstreamRefused
	case 11:
		return KindUpstreamBusy
	case 13:
		return KindUpstreamDenied
	case 110:
		return KindUpstreamTimeout
	}
	return KindUpstreamConnect
}

// errnoIn finds the first "(N: " in an nginx message.
func errnoIn(msg string) int {
	for i := 0; i < len(msg); i++ {
		j := strings.IndexByte(msg[i:], '(')
		if j < 0 {
			return 0
		}
		i += j
		k := strings.IndexByte(msg[i:min(len(msg), i+8)], ':')
		if k > 1 {
			if n, ok := atoi(msg[i+1 : i+k]); ok {
				return n
			}
		}
	}
	return 0
}

// parseNginxContext reads `client: X, server: Y, request: "R", ...`.
func parseNginxContext(e *Event, s string) {
	for s != "" {
		key, rest, ok := strings.Cut(s, ": ")
		if !ok {
			return
		}
		var val string
		if strings.HasPrefix(rest, `"`) {
			end := strings.Index(rest[1:], `", `)
			if end < 0 {
				val, s = strings.TrimSuffix(rest[1:], `"`), ""
			} else {
				val, s = rest[1:end+1], rest[end+4:]
			}
		} else {
			val, s, _ = strings.Cut(rest, ", ")
		}
		switch key {
		case "client":
			e.Client = val
		case "request":
			e.Request = val
		case "upstream":
			e.Upstream = val
		case "host":
			e.Host = val
		}
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
