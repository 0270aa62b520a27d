package serverconf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ParseNginxSize parses an nginx size: bare bytes ("512"), or a number
// with a k/K, m/M or g/G suffix ("4k", "16K", "1m").
func ParseNginxSize(s string) (int64, error) {
	if s == "" {
		return 0, fmt.Errorf("parse nginx size %q: %w", s, ErrSyntax)
	}
	scale := int64(1)
	num := s
	switch s[len(s)-1] {
	case 'k', 'K':
		scale, num = 1<<10, s[:len(s)-1]
	case 'm', 'M':
		scale, num = 1<<20, s[:len(s)-1]
	case 'g', 'G':
		scale, num = 1<<30, s[:len(s)-1]
	}
	n, err := parseDigits(num)
	if err != nil || n > math.MaxInt64/scale {
		return 0, fmt.Errorf("parse nginx size %q: %w", s, ErrSyntax)
	}
	return n * scale, nil
}

// parseDigits parses a non-empty run of ASCII digits (no sign).
func parseDigits(s string) (int64, error) {
	if s == "" {
		return 0, ErrSyntax
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, ErrSyntax
		}
	}
	return strconv.ParseInt(s, 10, 64)
}

// nginx time units, largest first; ms is handled apart from m.
var nginxUnits = []struct {
	name string
	d    time.Duration
}{
	{"y", 365 * 24 * time.Hour},
	{"M", 30 * 24 * time.Hour},
	{"w", 7 * 24 * time.Hour},
	{"d", 24 * time.Hour},
	{"h", time.Hour},
	{"m", time.Minute},
	{"s", time.Second},
	{"ms", time.Millisecond},
}

// ParseNginxTime parses an nginx time: "60s", "1m30s", "500ms", "1h",
// "1d", "2w", "1M" (30 days), "1y"; a bare number is seconds. Units must
// come largest first, each at most once, optionally separated by spaces,
// as nginx's ngx_parse_time requires.
func ParseNginxTime(s string) (time.Duration, error) {
	bad := func() (time.Duration, error) {
		return 0, fmt.Errorf("parse nginx time %q: %w", s, ErrSyntax)
	}
	var total time.Duration
	last := -1 // index into nginxUnits of the last unit used
	rest := strings.TrimSpace(s)
	if rest == "" {
		return bad()
	}
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i > 12 {
			return bad()
		}
		n, _ := strconv.ParseInt(rest[:i], 10, 64)
		rest = rest[i:]
		u := -1
		switch {
		case rest == "" || rest[0] == ' ':
			u = 6 // bare number: seconds
		case strings.HasPrefix(rest, "ms"):
			u, rest = 7, rest[2:]
		default:
			for j, un := range nginxUnits[:7] {
				if rest[0] == un.name[0] {
					u, rest = j, rest[1:]
					break
				}
			}
		}
		if u < 0 || u <= last {
			return bad()
		}
		last = u
		add := time.Duration(n) * nginxUnits[u].d
		if n != 0 && add/time.Duration(n) != nginxUnits[u].d || total+add < total {
			return bad()
		}
		total += add
		rest = strings.TrimLeft(rest, " ")
	}
	return total, nil
}

// ParsePHPSize parses a PHP ini quantity as used by memory_limit and
// upload_max_filesize: a decimal integer with an optional K, M or G suffix
// (either case). "-1" means unlimited and is returned as -1.
func ParsePHPSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if t == "-1" {
		return -1, nil
	}
	scale := int64(1)
	if t != "" {
		switch t[len(t)-1] {
		case 'k', 'K':
			scale, t = 1<<10, t[:len(t)-1]
		case 'm', 'M':
			scale, t = 1<<20, t[:len(t)-1]
		case 'g', 'G':
			scale, t = 1<<30, t[:len(t)-1]
		}
	}
	n, err := parseDigits(strings.TrimSpace(t))
	if err != nil || n > math.MaxInt64/scale {
		return 0, fmt.Errorf("parse php size %q: %w", s, ErrSyntax)
	}
	return n * scale, nil
}

// ParseFPMTime parses a PHP-FPM time value (request_terminate_timeout,
// request_slowlog_timeout, process_control_timeout...): an integer with an
// optional s, m, h or d suffix; a bare number is seconds; 0 means off.
func ParseFPMTime(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	unit := time.Second
	if t != "" {
		switch t[len(t)-1] {
		case 's':
			t = t[:len(t)-1]
		case 'm':
			unit, t = time.Minute, t[:len(t)-1]
		case 'h':
			unit, t = time.Hour, t[:len(t)-1]
		case 'd':
			unit, t = 24*time.Hour, t[:len(t)-1]
		}
	}
	n, err := parseDigits(t)
	if err != nil || n > int64(math.MaxInt64/unit) {
		return 0, fmt.Errorf("parse fpm time %q: %w", s, ErrSyntax)
	}
	return time.Duration(n) * unit, nil
}

// ParsePHPBool interprets an ini boolean the way PHP does: "1", "on",
// "yes", "true" are true; "", "0", "off", "no", "false", "none" are false.
// Any other non-numeric string is false; other numbers are true when
// non-zero.
func ParsePHPBool(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "1", "on", "yes", "true":
		return true
	case "", "0", "off", "no", "false", "none", "null":
		return false
	}
	n, err := strconv.ParseInt(leadingInt(s), 10, 64)
	return err == nil && n != 0
}

// leadingInt returns the leading optionally signed integer of s, as PHP's
// atoi-style conversions read it ("30s" → "30").
func leadingInt(s string) string {
	s = strings.TrimSpace(s)
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == i {
		return ""
	}
	return s[:j]
}
