package phpser

import "strings"

// IsSerialized reports whether WordPress's is_serialized($data) (strict, as
// maybe_unserialize() calls it) would call data serialized. WordPress stores
// non-scalar option values serialized and plain strings as they are (e.g.
// template = "twentytwentythree"), and unserializes exactly the values this
// returns true for.
//
// It is a cheap shape test, not a parse: Unserialize may still reject data it
// accepts. Like WordPress it ignores surrounding whitespace and NULs, and it
// answers false for C:, r: and R: values.
func IsSerialized(data []byte) bool {
	s := strings.Trim(string(data), " \t\n\r\x00\x0b") // PHP trim()
	if s == "N;" {
		return true
	}
	if len(s) < 4 || s[1] != ':' {
		return false
	}
	if last := s[len(s)-1]; last != ';' && last != '}' {
		return false
	}
	switch tag := s[0]; tag {
	case 's':
		if s[len(s)-2] != '"' {
			return false
		}
		fallthrough
	case 'a', 'O', 'E': // /^{tag}:[0-9]+:/s
		n := digitsIn(s[2:], "0123456789")
		return n > 0 && 2+n < len(s) && s[2+n] == ':'
	case 'b', 'i', 'd': // /^{tag}:[0-9.E+-]+;$/
		n := digitsIn(s[2:], "0123456789.E+-")
		return n > 0 && 2+n == len(s)-1 && s[2+n] == ';'
	}
	return false
}

// digitsIn counts the leading bytes of s that are in set.
func digitsIn(s, set string) int {
	i := 0
	for i < len(s) && strings.IndexByte(set, s[i]) >= 0 {
		i++
	}
	return i
}
