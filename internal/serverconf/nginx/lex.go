package nginx

import "github.com/wpdoctor/wpdoctor/internal/serverconf/conf"

// nginx configuration tokenizer, following ngx_conf_read_token:
//   - words are separated by space, tab, CR, LF; ';' ends a directive,
//     '{' opens a block and '}' closes one;
//   - '#' starts a comment only at the start of a word;
//   - a word starting with '"' or '\'' is quoted up to the matching quote
//     and must be followed by a separator;
//   - '\' protects the next character; when the word is stored, \" \' \\
//     become the character, \t \r \n become control characters, and any
//     other backslash is kept;
//   - "${" inside a word does not open a block, and '}' inside a word is
//     part of it.

type tokKind int

const (
	tokWord tokKind = iota
	tokSemi
	tokOpen
	tokClose
	tokEOF
)

type token struct {
	kind   tokKind
	text   string
	line   int
	quoted bool
}

type lexer struct {
	src  []byte
	i    int
	line int
	file string
}

func newLexer(file string, src []byte) *lexer {
	return &lexer{src: src, line: 1, file: file}
}

func (l *lexer) errf(line int, msg string) error {
	return &conf.SyntaxError{Pos: conf.Pos{File: l.file, Line: line}, Msg: msg}
}

func isNginxSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// next returns the next token, or an error for an unterminated quote or a
// quote not followed by a separator.
func (l *lexer) next() (token, error) {
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch {
		case c == '\n':
			l.line++
			l.i++
		case isNginxSpace(c):
			l.i++
		case c == '#':
			for l.i < len(l.src) && l.src[l.i] != '\n' {
				l.i++
			}
		case c == ';':
			l.i++
			return token{kind: tokSemi, line: l.line}, nil
		case c == '{':
			l.i++
			return token{kind: tokOpen, line: l.line}, nil
		case c == '}':
			l.i++
			return token{kind: tokClose, line: l.line}, nil
		case c == '"' || c == '\'':
			return l.quoted(c)
		default:
			return l.word(), nil
		}
	}
	return token{kind: tokEOF, line: l.line}, nil
}

func (l *lexer) quoted(q byte) (token, error) {
	start := l.line
	l.i++ // opening quote
	from := l.i
	for l.i < len(l.src) {
		c := l.src[l.i]
		switch c {
		case '\\':
			if l.i+1 < len(l.src) && l.src[l.i+1] == '\n' {
				l.line++
			}
			l.i += 2
			continue
		case '\n':
			l.line++
		case q:
			text := unescapeNginx(l.src[from:l.i])
			l.i++
			if l.i < len(l.src) {
				n := l.src[l.i]
				if !isNginxSpace(n) && n != ';' && n != '{' && n != ')' {
					return token{}, l.errf(l.line, "unexpected \""+string(n)+"\" after quoted string")
				}
			}
			return token{kind: tokWord, text: text, line: start, quoted: true}, nil
		}
		l.i++
	}
	return token{}, l.errf(start, "unexpected end of file in quoted string")
}

func (l *lexer) word() token {
	start := l.line
	from := l.i
	variable := false
	for l.i < len(l.src) {
		c := l.src[l.i]
		if c == '{' && variable {
			variable = false
			l.i++
			continue
		}
		variable = false
		if c == '\\' {
			if l.i+1 < len(l.src) && l.src[l.i+1] == '\n' {
				l.line++
			}
			l.i += 2
			continue
		}
		if c == '$' {
			variable = true
			l.i++
			continue
		}
		if isNginxSpace(c) || c == ';' || c == '{' {
			break
		}
		l.i++
	}
	if l.i > len(l.src) {
		l.i = len(l.src)
	}
	return token{kind: tokWord, text: unescapeNginx(l.src[from:l.i]), line: start}
}

func unescapeNginx(b []byte) string {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\\' && i+1 < len(b) {
			switch b[i+1] {
			case '"', '\'', '\\':
				out = append(out, b[i+1])
				i++
				continue
			case 't':
				out = append(out, '\t')
				i++
				continue
			case 'r':
				out = append(out, '\r')
				i++
				continue
			case 'n':
				out = append(out, '\n')
				i++
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}
