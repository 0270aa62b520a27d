package phpser

import (
	"math"
	"strings"
)

// minPair is the size of the smallest array element, "i:0;N;".
const minPair = 6

// quoted reads `N:"bytes"` (the part after a tag like "s:") and returns bytes.
func (d *decoder) quoted() (string, error) {
	n, err := d.length(1)
	if err != nil {
		return "", err
	}
	if err := d.lit(`"`); err != nil {
		return "", err
	}
	if len(d.s)-d.pos < n+1 {
		return "", d.fail("string of %d bytes runs past the end", n)
	}
	s := d.s[d.pos : d.pos+n]
	d.pos += n
	return s, d.lit(`"`)
}

// str reads prefix N:"bytes" term, e.g. s:3:"abc"; with prefix "s:".
func (d *decoder) str(prefix, term string) (string, error) {
	if err := d.lit(prefix); err != nil {
		return "", err
	}
	s, err := d.quoted()
	if err != nil {
		return "", err
	}
	return s, d.lit(term)
}

// className reads prefix N:"Class": and checks the name as PHP does.
func (d *decoder) className(prefix string) (string, error) {
	start := d.pos
	name, err := d.str(prefix, ":")
	if err != nil {
		return "", err
	}
	if !validClassName(name) {
		d.pos = start
		return "", d.fail("invalid class name %q", name)
	}
	return name, nil
}

// validClassName mirrors zend_is_valid_class_name: [A-Za-z0-9_\\\x80-\xff]+.
func validClassName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '\\' || c >= 0x80) {
			return false
		}
	}
	return s != ""
}

func (d *decoder) array(depth int) (Value, error) {
	if err := d.lit("a:"); err != nil {
		return nil, err
	}
	return d.pairs(depth)
}

func (d *decoder) object(depth int) (Value, error) {
	class, err := d.className("O:")
	if err != nil {
		return nil, err
	}
	props, err := d.pairs(depth)
	if err != nil {
		return nil, err
	}
	return Object{Class: class, Props: props}, nil
}

// pairs reads `N:{key value ...}` for an array or object at depth.
func (d *decoder) pairs(depth int) (Array, error) {
	n, err := d.length(minPair)
	if err != nil {
		return nil, err
	}
	if err := d.lit("{"); err != nil {
		return nil, err
	}
	out := make(Array, 0, min(n, 1024))
	for range n {
		k, err := d.key()
		if err != nil {
			return nil, err
		}
		v, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out = append(out, Pair{Key: k, Value: v})
	}
	return out, d.lit("}")
}

// key reads an array key, which must be i: or s:.
func (d *decoder) key() (Key, error) {
	if strings.HasPrefix(d.s[d.pos:], "i:") {
		d.pos += 2
		n, err := d.int64()
		if err != nil {
			return Key{}, err
		}
		return IntKey(n), d.lit(";")
	}
	if strings.HasPrefix(d.s[d.pos:], "s:") {
		s, err := d.str("s:", ";")
		return StrKey(s), err
	}
	return Key{}, d.fail("want an int or string key")
}

func (d *decoder) custom() (Value, error) {
	class, err := d.className("C:")
	if err != nil {
		return nil, err
	}
	n, err := d.length(1)
	if err != nil {
		return nil, err
	}
	if err := d.lit("{"); err != nil {
		return nil, err
	}
	if len(d.s)-d.pos < n+1 {
		return nil, d.fail("payload of %d bytes runs past the end", n)
	}
	data := d.s[d.pos : d.pos+n]
	d.pos += n
	d.opaque = true
	return Custom{Class: class, Data: data}, d.lit("}")
}

func (d *decoder) enum() (Value, error) {
	start := d.pos
	name, err := d.str("E:", ";")
	if err != nil {
		return nil, err
	}
	if i := strings.IndexByte(name, ':'); i < 0 || !validClassName(name[:i]) {
		d.pos = start
		return nil, d.fail("invalid enum name %q, want Class:Case", name)
	}
	return Enum(name), nil
}

// ref reads r:N; or R:N;. N must name a value already read: PHP numbers
// every value from 1 except keys and R: itself. After a C: payload, whose
// inner values PHP also numbers, only N >= 1 is checked.
func (d *decoder) ref(tag byte) (Value, error) {
	prefix := "r:"
	if tag == 'R' {
		prefix = "R:"
	}
	if err := d.lit(prefix); err != nil {
		return nil, err
	}
	start := d.pos
	n, err := d.uint(math.MaxInt64)
	if err != nil {
		return nil, err
	}
	seen := d.vars
	if tag == 'r' {
		seen-- // r: itself was numbered already
	}
	if n == 0 || !d.opaque && int64(n) > seen {
		d.pos = start
		return nil, d.fail("reference %d to a value not yet read", n)
	}
	return Ref{Index: int64(n), Strong: tag == 'R'}, d.lit(";")
}
