package logs

import (
	"time"
)

// timeCache parses timestamps without allocating and remembers the last
// one: a busy log repeats the same second on many consecutive lines.
// Zone names ("Europe/Berlin") are loaded once per parser.
type timeCache struct {
	loc     *time.Location // for timestamps written without a zone
	lastRaw string
	last    time.Time
	lastOK  bool
	primed  bool
	zones   map[string]*time.Location
}

func newTimeCache(loc *time.Location) timeCache {
	if loc == nil {
		loc = time.UTC
	}
	return timeCache{loc: loc}
}

// parse turns raw into a time with fn, caching the last answer. ok reports
// whether raw has the shape of a timestamp; the time is zero when it has
// the shape but names a zone that cannot be loaded.
func (c *timeCache) parse(raw string, fn func(*timeCache, string) (time.Time, bool)) (time.Time, bool) {
	if c.primed && raw == c.lastRaw {
		return c.last, c.lastOK
	}
	t, ok := fn(c, raw)
	c.lastRaw, c.last, c.lastOK, c.primed = raw, t, ok, true
	return t, ok
}

func (c *timeCache) zone(name string) (*time.Location, bool) {
	switch name {
	case "UTC", "GMT", "Z", "Etc/UTC":
		return time.UTC, true
	case "Local":
		return nil, false
	}
	if !zoneName(name) {
		return nil, false
	}
	if loc, ok := c.zones[name]; ok {
		return loc, loc != nil
	}
	if c.zones == nil {
		c.zones = make(map[string]*time.Location)
	}
	if len(c.zones) >= 32 {
		clear(c.zones)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = nil
	}
	c.zones[name] = loc
	return loc, loc != nil
}

var monthAbbr = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func month(b string) (time.Month, bool) {
	if len(b) != 3 {
		return 0, false
	}
	for i, m := range monthAbbr {
		if b == m {
			return time.Month(i + 1), true
		}
	}
	return 0, false
}

// num parses b as a decimal of exactly len(b) digits (a leading space is
// taken as 0, for space-padded days).
func num(b string) (int, bool) {
	if len(b) == 0 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		case c == ' ' && i == 0 && len(b) > 1:
		default:
			return 0, false
		}
	}
	return n, true
}

// clock parses "15:04:05" with an optional ".123456" fraction and returns
// the rest of b.
func clock(b string) (h, m, s, ns int, rest string, ok bool) {
	if len(b) < 8 || b[2] != ':' || b[5] != ':' {
		return 0, 0, 0, 0, "", false
	}
	h, ok1 := num(b[0:2])
	m, ok2 := num(b[3:5])
	s, ok3 := num(b[6:8])
	if !ok1 || !ok2 || !ok3 || h > 23 || m > 59 || s > 60 {
		return 0, 0, 0, 0, "", false
	}
	rest = b[8:]
	if len(rest) > 1 && rest[0] == '.' {
		i, scale := 1, 100000000
		for ; i < len(rest) && rest[i] >= '0' && rest[i] <= '9'; i++ {
			ns += int(rest[i]-'0') * scale
			scale /= 10
		}
		rest = rest[i:]
	}
	return h, m, s, ns, rest, true
}

func validDate(y int, mon time.Month, d int) bool {
	return y >= 1970 && y <= 9999 && mon >= 1 && mon <= 12 && d >= 1 && d <= 31
}

// parseDMY parses the PHP and FPM form "21-Nov-2026 16:47:01[.123456][ Zone]".
// Without a zone the cache's location applies; an unknown zone gives a
// zero time (still ok: the shape is right).
func parseDMY(c *timeCache, b string) (time.Time, bool) {
	if len(b) < 20 || b[2] != '-' || b[6] != '-' || b[11] != ' ' {
		return time.Time{}, false
	}
	d, ok1 := num(b[0:2])
	mon, ok2 := month(b[3:6])
	y, ok3 := num(b[7:11])
	h, mi, s, ns, rest, ok4 := clock(b[12:])
	if !ok1 || !ok2 || !ok3 || !ok4 || !validDate(y, mon, d) {
		return time.Time{}, false
	}
	loc := c.loc
	if len(rest) > 0 {
		if rest[0] != ' ' {
			return time.Time{}, false
		}
		var ok bool
		if loc, ok = c.zone(rest[1:]); !ok {
			return time.Time{}, true // a header, but in a zone we cannot place
		}
	}
	return time.Date(y, mon, d, h, mi, s, ns, loc), true
}

// parseYMD parses the nginx form "2026/11/21 16:47:01".
func parseYMD(c *timeCache, b string) (time.Time, bool) {
	if len(b) != 19 || b[4] != '/' || b[7] != '/' || b[10] != ' ' {
		return time.Time{}, false
	}
	y, ok1 := num(b[0:4])
	m, ok2 := num(b[5:7])
	d, ok3 := num(b[8:10])
	h, mi, s, ns, rest, ok4 := clock(b[11:])
	if !ok1 || !ok2 || !ok3 || !ok4 || len(rest) != 0 || !validDate(y, time.Month(m), d) {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(m), d, h, mi, s, ns, c.loc), true
}

// parseCtime parses the Apache form "Sat Nov 21 16:47:01.123456 2026"
// (the fraction is optional, the day may be space-padded).
func parseCtime(c *timeCache, b string) (time.Time, bool) {
	if len(b) < 24 || b[3] != ' ' || b[7] != ' ' || b[10] != ' ' {
		return time.Time{}, false
	}
	mon, ok1 := month(b[4:7])
	d, ok2 := num(b[8:10])
	h, mi, s, ns, rest, ok3 := clock(b[11:])
	if !ok1 || !ok2 || !ok3 || len(rest) != 5 || rest[0] != ' ' {
		return time.Time{}, false
	}
	y, ok4 := num(rest[1:])
	if !ok4 || !validDate(y, mon, d) {
		return time.Time{}, false
	}
	return time.Date(y, mon, d, h, mi, s, ns, c.loc), true
}

// zoneName reports whether b can be an IANA zone name ("Europe/Berlin",
// "Etc/GMT+1"), so garbage never reaches the zone database.
func zoneName(b string) bool {
	if len(b) == 0 || len(b) > 40 || b[0] == '/' || b[0] == '.' {
		return false
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '/' || c == '_' || c == '-' || c == '+'
		if !ok {
			return false
		}
	}
	return true
}
