package wpconfig

import (
	"strconv"
	"strings"
)

// Literal is a value SetConstant can write: a bool, an int or a string.
// The zero Literal is invalid.
type Literal struct{ v Value }

// BoolLit is the PHP literal true or false.
func BoolLit(b bool) Literal { return Literal{boolValue(b)} }

// IntLit is a PHP integer literal.
func IntLit(i int64) Literal { return Literal{intValue(i)} }

// StringLit is a PHP string literal holding exactly the bytes of s.
func StringLit(s string) Literal { return Literal{strValue(s)} }

// Value returns the literal as a static Value (Raw empty).
func (l Literal) Value() Value { return l.v }

func (l Literal) valid() bool {
	return l.v.Kind == KindBool || l.v.Kind == KindInt || l.v.Kind == KindString
}

// render writes l as PHP source. When old (the value being replaced) has the
// same kind, its spelling is followed: the case of TRUE/True/true and double
// rather than single quotes. So rendering a value back in the style it came
// from gives the original bytes whenever they were written canonically.
func (l Literal) render(old Value) string {
	raw := strings.TrimPrefix(old.Raw, `\`)
	switch l.v.Kind {
	case KindBool:
		s := strconv.FormatBool(l.v.Bool)
		switch {
		case old.Kind != KindBool || raw == "":
		case raw == strings.ToUpper(raw):
			s = strings.ToUpper(s)
		case raw[0] >= 'A' && raw[0] <= 'Z':
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		return s
	case KindInt:
		return strconv.FormatInt(l.v.Int, 10)
	case KindString:
		if old.Kind == KindString && strings.HasPrefix(old.Raw, `"`) {
			return doubleQuote(l.v.Str)
		}
		return singleQuote(l.v.Str)
	}
	return ""
}

// singleQuote escapes only what must be: ' always, and \ where it precedes
// \ or ' or ends the string.
func singleQuote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\'':
			b.WriteString(`\'`)
		case c == '\\' && (i+1 == len(s) || s[i+1] == '\\' || s[i+1] == '\''):
			b.WriteString(`\\`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

var doubleEscapes = map[byte]string{
	'\\': `\\`, '"': `\"`, '$': `\$`, '\n': `\n`, '\r': `\r`, '\t': `\t`,
	'\v': `\v`, 0x1b: `\e`, '\f': `\f`,
}

// doubleQuote writes s as a double-quoted literal without interpolation;
// other control bytes become \xHH.
func doubleQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch e, ok := doubleEscapes[c]; {
		case ok:
			b.WriteString(e)
		case c < 0x20 || c == 0x7f:
			b.WriteString(`\x`)
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&15])
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
