package probe

import (
	"bytes"
	"regexp"
	"strings"
)

// wordpressPage recognises WordPress's own error pages. A phrase alone is
// not enough on a successful answer (a blog post may quote it): the status
// must be an error, or the page must be rendered by wp_die.
func wordpressPage(p *page) (Class, string, bool) {
	errPage := p.status >= 500 || p.wpDie()
	switch {
	case !errPage:
		return "", "", false
	case p.has("there has been a critical error on this website"):
		return ClassWPCriticalError, "WordPress critical error page: a PHP fatal error stopped WordPress (its fatal-error handler caught it)", true
	case p.has("the site is experiencing technical difficulties"):
		return ClassWPCriticalError, "WordPress critical error page (pre-5.3 wording): a PHP fatal error stopped WordPress", true
	case p.has("error establishing a database connection"):
		return ClassWPDBError, "WordPress could not connect to the database (wrong DB credentials/host in wp-config.php, or MySQL down)", true
	case p.has("one or more database tables are unavailable"):
		return ClassWPDBError, "WordPress reached the database but tables are missing or need repair", true
	case p.has("briefly unavailable for scheduled maintenance"):
		return ClassWPMaintenance, "WordPress maintenance mode (a .maintenance file exists in the WordPress root)", true
	}
	return "", "", false
}

// phpKinds are the PHP error levels that stop a script, as display_errors
// prints them.
var phpKinds = []string{"Fatal error", "Parse error", "Catchable fatal error", "Recoverable fatal error"}

// phpWhere is the "in FILE on line N" or "in FILE:N" every PHP error
// message carries.
var phpWhere = regexp.MustCompile(` in \S.*?(?: on line \d+|:\d+)`)

// maxPHPScan bounds how many candidate occurrences phpError examines per
// form, so a page full of "error: " (inline scripts) stays cheap.
const maxPHPScan = 64

// phpError returns the first PHP fatal or parse error printed in body by
// display_errors, as one line ("Fatal error: Uncaught Error: Call to
// undefined function f() in /path/x.php:14"), or "". It knows the HTML
// form ("<b>Fatal error</b>:  …", html_errors=On) and the text form
// ("Fatal error: …" at the start of a line, optionally "PHP "-prefixed).
// Stack traces are dropped.
func phpError(body []byte) string {
	html, htmlAt := scanPHP(body, "error</b>:", func(at int) (string, bool) {
		return kindBefore(body, at, "<b>")
	})
	text, textAt := scanPHP(body[:min(len(body), htmlAt)], "error: ", func(at int) (string, bool) {
		kind, ok := kindBefore(body, at, "")
		return kind, ok && lineStart(body, at-len(kind))
	})
	if textAt < htmlAt {
		return text
	}
	return html
}

// scanPHP looks for marker (the tail of "Fatal error: " in either form);
// kindAt names the error level ending at a marker's offset. It returns the
// first complete error and its offset, or "" and len(body).
func scanPHP(body []byte, marker string, kindAt func(at int) (string, bool)) (string, int) {
	from := 0
	for range maxPHPScan {
		i := bytes.Index(body[from:], []byte(marker))
		if i < 0 {
			break
		}
		at := from + i
		from = at + len(marker)
		kind, ok := kindAt(at + len("error"))
		if !ok {
			continue
		}
		if msg := phpMessage(body[from:]); msg != "" {
			return kind + ": " + msg, at
		}
	}
	return "", len(body)
}

// kindBefore reports which phpKinds ends at offset end, preceded by open.
func kindBefore(body []byte, end int, open string) (string, bool) {
	for _, k := range phpKinds {
		start := end - len(k) - len(open)
		if start >= 0 && string(body[start:end]) == open+k {
			return k, true
		}
	}
	return "", false
}

// lineStart reports whether at begins a line, allowing a "PHP " prefix.
func lineStart(b []byte, at int) bool {
	if bytes.HasSuffix(b[:at], []byte("PHP ")) {
		at -= len("PHP ")
	}
	return at == 0 || b[at-1] == '\n' || b[at-1] == '>'
}

// phpMessage reads the message after a marker: up to the end of the line,
// tags stripped, entities unescaped. It returns "" unless the message
// names where the error happened.
func phpMessage(rest []byte) string {
	if len(rest) > 4096 {
		rest = rest[:4096]
	}
	if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	msg := oneLine(stripTags(string(rest)), 500)
	msg = strings.TrimSuffix(msg, "Stack trace:")
	if !phpWhere.MatchString(msg) {
		return ""
	}
	return strings.TrimSpace(msg)
}
