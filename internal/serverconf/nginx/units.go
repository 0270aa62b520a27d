package nginx

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// ParseSize parses an nginx size: bare bytes ("512"), or a number
// with a k/K, m/M or g/G suffix ("4k", "16K", "1m").
func ParseSize(s string) (int64, error) {
	if s == "" {
		return 0, fmt.Errorf("parse nginx size %q: %w", s, conf.ErrSyntax)
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
		return 0, fmt.Errorf("parse nginx size %q: %w", s, conf.ErrSyntax)
	}
	return n * scale, nil
}

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

// ParseTime parses an nginx time: "60s", "1m30s", "500ms", "1h",
// "1d", "2w", "1M" (30 days), "1y"; a bare number is seconds. Units must
// come largest first, each at most once, optionally separated by spaces,
// as nginx's ngx_parse_time requires.
func ParseTime(s string) (time.Duration, error) {
	bad := func() (time.Duration, error) {
		return 0, fmt.Errorf("parse nginx time %q: %w", s, conf.ErrSyntax)
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
