package wpconfig

import (
	"bytes"
	"strings"

	"github.com/VKCOM/php-parser/pkg/token"
)

// insert adds a define line for s before the first usable anchor.
func insert(src []byte, cfg *Config, s Setting) ([]byte, error) {
	if cfg.Style == StyleBedrock {
		return nil, refuse("the file stages constants with Config::define (Bedrock); set %s in its environment files", s.Name)
	}
	anchors := insertionPoints(src, cfg)
	if len(anchors) == 0 {
		return nil, refuse("found neither the \"stop editing\" comment nor a require of wp-settings.php to insert %s before", s.Name)
	}
	var last error
	for _, at := range anchors {
		for _, in := range cfg.Includes {
			if !in.Settings && in.StmtSpan.Start < at {
				return nil, refuse("line %d includes another file before the place to insert %s; it may define it", in.Line, s.Name)
			}
		}
		line := "define( '" + s.Name + "', " + s.Value.render(Value{}) + " );" + lineEnding(src, at, cfg.CRLF)
		out := splice(src, at, at, line)
		if last = verifyOne(cfg, out, s, at); last == nil {
			return out, nil
		}
	}
	return nil, last
}

// insertionPoints returns line starts to insert before, best first: the
// line of the "That's all, stop editing!" comment, then the line of an
// unconditional require of wp-settings.php.
func insertionPoints(src []byte, cfg *Config) []int {
	var out []int
	if p := parsePHP(src); p.root != nil {
		found := false
		tokens(p.root, func(t *token.Token) {
			if found || (t.ID != token.T_COMMENT && t.ID != token.T_DOC_COMMENT) || t.Position == nil {
				return
			}
			if isStopEditing(t.Value) {
				found = true
				out = append(out, lineStart(src, t.Position.StartPos))
			}
		})
	}
	for _, in := range cfg.Includes {
		if in.Settings && in.Cond == Always {
			out = append(out, lineStart(src, in.StmtSpan.Start))
			break
		}
	}
	return out
}

// isStopEditing recognises "That's all, stop editing! Happy publishing."
// and its variants, but not the "Add any custom values between this line
// and the "stop editing" line." comment above it.
func isStopEditing(comment []byte) bool {
	c := strings.ToLower(string(comment))
	return strings.Contains(c, "stop editing!") || strings.Contains(c, "that's all") ||
		strings.Contains(c, "that’s all")
}

// lineEnding returns the line ending of the line starting at i, or the
// file's usual one when that line has none.
func lineEnding(src []byte, i int, crlf bool) string {
	if nl := bytes.IndexByte(src[i:], '\n'); nl >= 0 {
		if nl > 0 && src[i+nl-1] == '\r' {
			return "\r\n"
		}
		return "\n"
	}
	if crlf {
		return "\r\n"
	}
	return "\n"
}
