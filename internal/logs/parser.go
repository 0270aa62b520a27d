package logs

import (
	"fmt"
	"time"
)

// Options configure a parser.
type Options struct {
	// Source is stamped into every Event.Source: which log it came from,
	// usually its path.
	Source string
	// Location is the zone of timestamps written without one (nginx,
	// Apache, FPM, slowlog; PHP writes its zone). UTC when nil.
	Location *time.Location
}

// Parser turns the lines of one log into events. Entries may span lines
// (stack traces, slowlog blocks), so an event is emitted when the line that
// follows it arrives, or at Flush. A Parser keeps at most one pending entry
// (bounded by MaxEventBytes and MaxFrames) and is not safe for concurrent
// use.
type Parser interface {
	// Line feeds one line without its newline. The parser does not keep
	// line after returning. Lines longer than MaxLineBytes are cut.
	Line(line []byte, emit func(Event))
	// Flush emits the pending entry, if any. The parser can be reused.
	Flush(emit func(Event))
}

// NewParser returns a parser for f. It fails with ErrUnknownFormat.
func NewParser(f Format, opt Options) (Parser, error) {
	b := base{opt: opt, tc: newTimeCache(opt.Location)}
	switch f {
	case FormatPHP:
		return &phpParser{base: b}, nil
	case FormatNginx:
		return &nginxParser{base: b}, nil
	case FormatApache:
		return &apacheParser{base: b}, nil
	case FormatFPM:
		return &fpmParser{base: b}, nil
	case FormatSlowlog:
		return &slowlogParser{base: b}, nil
	}
	return nil, fmt.Errorf("new parser for %v: %w", f, ErrUnknownFormat)
}

// Parse parses a whole chunk (such as a Chunk's Data) and returns its
// events in order.
func Parse(data []byte, f Format, opt Options) ([]Event, error) {
	p, err := NewParser(f, opt)
	if err != nil {
		return nil, err
	}
	var out []Event
	emit := func(e Event) { out = append(out, e) }
	eachLine(data, func(l []byte) { p.Line(l, emit) })
	p.Flush(emit)
	return out, nil
}

// base holds what every parser shares: options, the time cache and the
// pending multi-line entry.
type base struct {
	opt   Options
	tc    timeCache
	cur   Event
	has   bool
	multi bool
	raw   []byte
}

// prepare cuts and sanitises a raw line; see trimLine and lineString.
func prepare(line []byte) (string, bool) {
	l, cut := trimLine(line)
	return lineString(l), cut
}

func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// begin makes e the pending entry. The previous one must have been taken.
func (b *base) begin(e Event) {
	b.cur, b.has, b.multi = e, true, false
}

// appendLine adds a continuation line to the pending entry's Raw.
func (b *base) appendLine(s string, cut bool) {
	if !b.multi {
		b.raw = append(b.raw[:0], b.cur.Raw...)
		b.multi = true
	}
	if cut {
		b.cur.Truncated = true
	}
	if len(b.raw)+1+len(s) > MaxEventBytes {
		b.cur.Truncated = true
		return
	}
	b.raw = append(b.raw, '\n')
	b.raw = append(b.raw, s...)
}

// take returns the pending entry with its Raw complete and clears it.
func (b *base) take() Event {
	e := b.cur
	if b.multi {
		e.Raw = string(b.raw)
		if cap(b.raw) > 4*MaxLineBytes {
			b.raw = nil
		}
	}
	b.has, b.multi = false, false
	return e
}

func (b *base) unparsed(f Format, s string, cut bool) Event {
	return Event{Format: f, Source: b.opt.Source, Severity: SevUnknown, Kind: KindUnparsed,
		Message: s, Raw: s, Truncated: cut}
}
