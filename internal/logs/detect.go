package logs

import "strings"

// Detect guesses the format of a log from a sample of it (its first or
// last few KiB), for logs found at unknown paths. It scores up to 200 lines
// against each format's header shape and returns the best, or
// FormatUnknown when no line matches any.
func Detect(sample []byte) Format {
	var score [FormatSlowlog + 1]int
	tc := newTimeCache(nil)
	lines := 0
	eachLine(sample, func(raw []byte) {
		if lines >= 200 {
			return
		}
		lines++
		s, _ := prepare(raw)
		if f := detectLine(&tc, s); f != FormatUnknown {
			score[f]++
		}
	})
	best := FormatUnknown
	for f := FormatPHP; f <= FormatSlowlog; f++ {
		if score[f] > score[best] {
			best = f
		}
	}
	return best
}

// detectLine returns the format whose header s has, if any.
func detectLine(tc *timeCache, s string) Format {
	switch {
	case strings.HasPrefix(s, "script_filename = "):
		return FormatSlowlog
	case len(s) >= 21 && s[19] == ' ' && s[20] == '[':
		if _, ok := parseYMD(tc, s[:19]); ok {
			return FormatNginx
		}
	}
	if ts, rest, ok := slowHeader(s); ok && strings.HasPrefix(rest, "[pool ") && strings.Contains(rest, "] pid ") {
		if _, ok := parseDMY(tc, ts); ok {
			return FormatSlowlog
		}
	}
	if ts, level, _, ok := fpmHeader(s); ok && fpmSeverity(level) != SevUnknown {
		if _, ok := parseDMY(tc, ts); ok {
			return FormatFPM
		}
	}
	if ts, _, ok := phpHeader(s); ok && strings.IndexByte(ts, ' ') != strings.LastIndexByte(ts, ' ') {
		if _, ok := parseDMY(tc, ts); ok {
			return FormatPHP
		}
	}
	if len(s) > 26 && s[0] == '[' {
		if j := strings.IndexByte(s[:min(len(s), 40)], ']'); j > 24 {
			if _, ok := parseCtime(tc, s[1:j]); ok {
				return FormatApache
			}
		}
	}
	return FormatUnknown
}
