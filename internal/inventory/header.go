package inventory

import "bytes"

// HeadSize is how much of a file WordPress's get_file_data() reads: headers
// past the first 8 KiB are not seen.
const HeadSize = 8 << 10

// HeaderFields returns the value of each named header field in data, as
// WordPress's get_file_data() finds it: only the first HeadSize bytes count,
// "\r" is turned into "\n", and for each name the first line matching
//
//	^(?:[ \t]*<?php)?[ \t/*#@]*<name>:(.*)$
//
// (case-insensitive for ASCII letters only, as PCRE without UTF mode) gives
// the value, cleaned as _cleanup_header_comment() does: cut at the first
// "*/" or "?>" together with the whitespace before it, then trimmed as PHP's
// trim(). A field that is absent, or whose first match has an empty or "0"
// raw value (PHP falsy), is "". The map has exactly one key per distinct
// name given.
func HeaderFields(data []byte, names ...string) map[string]string {
	if len(data) > HeadSize {
		data = data[:HeadSize]
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte{'\r'}, []byte{'\n'})
	}
	out := make(map[string]string, len(names))
	for _, name := range names {
		if _, done := out[name]; done {
			continue
		}
		raw := findField(data, name)
		if raw == "" || raw == "0" {
			out[name] = ""
			continue
		}
		out[name] = cleanupHeaderComment(raw)
	}
	return out
}

// findField returns the raw (.*) capture of the first match of name's
// header regex, or "" when no line matches.
func findField(data []byte, name string) string {
	for p := 0; p <= len(data); {
		if v, ok := matchAt(data, p, name); ok {
			return v
		}
		nl := bytes.IndexByte(data[p:], '\n')
		if nl < 0 {
			break
		}
		p += nl + 1
	}
	return ""
}

// matchAt tries the header regex anchored at line start p, with PCRE's
// backtracking order: the optional "<?php" group first, then without it;
// within each, the longest run of [ \t/*#@] first.
func matchAt(data []byte, p int, name string) (string, bool) {
	q := p
	for q < len(data) && (data[q] == ' ' || data[q] == '\t') {
		q++
	}
	if hasPrefixFold(data[q:], "<?php") {
		if v, ok := matchRun(data, q+len("<?php"), name); ok {
			return v, true
		}
	}
	return matchRun(data, p, name)
}

// matchRun matches [ \t/*#@]* <name> ":" (.*)$ from position s.
func matchRun(data []byte, s int, name string) (string, bool) {
	j := s
	for j < len(data) && isPrefixByte(data[j]) {
		j++
	}
	for k := j; k >= s; k-- {
		end := k + len(name)
		if end < len(data) && data[end] == ':' && hasPrefixFold(data[k:], name) {
			rest := data[end+1:]
			if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
				rest = rest[:nl]
			}
			return string(rest), true
		}
	}
	return "", false
}

func isPrefixByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '/' || c == '*' || c == '#' || c == '@'
}

// hasPrefixFold reports whether b starts with s, ASCII letters compared
// without case.
func hasPrefixFold(b []byte, s string) bool {
	if len(b) < len(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if lowerASCII(b[i]) != lowerASCII(s[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// cleanupHeaderComment is WordPress's _cleanup_header_comment():
// trim(preg_replace('/\s*(?:\*\/|\?>).*/', ”, $str)).
func cleanupHeaderComment(s string) string {
	cut := len(s)
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '*' && s[i+1] == '/') || (s[i] == '?' && s[i+1] == '>') {
			cut = i
			break
		}
	}
	if cut < len(s) {
		for cut > 0 && isPCRESpace(s[cut-1]) {
			cut--
		}
		s = s[:cut]
	}
	return phpTrim(s)
}

// isPCRESpace is PCRE2's \s without UTF mode: HT, LF, VT, FF, CR, space.
func isPCRESpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

// phpTrim is PHP's trim() with its default characters " \t\n\r\0\x0B".
func phpTrim(s string) string {
	isTrim := func(c byte) bool {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0 || c == '\x0b'
	}
	i, j := 0, len(s)
	for i < j && isTrim(s[i]) {
		i++
	}
	for j > i && isTrim(s[j-1]) {
		j--
	}
	return s[i:j]
}
