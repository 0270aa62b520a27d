package logs

import (
	"strings"
	"unicode/utf8"
)

// maxTemplate bounds a message template, in bytes.
const maxTemplate = 200

// appendTemplate appends msg's first line with every run of digits (and
// 0x-prefixed hex) replaced by "N", cut at maxTemplate bytes on a rune
// boundary: "Allowed memory size of N bytes exhausted (tried to allocate
// N bytes)".
func appendTemplate(b []byte, msg string) []byte {
	start := len(b)
	for i := 0; i < len(msg) && len(b)-start < maxTemplate; i++ {
		c := msg[i]
		switch {
		case c == '\n':
			return b
		case c >= '0' && c <= '9':
			if c == '0' && i+2 < len(msg) && msg[i+1] == 'x' && isHex(msg[i+2]) {
				i++
				for i+1 < len(msg) && isHex(msg[i+1]) {
					i++
				}
			}
			for i+1 < len(msg) && msg[i+1] >= '0' && msg[i+1] <= '9' {
				i++
			}
			b = append(b, 'N')
		default:
			b = append(b, c)
		}
	}
	for len(b) > start && !utf8.Valid(b[start:]) {
		b = b[:len(b)-1]
	}
	return b
}

// compactEvent returns a copy of e that references none of e's memory,
// with Raw cut at limit bytes and at most 16 frames and 4 embedded events,
// so a kept sample stays small.
func compactEvent(e Event, limit int) Event {
	c := e
	cut := func(s string) string {
		if len(s) > limit {
			s = strings.ToValidUTF8(s[:limit], "")
		}
		return strings.Clone(s)
	}
	c.Source, c.TimeRaw, c.Level, c.Message = cut(e.Source), cut(e.TimeRaw), cut(e.Level), cut(e.Message)
	c.File, c.Pool, c.Signal, c.Script = cut(e.File), cut(e.Pool), cut(e.Signal), cut(e.Script)
	c.Code, c.Client, c.Request, c.Upstream = cut(e.Code), cut(e.Client), cut(e.Request), cut(e.Upstream)
	c.Host, c.Detail, c.Raw = cut(e.Host), cut(e.Detail), cut(e.Raw)
	if len(e.Raw) > limit {
		c.Truncated = true
	}
	c.Frames = nil
	for i, f := range e.Frames {
		if i == 16 {
			break
		}
		c.Frames = append(c.Frames, Frame{Func: cut(f.Func), File: cut(f.File), Line: f.Line, Addr: cut(f.Addr)})
	}
	c.Embedded = nil
	for i := range e.Embedded {
		if len(c.Embedded) == 4 {
			break
		}
		w := &e.Embedded[i]
		if len(e.Embedded) > 4 && w.Severity < SevError && i < len(e.Embedded)-1 {
			continue
		}
		c.Embedded = append(c.Embedded, compactEvent(*w, limit))
	}
	return c
}
