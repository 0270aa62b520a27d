package logs

import "strings"

// Bounds on the PHP messages kept from one stderr blob: the fatal usually
// comes last, after a run of warnings, so past maxEmbedded only messages of
// SevError and above are kept, up to maxEmbeddedHard.
const (
	maxEmbedded     = 32
	maxEmbeddedHard = 64
)

const phpMessagePrefix = "PHP message: "

// embeddedPHP splits the text a PHP process wrote to stderr (as relayed by
// nginx "FastCGI sent in stderr", Apache AH01071 or FPM "said into stderr")
// into PHP messages and parses each. Messages are introduced by
// "PHP message: " and separated by newlines or "; "; text without that
// prefix is parsed as one message. Each event inherits outer's format
// fields (source, time).
func embeddedPHP(outer *Event, text string) []Event {
	text = unescapeNewlines(text)
	var out []Event
	add := func(part string) {
		part = strings.Trim(part, "; \n\r\t")
		if part == "" {
			return
		}
		e := Event{Format: FormatPHP, Source: outer.Source, Time: outer.Time, TimeRaw: outer.TimeRaw, Raw: part}
		head, rest, _ := strings.Cut(part, "\n")
		applyPHPHead(&e, strings.TrimRight(head, "\r"))
		for rest != "" {
			var l string
			l, rest, _ = strings.Cut(rest, "\n")
			applyPHPCont(&e, strings.TrimRight(l, "\r"))
		}
		if len(out) >= maxEmbedded && (e.Severity < SevError || len(out) >= maxEmbeddedHard) {
			outer.Truncated = true
			return
		}
		out = append(out, e)
	}
	for {
		i := strings.Index(text, phpMessagePrefix)
		if i < 0 {
			add(text)
			return out
		}
		add(text[:i])
		text = text[i+len(phpMessagePrefix):]
	}
}

// unescapeNewlines turns a literal backslash-n into a newline where it
// clearly separates parts of a PHP message (before "Stack trace:", a frame,
// "thrown in", "Next " or "PHP message:"), leaving namespaces like
// App\nova alone.
func unescapeNewlines(s string) string {
	if !strings.Contains(s, `\n`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.Index(s, `\n`)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		after := s[i+2:]
		if newlineFollows(after) {
			b.WriteByte('\n')
		} else {
			b.WriteString(`\n`)
		}
		s = after
	}
}

func newlineFollows(s string) bool {
	s = strings.TrimLeft(s, " ")
	switch {
	case strings.HasPrefix(s, "Stack trace:"), strings.HasPrefix(s, "thrown in "),
		strings.HasPrefix(s, "Next "), strings.HasPrefix(s, "PHP "), s == "":
		return true
	case len(s) > 1 && s[0] == '#' && s[1] >= '0' && s[1] <= '9':
		return true
	}
	return false
}
