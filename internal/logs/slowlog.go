package logs

import "strings"

// slowlogParser parses a PHP-FPM slowlog: blocks separated by blank lines,
//
//	[21-Nov-2026 16:47:02]  [pool site1] pid 1234
//	script_filename = /srv/x/index.php
//	[0x00007f3a2c813f40] sleep() /srv/x/wp-content/plugins/wpd-slow/wpd-slow.php:10
//	[0x00007f3a2c813e80] wpd_slow_init() /srv/x/wp-includes/class-wp-hook.php:308
//
// The first frame is the innermost call. Each block becomes one
// KindSlowlog event whose File and Line are those of the innermost frame.
type slowlogParser struct {
	base
}

func (p *slowlogParser) Line(line []byte, emit func(Event)) {
	s, cut := prepare(line)
	if blank(s) {
		p.Flush(emit)
		return
	}
	if ts, rest, ok := slowHeader(s); ok {
		if t, ok := p.tc.parse(ts, parseDMY); ok {
			p.Flush(emit)
			e := Event{Format: FormatSlowlog, Source: p.opt.Source, Time: t, TimeRaw: ts,
				Severity: SevWarning, Kind: KindSlowlog, Message: "slow request", Raw: s, Truncated: cut}
			if pool, r, ok := strings.Cut(rest, "] "); ok && strings.HasPrefix(pool, "[pool ") {
				e.Pool, rest = pool[6:], r
			}
			if pid, ok := strings.CutPrefix(rest, "pid "); ok {
				e.PID, _ = atoi(pid)
			}
			p.begin(e)
			return
		}
	}
	if !p.has {
		emit(p.unparsed(FormatSlowlog, s, cut))
		return
	}
	p.appendLine(s, cut)
	if v, ok := strings.CutPrefix(s, "script_filename = "); ok {
		p.cur.Script = v
		return
	}
	if f, ok := parseSlowFrame(s); ok && len(p.cur.Frames) < MaxFrames {
		if len(p.cur.Frames) == 0 {
			p.cur.File, p.cur.Line = f.File, f.Line
			p.cur.Message = "slow request in " + f.Func
		}
		p.cur.Frames = append(p.cur.Frames, f)
	}
}

func (p *slowlogParser) Flush(emit func(Event)) {
	if p.has {
		emit(p.take())
	}
}

// slowHeader splits "[21-Nov-2026 16:47:02]  [pool site1] pid 1234".
func slowHeader(s string) (ts, rest string, ok bool) {
	if len(s) < 24 || s[0] != '[' || s[1] == '0' && s[2] == 'x' {
		return "", "", false
	}
	j := strings.IndexByte(s[:min(len(s), 40)], ']')
	if j < 21 {
		return "", "", false
	}
	return s[1:j], strings.TrimLeft(s[j+1:], " "), true
}

// parseSlowFrame parses "[0x00007f3a2c813f40] sleep() /p/x.php:10".
func parseSlowFrame(s string) (Frame, bool) {
	if !strings.HasPrefix(s, "[0x") {
		return Frame{}, false
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return Frame{}, false
	}
	f := Frame{Addr: s[1:end]}
	rest := strings.TrimLeft(s[end+1:], " ")
	sep := strings.Index(rest, "() ")
	if sep >= 0 {
		sep += 2
	} else if sep = strings.LastIndex(rest, " /"); sep < 0 {
		f.Func = rest // "+++ dump failed"
		return f, true
	}
	f.Func, rest = rest[:sep], rest[sep+1:]
	if i := strings.LastIndexByte(rest, ':'); i > 0 {
		if n, ok := atoi(rest[i+1:]); ok {
			f.File, f.Line = rest[:i], n
			return f, true
		}
	}
	f.File = rest
	return f, true
}
