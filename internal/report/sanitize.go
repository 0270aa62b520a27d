package report

import (
	"strings"
	"unicode/utf8"
)

// Clean makes text the site supplied (plugin headers, folder names, log
// lines, page bodies, option values) safe to print on a terminal or in a
// one-line field of a Markdown report: it removes every control character
// — ESC and the rest of C0, DEL and C1 (so no escape sequence can clear
// the screen, move the cursor or set the window title) — and turns line
// breaks and tabs into spaces, so a value cannot fake lines of its own.
// Everything wpdoctor prints as text goes through it; HTML reports escape
// instead.
func Clean(s string) string { return clean(s, false) }

// CleanText is Clean for text of several lines (an error message that
// spans lines): line feeds stay, everything else Clean removes goes.
func CleanText(s string) string { return clean(s, true) }

func clean(s string, keepNL bool) string {
	ok := utf8.ValidString(s)
	for _, r := range s {
		if !ok || unsafe(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' && keepNL:
			b.WriteByte('\n')
		case r == '\n' || r == '\r' || r == '\t' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteByte(' ')
		case unsafe(r):
		default: // invalid UTF-8 bytes become U+FFFD
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafe says whether r must not reach a terminal as it is: C0, DEL, C1,
// the Unicode line and paragraph separators, and the bidirectional
// overrides that reorder what is shown.
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
