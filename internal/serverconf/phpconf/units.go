package phpconf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// parseDigits parses a non-empty run of ASCII digits (no sign).
func parseDigits(s string) (int64, error) {
	if s == "" {
		return 0, conf.ErrSyntax
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, conf.ErrSyntax
		}
	}
	return strconv.ParseInt(s, 10, 64)
}

// ParseSize parses a PHP ini quantity as used by memory_limit and
// upload_max_filesize: a decimal integer with an optional K, M or G suffix
// (either case). "-1" means unlimited and is returned as -1.
func ParseSize(s string) (int64, error) {
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
		return 0, fmt.Errorf("parse php size %q: %w", s, conf.ErrSyntax)
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
		return 0, fmt.Errorf("parse fpm time %q: %w", s, conf.ErrSyntax)
	}
	return time.Duration(n) * unit, nil
}

// ParseBool interprets an ini boolean the way PHP does: "1", "on",
// "yes", "true" are true; "", "0", "off", "no", "false", "none" are false.
// Any other non-numeric string is false; other numbers are true when
// non-zero.
func ParseBool(s string) bool {
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
