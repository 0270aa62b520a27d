package phpser

import (
	"fmt"
	"math"
	"strconv"
)

// Serialize encodes v as PHP's serialize() would. For a value returned by
// Unserialize it reproduces the decoded bytes exactly. A nil Value (also
// inside arrays) is written as N;. Serialize does not check references or
// class names; building sensible values is the caller's job.
func Serialize(v Value) []byte {
	return appendValue(nil, v)
}

func appendValue(dst []byte, v Value) []byte {
	switch v := v.(type) {
	case nil, Null:
		return append(dst, "N;"...)
	case Bool:
		if v {
			return append(dst, "b:1;"...)
		}
		return append(dst, "b:0;"...)
	case Int:
		dst = append(dst, "i:"...)
		return append(strconv.AppendInt(dst, int64(v), 10), ';')
	case Float:
		dst = append(dst, "d:"...)
		if keepText(v) {
			dst = append(dst, v.Text...)
		} else {
			dst = appendFloat(dst, v.V)
		}
		return append(dst, ';')
	case String:
		return appendString(dst, 's', string(v), ';')
	case Array:
		dst = append(dst, "a:"...)
		return appendPairs(dst, v)
	case Object:
		dst = appendString(dst, 'O', v.Class, ':')
		return appendPairs(dst, v.Props)
	case Custom:
		dst = appendString(dst, 'C', v.Class, ':')
		dst = strconv.AppendInt(dst, int64(len(v.Data)), 10)
		dst = append(dst, ":{"...)
		dst = append(dst, v.Data...)
		return append(dst, '}')
	case Enum:
		return appendString(dst, 'E', string(v), ';')
	case Ref:
		tag := byte('r')
		if v.Strong {
			tag = 'R'
		}
		dst = append(dst, tag, ':')
		return append(strconv.AppendInt(dst, v.Index, 10), ';')
	}
	// Only a type embedding Value gets here: a programming error.
	panic(fmt.Sprintf("phpser: Serialize: unsupported type %T", v))
}

// keepText reports whether f.Text is a PHP float literal denoting f.V.
func keepText(f Float) bool {
	if f.Text == "" {
		return false
	}
	t, ok := parseFloat(f.Text)
	if !ok {
		return false
	}
	return math.Float64bits(t) == math.Float64bits(f.V) || math.IsNaN(t) && math.IsNaN(f.V)
}

// appendString appends tag:len:"s" and then term.
func appendString(dst []byte, tag byte, s string, term byte) []byte {
	dst = append(dst, tag, ':')
	dst = strconv.AppendInt(dst, int64(len(s)), 10)
	dst = append(dst, ':', '"')
	dst = append(dst, s...)
	return append(dst, '"', term)
}

// appendPairs appends count:{key value ...}.
func appendPairs(dst []byte, a Array) []byte {
	dst = strconv.AppendInt(dst, int64(len(a)), 10)
	dst = append(dst, ":{"...)
	for _, p := range a {
		if p.Key.isStr {
			dst = appendString(dst, 's', p.Key.s, ';')
		} else {
			dst = append(dst, "i:"...)
			dst = append(strconv.AppendInt(dst, p.Key.i, 10), ';')
		}
		dst = appendValue(dst, p.Value)
	}
	return append(dst, '}')
}
