package phpconf

import (
	"fmt"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// Line is one statement of a PHP-style ini file (php.ini, conf.d
// snippets, php-fpm.conf and its pools): a [section] header or a
// key = value entry.
type Line struct {
	Section bool   `json:"section,omitempty"` // a [Name] header
	Name    string `json:"name"`              // section name or key, e.g. "php_value"
	Offset  string `json:"offset,omitempty"`  // the [offset] of "php_value[error_log]"
	// Value is what PHP sees: quotes removed, \" \\ \$ unescaped inside
	// double quotes, and a bare on/yes/true turned into "1" and
	// off/no/false/none/null into "". ${VAR} is left as written.
	Value    string   `json:"value"`
	Raw      string   `json:"raw"`                 // the value as written, comment removed
	HasValue bool     `json:"has_value,omitempty"` // false for a key without '='
	Pos      conf.Pos `json:"pos,omitzero"`
}

// Key returns the full key: "php_value[error_log]" or "pm".
func (l Line) Key() string {
	if l.Offset != "" {
		return l.Name + "[" + l.Offset + "]"
	}
	return l.Name
}

// ParseIni parses a PHP ini file the way PHP's INI_SCANNER_NORMAL does,
// for the constructs found in php.ini and php-fpm configuration: ';'
// comments (also after a value), [sections], key = value, key[offset] =
// value, double-quoted values (which may span lines) and single-quoted
// raw values, concatenated with bare text. Problems (an unterminated
// quote or section, a key without '=', a '#' comment that PHP 7+ no
// longer accepts) are reported and the line skipped; parsing carries on.
func ParseIni(file string, data []byte) ([]Line, []conf.Problem) {
	s := &iniScanner{src: data, line: 1, file: file}
	var out []Line
	for {
		s.skipSpace()
		if s.i >= len(s.src) {
			return out, s.problems
		}
		c := s.src[s.i]
		switch {
		case c == '\n':
			s.i++
			s.line++
		case c == ';':
			s.skipLine()
		case c == '#':
			s.problem("'#' comments are not supported since PHP 7.0")
			s.skipLine()
		case c == '[':
			if l, ok := s.section(); ok {
				out = append(out, l)
			}
		default:
			if l, ok := s.entry(); ok {
				out = append(out, l)
			}
		}
	}
}

type iniScanner struct {
	src      []byte
	i, line  int
	file     string
	problems []conf.Problem
}

func (s *iniScanner) pos() conf.Pos { return conf.Pos{File: s.file, Line: s.line} }

func (s *iniScanner) problem(format string, args ...any) {
	s.problems = append(s.problems, conf.Problem{Pos: s.pos(), Message: fmt.Sprintf(format, args...), Err: conf.ErrSyntax})
}

func (s *iniScanner) skipSpace() {
	for s.i < len(s.src) && (s.src[s.i] == ' ' || s.src[s.i] == '\t' || s.src[s.i] == '\r') {
		s.i++
	}
}

func (s *iniScanner) skipLine() {
	for s.i < len(s.src) && s.src[s.i] != '\n' {
		s.i++
	}
}

// restOfLine returns the text up to the end of the line (excluded).
func (s *iniScanner) restOfLine() string {
	from := s.i
	s.skipLine()
	return string(s.src[from:s.i])
}

func (s *iniScanner) section() (Line, bool) {
	pos := s.pos()
	s.i++ // '['
	text := s.restOfLine()
	end := strings.IndexByte(text, ']')
	if end < 0 {
		s.problem("section header without ']'")
		return Line{}, false
	}
	name := strings.Trim(strings.TrimSpace(text[:end]), `"'`)
	return Line{Section: true, Name: name, Pos: pos}, true
}

func (s *iniScanner) entry() (Line, bool) {
	pos := s.pos()
	from := s.i
	for s.i < len(s.src) && s.src[s.i] != '=' && s.src[s.i] != '\n' && s.src[s.i] != ';' {
		s.i++
	}
	key := strings.TrimSpace(string(s.src[from:s.i]))
	l := Line{Name: key, Pos: pos}
	if i := strings.IndexByte(key, '['); i > 0 && strings.HasSuffix(key, "]") {
		l.Name = strings.TrimSpace(key[:i])
		l.Offset = strings.Trim(strings.TrimSpace(key[i+1:len(key)-1]), `"'`)
	}
	if s.i >= len(s.src) || s.src[s.i] != '=' {
		s.problems = append(s.problems, conf.Problem{Pos: pos, Message: fmt.Sprintf("%q has no value (no '=')", key), Err: conf.ErrSyntax})
		s.skipLine()
		return l, true
	}
	s.i++ // '='
	l.HasValue = true
	var ok bool
	l.Value, l.Raw, ok = s.value()
	return l, ok
}

// value reads a value up to the end of the line or a ';' comment,
// joining quoted and bare pieces.
func (s *iniScanner) value() (val, raw string, ok bool) {
	s.skipSpace()
	start := s.i
	var b strings.Builder
	bareOnly := true
	keep := 0 // bytes of b ending with the last quoted piece: never trimmed
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch {
		case c == '\n' || c == ';':
			raw = strings.TrimSpace(string(s.src[start:s.i]))
			return finishValue(b.String(), keep, bareOnly), raw, true
		case c == '"':
			bareOnly = false
			if !s.doubleQuoted(&b) {
				return "", "", false
			}
			keep = b.Len()
		case c == '\'' && (s.i == start || s.src[s.i-1] == ' ' || s.src[s.i-1] == '\t'):
			bareOnly = false
			end := strings.IndexByte(string(s.src[s.i+1:]), '\'')
			if end < 0 {
				s.problem("unterminated single-quoted value")
				s.skipLine()
				return "", "", false
			}
			piece := string(s.src[s.i+1 : s.i+1+end])
			s.line += strings.Count(piece, "\n")
			b.WriteString(piece)
			keep = b.Len()
			s.i += end + 2
		default:
			b.WriteByte(c)
			s.i++
		}
	}
	raw = strings.TrimSpace(string(s.src[start:s.i]))
	return finishValue(b.String(), keep, bareOnly), raw, true
}

func (s *iniScanner) doubleQuoted(b *strings.Builder) bool {
	startLine := s.line
	s.i++ // opening quote
	for s.i < len(s.src) {
		c := s.src[s.i]
		switch c {
		case '\\':
			if s.i+1 < len(s.src) {
				switch n := s.src[s.i+1]; n {
				case '"', '\\', '$':
					b.WriteByte(n)
					s.i += 2
					continue
				}
			}
		case '"':
			s.i++
			return true
		case '\n':
			s.line++
		}
		b.WriteByte(c)
		s.i++
	}
	s.problems = append(s.problems, conf.Problem{Pos: conf.Pos{File: s.file, Line: startLine}, Message: "unterminated double-quoted value", Err: conf.ErrSyntax})
	return false
}

// finishValue trims the bare tail of the value (after byte keep) and
// applies PHP's boolean keywords to a value made only of bare text.
func finishValue(v string, keep int, bareOnly bool) string {
	v = v[:keep] + strings.TrimRight(v[keep:], " \t\r")
	if !bareOnly {
		return v
	}
	switch strings.ToLower(v) {
	case "on", "yes", "true":
		return "1"
	case "off", "no", "false", "none", "null":
		return ""
	}
	return v
}
