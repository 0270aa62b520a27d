package logs

import "strings"

// apacheParser parses an Apache 2.4 (or 2.2) error log:
//
//	[Sat Nov 21 16:47:01.123456 2026] [proxy_fcgi:error] [pid 1234:tid 5678] (70007)The timeout specified has expired: [client 1.2.3.4:5678] AH01075: Error dispatching request to : (polling)
//
// Apache escapes control characters, so every entry is one line; PHP stack
// traces inside appear as literal \n and are unescaped here.
type apacheParser struct {
	base
}

func (p *apacheParser) Line(line []byte, emit func(Event)) {
	s, cut := prepare(line)
	if blank(s) {
		return
	}
	if len(s) > 26 && s[0] == '[' {
		if j := strings.IndexByte(s[:min(len(s), 40)], ']'); j > 24 {
			if t, ok := p.tc.parse(s[1:j], parseCtime); ok {
				e := Event{Format: FormatApache, Source: p.opt.Source, Time: t, TimeRaw: s[1:j], Raw: s, Truncated: cut}
				parseApacheBody(&e, s[j+1:])
				emit(e)
				return
			}
		}
	}
	emit(p.unparsed(FormatApache, s, cut))
}

func (p *apacheParser) Flush(func(Event)) {}

// parseApacheBody reads the bracketed groups, an optional "(errno)text: "
// and "AHnnnnn: " code, then classifies the message.
func parseApacheBody(e *Event, s string) {
	module := ""
prefix:
	for {
		s = strings.TrimLeft(s, " ")
		switch {
		case strings.HasPrefix(s, "["):
			end := strings.IndexByte(s, ']')
			if end < 0 {
				break prefix
			}
			g := s[1:end]
			switch {
			case strings.HasPrefix(g, "pid "):
				pid, _, _ := strings.Cut(g[4:], ":")
				e.PID, _ = atoi(pid)
			case strings.HasPrefix(g, "client "):
				e.Client = g[7:]
			case strings.HasPrefix(g, "remote "):
				e.Upstream = g[7:]
			case e.Level == "" && !strings.Contains(g, " "):
				e.Level = g
				if i := strings.IndexByte(g, ':'); i >= 0 {
					module, g = g[:i], g[i+1:]
				}
				e.Severity = levelSeverity(g)
			default:
				break prefix
			}
			s = s[end+1:]
		case strings.HasPrefix(s, "("):
			// "(111)Connection refused: " before the message.
			end := strings.IndexByte(s, ')')
			colon := strings.Index(s, ": ")
			if end < 2 || colon < end {
				break prefix
			}
			n, ok := atoi(s[1:end])
			if !ok {
				break prefix
			}
			e.Errno, e.Detail, s = n, s[end+1:colon], s[colon+2:]
		default:
			break prefix
		}
	}
	if len(s) > 9 && s[0] == 'A' && s[1] == 'H' && s[7] == ':' {
		if _, ok := atoi(s[2:7]); ok {
			e.Code = s[:7]
			s = strings.TrimLeft(s[8:], " ")
		}
	}
	if i := strings.LastIndex(s, ", referer: "); i >= 0 {
		s = s[:i]
	}
	if strings.IndexByte(s, '\\') >= 0 {
		s = unescapeApache(s)
	}
	classifyApache(e, module, s)
}

func classifyApache(e *Event, module, msg string) {
	e.Message = firstLine(msg)
	has := func(sub string) bool { return strings.Contains(msg, sub) }
	switch {
	case strings.HasPrefix(msg, "PHP ") && (module == "" || strings.HasPrefix(module, "php")):
		sev, level := e.Severity, e.Level
		head, rest, _ := strings.Cut(msg, "\n")
		applyPHPHead(e, head)
		for rest != "" {
			var l string
			l, rest, _ = strings.Cut(rest, "\n")
			applyPHPCont(e, l)
		}
		if e.Kind == KindMessage { // "PHP something" that is no PHP error
			e.Severity, e.Kind = sev, KindServer
		}
		e.Level = level
		return
	case e.Code == "AH01071" || strings.HasPrefix(msg, "Got error '"):
		content := strings.TrimPrefix(msg, "Got error '")
		if i := strings.LastIndexByte(content, '\''); i >= 0 {
			content = content[:i]
		}
		e.Kind = KindFastCGIStderr
		e.Embedded = embeddedPHP(e, content)
		if strings.Contains(content, "Primary script unknown") {
			e.Kind = KindFileNotFound
		}
	case e.Errno == 70007 || has("timeout specified has expired") || has("Timeout waiting for output"):
		e.Kind = KindUpstreamTimeout
	case e.Code == "AH01067" || has("Failed to read FastCGI header") || has("End of script output before headers"):
		e.Kind = KindUpstreamClosed
	case has("attempt to connect to") || e.Code == "AH01079" || has("failed to make connection to backend"):
		e.Kind = connectKind(e.Errno)
		if e.Errno == 104 {
			e.Kind = KindUpstreamReset
		}
	case e.Code == "AH00959" || e.Code == "AH00940" || has("disabling worker") || has("disabled connection for"):
		e.Kind = KindNoLiveUpstreams
	case e.Code == "AH00124" || has("internal redirects"):
		e.Kind = KindRedirectLoop
	case e.Code == "AH00161" || e.Code == "AH00484" || has("MaxRequestWorkers") || has("MaxClients"):
		e.Kind = KindWorkersExhausted
	case e.Code == "AH00128" || e.Code == "AH01264" || has("File does not exist") || has("script not found"):
		e.Kind = KindFileNotFound
	case e.Code == "AH02018" || has("request body exceeds") || has("LimitRequestBody"):
		e.Kind = KindBodyTooLarge
	case e.Errno == 104 || e.Errno == 32:
		e.Kind = KindUpstreamReset
	case strings.HasPrefix(module, "proxy") || module == "fcgid":
		e.Kind = KindUpstreamError
	default:
		e.Kind = KindServer
	}
}

// unescapeApache reverses ap_escape_logitem: \n \r \t \\ \" and \xHH.
func unescapeApache(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case '\\', '"':
			b.WriteByte(s[i])
		case 'x':
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
				i += 2
			} else {
				b.WriteString(`\x`)
			}
		default:
			b.WriteByte('\\')
			b.WriteByte(s[i])
		}
	}
	return lineString([]byte(b.String()))
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
