package phpser

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// MaxDepth is the deepest nesting of arrays and objects Unserialize accepts;
// it is PHP's default unserialize_max_depth.
const MaxDepth = 4096

// ErrSyntax is wrapped by every error Unserialize returns.
var ErrSyntax = errors.New("phpser: syntax error")

// SyntaxError says what is wrong with the input and at which byte offset.
// errors.Is(err, ErrSyntax) is true for it.
type SyntaxError struct {
	Offset int    // byte offset in the input where the problem was found
	Msg    string // what was wrong
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("phpser: unserialize: %s at byte %d", e.Msg, e.Offset)
}

// Unwrap returns ErrSyntax.
func (e *SyntaxError) Unwrap() error { return ErrSyntax }

// Unserialize decodes one serialized PHP value that must span all of data.
// Serialize(v) of the result equals data byte for byte. Errors are
// *SyntaxError. Memory use is bounded by a small multiple of len(data),
// whatever counts and lengths the input declares.
func Unserialize(data []byte) (Value, error) {
	d := decoder{s: string(data)}
	v, err := d.value(0)
	if err != nil {
		return nil, err
	}
	if d.pos != len(d.s) {
		return nil, d.fail("trailing data after value")
	}
	return v, nil
}

// decoder reads s from pos. vars counts the values PHP numbers for r:/R:
// back-references; opaque is set once a C: payload (which PHP numbers
// inside, unseen by us) makes that count a lower bound only.
type decoder struct {
	s      string
	pos    int
	vars   int64
	opaque bool
}

func (d *decoder) fail(format string, args ...any) error {
	return &SyntaxError{Offset: d.pos, Msg: fmt.Sprintf(format, args...)}
}

// value decodes one value; depth counts the arrays and objects around it.
func (d *decoder) value(depth int) (Value, error) {
	if d.pos >= len(d.s) {
		return nil, d.fail("unexpected end of input, want a value")
	}
	tag := d.s[d.pos]
	if (tag == 'a' || tag == 'O') && depth >= MaxDepth {
		return nil, d.fail("nesting deeper than %d", MaxDepth)
	}
	if tag != 'R' {
		d.vars++
	}
	switch tag {
	case 'N':
		return Null{}, d.lit("N;")
	case 'b':
		if strings.HasPrefix(d.s[d.pos:], "b:0;") {
			d.pos += 4
			return Bool(false), nil
		}
		if strings.HasPrefix(d.s[d.pos:], "b:1;") {
			d.pos += 4
			return Bool(true), nil
		}
		return nil, d.fail("want b:0; or b:1;")
	case 'i':
		return d.intValue()
	case 'd':
		return d.float()
	case 's':
		s, err := d.str("s:", ";")
		return String(s), err
	case 'a':
		return d.array(depth)
	case 'O':
		return d.object(depth)
	case 'C':
		return d.custom()
	case 'E':
		return d.enum()
	case 'r', 'R':
		return d.ref(tag)
	}
	return nil, d.fail("unexpected byte %q, want a value", tag)
}

// lit consumes the literal want, or fails without moving.
func (d *decoder) lit(want string) error {
	if !strings.HasPrefix(d.s[d.pos:], want) {
		return d.fail("want %q", want)
	}
	d.pos += len(want)
	return nil
}

// uint reads a canonical non-negative decimal (no sign, no leading zero)
// that is at most limit.
func (d *decoder) uint(limit uint64) (uint64, error) {
	start := d.pos
	var n uint64
	for d.pos < len(d.s) && d.s[d.pos] >= '0' && d.s[d.pos] <= '9' {
		if d.pos > start && d.s[start] == '0' {
			d.pos = start
			return 0, d.fail("number with leading zero")
		}
		dig := uint64(d.s[d.pos] - '0')
		if n > (limit-dig)/10 {
			d.pos = start
			return 0, d.fail("number out of range")
		}
		n = n*10 + dig
		d.pos++
	}
	if d.pos == start {
		return 0, d.fail("want a number")
	}
	return n, nil
}

// int64 reads a canonical int64: optional '-', no '+', no leading zero, no -0.
func (d *decoder) int64() (int64, error) {
	start := d.pos
	if d.pos < len(d.s) && d.s[d.pos] == '-' {
		d.pos++
		n, err := d.uint(math.MaxInt64 + 1)
		if err == nil && n == 0 {
			d.pos = start
			return 0, d.fail("non-canonical -0")
		}
		return int64(-n), err
	}
	n, err := d.uint(math.MaxInt64)
	return int64(n), err
}

func (d *decoder) intValue() (Value, error) {
	if err := d.lit("i:"); err != nil {
		return nil, err
	}
	n, err := d.int64()
	if err != nil {
		return nil, err
	}
	return Int(n), d.lit(";")
}

func (d *decoder) float() (Value, error) {
	if err := d.lit("d:"); err != nil {
		return nil, err
	}
	end := strings.IndexByte(d.s[d.pos:], ';')
	if end < 0 {
		return nil, d.fail("unterminated float")
	}
	text := d.s[d.pos : d.pos+end]
	f, ok := parseFloat(text)
	if !ok {
		return nil, d.fail("invalid float %q", text)
	}
	d.pos += end + 1
	return Float{V: f, Text: text}, nil
}

// length reads a "N:" byte length or count prefix and checks that the rest
// of the input can hold n units of at least unit bytes each.
func (d *decoder) length(unit int) (int, error) {
	start := d.pos
	n, err := d.uint(math.MaxInt32)
	if err != nil {
		return 0, err
	}
	if rest := len(d.s) - d.pos; int(n) > rest/unit {
		d.pos = start
		return 0, d.fail("declared length %d exceeds the %d bytes left", n, rest)
	}
	return int(n), d.lit(":")
}
