package wpconfig

import (
	"errors"
	"strings"
)

// errBadEscape is a \u{...} escape that PHP rejects at compile time.
var errBadEscape = errors.New("invalid UTF-8 codepoint escape sequence")

// decodeStringLiteral decodes a single- or double-quoted PHP string token
// (quotes included, optional b/B prefix). ok is false when raw is not such a
// token. The caller must only pass double-quoted tokens that the lexer found
// free of interpolation.
func decodeStringLiteral(raw string) (s string, ok bool, err error) {
	if len(raw) > 0 && (raw[0] == 'b' || raw[0] == 'B') {
		raw = raw[1:]
	}
	if len(raw) < 2 || raw[0] != raw[len(raw)-1] {
		return "", false, nil
	}
	body := raw[1 : len(raw)-1]
	switch raw[0] {
	case '\'':
		return decodeSingle(body), true, nil
	case '"':
		s, err := decodeDouble(body)
		return s, true, err
	}
	return "", false, nil
}

// decodeSingle applies PHP's single-quote rules: only \\ and \' are escapes.
func decodeSingle(body string) string {
	if !strings.Contains(body, `\`) {
		return body
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '\\' && i+1 < len(body) && (body[i+1] == '\\' || body[i+1] == '\'') {
			i++
			c = body[i]
		}
		b.WriteByte(c)
	}
	return b.String()
}

var simpleEscapes = map[byte]byte{
	'n': '\n', 't': '\t', 'r': '\r', 'v': '\v', 'e': 0x1b, 'f': '\f',
	'\\': '\\', '$': '$', '"': '"',
}

// decodeDouble applies PHP's double-quote escapes (\n \t \r \v \e \f \\ \$ \"
// octal \[0-7]{1,3}, hex \x[0-9a-f]{1,2}, \u{codepoint}); any other backslash
// is kept literally, as PHP does.
func decodeDouble(body string) (string, error) {
	if !strings.Contains(body, `\`) {
		return body, nil
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			b.WriteByte(c)
			continue
		}
		n := body[i+1]
		if r, ok := simpleEscapes[n]; ok {
			b.WriteByte(r)
			i++
			continue
		}
		switch {
		case isOctal(n):
			v, j := 0, i+1
			for ; j < len(body) && j < i+4 && isOctal(body[j]); j++ {
				v = v*8 + int(body[j]-'0')
			}
			b.WriteByte(byte(v)) // PHP masks overflow (\400) to a byte
			i = j - 1
		case n == 'x' && i+2 < len(body) && hexVal(body[i+2]) >= 0:
			v, j := 0, i+2
			for ; j < len(body) && j < i+4 && hexVal(body[j]) >= 0; j++ {
				v = v*16 + hexVal(body[j])
			}
			b.WriteByte(byte(v))
			i = j - 1
		case n == 'u' && i+2 < len(body) && body[i+2] == '{':
			end := strings.IndexByte(body[i+3:], '}')
			if end < 0 {
				return "", errBadEscape
			}
			cp, err := parseCodepoint(body[i+3 : i+3+end])
			if err != nil {
				return "", err
			}
			writeUTF8(&b, cp)
			i += 3 + end
		default:
			b.WriteByte(c) // unknown escape: backslash stays
		}
	}
	return b.String(), nil
}

func parseCodepoint(hex string) (int, error) {
	if hex == "" {
		return 0, errBadEscape
	}
	cp := 0
	for i := 0; i < len(hex); i++ {
		h := hexVal(hex[i])
		if h < 0 {
			return 0, errBadEscape
		}
		cp = cp*16 + h
		if cp > 0x10FFFF {
			return 0, errBadEscape
		}
	}
	return cp, nil
}

// writeUTF8 encodes cp like PHP does, including surrogates (which Go's
// encoder would replace with U+FFFD).
func writeUTF8(b *strings.Builder, cp int) {
	switch {
	case cp < 0x80:
		b.WriteByte(byte(cp))
	case cp < 0x800:
		b.WriteByte(byte(0xC0 | cp>>6))
		b.WriteByte(byte(0x80 | cp&0x3F))
	case cp < 0x10000:
		b.WriteByte(byte(0xE0 | cp>>12))
		b.WriteByte(byte(0x80 | cp>>6&0x3F))
		b.WriteByte(byte(0x80 | cp&0x3F))
	default:
		b.WriteByte(byte(0xF0 | cp>>18))
		b.WriteByte(byte(0x80 | cp>>12&0x3F))
		b.WriteByte(byte(0x80 | cp>>6&0x3F))
		b.WriteByte(byte(0x80 | cp&0x3F))
	}
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
