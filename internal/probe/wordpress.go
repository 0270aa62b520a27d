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

// phpMarkers start a PHP error printed by display_errors, in HTML form
// (html_errors=On) or text form. Text forms must start a line.
var phpMarkers = []struct {
	marker string
	kind   string
	text   bool
}{
	{"<b>Fatal error</b>:", "Fatal error", false},
	{"<b>Parse error</b>:", "Parse error", false},
	{"<b>Catchable fatal error</b>:", "Catchable fatal error", false},
	{"<b>Recoverable fatal error</b>:", "Recoverable fatal error", false},
	{"Fatal error: ", "Fatal error", true},
	{"Parse error: ", "Parse error", true},
}

// phpWhere is the "in FILE on line N" or "in FILE:N" every PHP error
// message carries.
var phpWhere = regexp.MustCompile(` in \S.*?(?: on line \d+|:\d+)`)

// maxPHPScan bounds how many marker occurrences phpError examines.
const maxPHPScan = 16

// phpError returns the first PHP fatal or parse error printed in body, as
// one line ("Fatal error: Uncaught Error: Call to undefined function f() in
// /path/x.php:14"), or "". Stack traces are dropped.
func phpError(body []byte) string {
	best, bestAt := "", len(body)
	for _, m := range phpMarkers {
		from := 0
		for tries := 0; tries < maxPHPScan && from < bestAt; tries++ {
			i := bytes.Index(body[from:], []byte(m.marker))
			if i < 0 {
				break
			}
			at := from + i
			from = at + len(m.marker)
			if at >= bestAt {
				break
			}
			if m.text && !lineStart(body, at) {
				continue
			}
			if msg := phpMessage(body[from:]); msg != "" {
				best, bestAt = m.kind+": "+msg, at
				break
			}
		}
	}
	return best
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
