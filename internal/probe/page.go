package probe

import (
	"bytes"
	"html"
	"net/http"
	"strings"
)

// scanLimit is how much of a body is normalised for phrase matching. Error
// pages are small; a large 200 page is only searched raw (for PHP errors).
const scanLimit = 64 << 10

// page is an answer prepared for matching. Its normalised text (the first
// scanLimit bytes lower-cased, runs of white space collapsed to one space)
// is built on first use: healthy pages mostly never need it.
type page struct {
	status int
	h      http.Header
	raw    []byte
	text   string
	ready  bool
}

func newPage(status int, h http.Header, body []byte) *page {
	if h == nil {
		h = http.Header{}
	}
	return &page{status: status, h: h, raw: body}
}

// has reports whether the normalised text contains any of the phrases,
// which must be lower case with single spaces.
func (p *page) has(phrases ...string) bool {
	if !p.ready {
		b := p.raw[:min(len(p.raw), scanLimit)]
		p.text, p.ready = collapse(strings.ToLower(string(b))), true
	}
	for _, s := range phrases {
		if strings.Contains(p.text, s) {
			return true
		}
	}
	return false
}

// blank reports whether the body is empty or white space only.
func (p *page) blank() bool { return len(bytes.TrimSpace(p.raw)) == 0 }

// wpDie reports whether the page is rendered by wp_die's default handler.
// Its markers are searched in the raw body, as wp_die writes them.
func (p *page) wpDie() bool {
	head := p.raw[:min(len(p.raw), scanLimit)]
	return bytes.Contains(head, []byte(`class="wp-die-message"`)) ||
		bytes.Contains(head, []byte(`<body id="error-page"`))
}

// title is the page's <title>, unescaped and collapsed, or "".
func (p *page) title() string { return p.element("title") }

// element is the text of the first <name>…</name> element in the first
// scanLimit bytes, tags stripped, unescaped and collapsed, at most 200
// bytes, or "".
func (p *page) element(name string) string {
	raw := p.raw
	if len(raw) > scanLimit {
		raw = raw[:scanLimit]
	}
	open := indexFold(raw, "<"+name)
	if open < 0 {
		return ""
	}
	gt := bytes.IndexByte(raw[open:], '>')
	if gt < 0 {
		return ""
	}
	start := open + gt + 1
	end := indexFold(raw[start:], "</"+name+">")
	if end < 0 {
		return ""
	}
	return oneLine(stripTags(string(raw[start:start+end])), 200)
}

// indexFold is bytes.Index for an ASCII lower-case needle, ignoring ASCII
// case in b.
func indexFold(b []byte, needle string) int {
	n := len(needle)
	for i := 0; i+n <= len(b); i++ {
		j := 0
		for j < n && lower(b[i+j]) == needle[j] {
			j++
		}
		if j == n {
			return i
		}
	}
	return -1
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// collapse replaces each run of ASCII white space with one space.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

// stripTags removes <…> tags and unescapes entities.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}

// oneLine collapses s to a single trimmed line of at most n bytes (cut on a
// rune boundary, "…" appended when cut), valid UTF-8.
func oneLine(s string, n int) string {
	s = strings.TrimSpace(collapse(strings.ToValidUTF8(s, "\uFFFD")))
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
