// Package phpser decodes and encodes PHP's serialize() format exactly, as
// WordPress stores option values (active_plugins, active_sitewide_plugins,
// theme_mods_*, ...).
//
// The codec is ordered and lossless: Unserialize followed by Serialize gives
// back the identical bytes for every input Unserialize accepts. Array keys
// keep their order and their int/string kind, strings are raw bytes (PHP
// counts s:N: in bytes, and the bytes need not be UTF-8), floats keep their
// original text, objects keep their class name, and references and
// Serializable payloads are kept verbatim.
//
// Unserialize accepts what PHP's serialize() produces. It rejects, with an
// error wrapping ErrSyntax that carries the byte offset, anything malformed:
// truncation, trailing bytes, wrong lengths, counts that the input cannot
// hold, nesting deeper than MaxDepth, and the spellings that PHP's
// unserialize() tolerates but serialize() never writes: trailing bytes after
// the value, non-canonical numbers (i:+5;, i:007;, i:-0;, s:01:), ints out of
// int64 range (PHP clamps them), and the old S: escaped string. Back-references
// (r:N;, R:N;) are checked to point at a value already read, not at its type.
package phpser

import "strconv"

// Value is one PHP value. The concrete types are Null, Bool, Int, Float,
// String, Array, Object, Custom, Enum and Ref; no other type implements it.
type Value interface{ phpValue() }

// Null is PHP null (N;).
type Null struct{}

// Bool is a PHP bool (b:0; or b:1;).
type Bool bool

// Int is a PHP int (i:-42;). PHP ints are 64-bit here.
type Int int64

// Float is a PHP float (d:0.1;).
//
// Text is the literal as it appeared in the input (e.g. "1.0E+25", "INF").
// Serialize writes Text verbatim when it is a valid PHP float literal whose
// value is V; otherwise (Text empty, or V changed since decoding) it formats V
// as PHP's serialize() does with serialize_precision=-1.
type Float struct {
	V    float64
	Text string
}

// String is a PHP string: raw bytes, not necessarily UTF-8.
type String string

// Array is a PHP array: ordered key/value pairs. Duplicate keys are kept as
// they appear (PHP itself would keep the first position and the last value).
type Array []Pair

// Pair is one array element or object property.
type Pair struct {
	Key   Key
	Value Value
}

// Object is a PHP object written with O: — its class name and its
// properties in order. Private and protected property names keep their NUL
// byte mangling ("\x00Class\x00name", "\x00*\x00name").
type Object struct {
	Class string
	Props Array
}

// Custom is an object of a class implementing Serializable, written with C:.
// Data is the opaque payload its serialize() method returned.
type Custom struct {
	Class string
	Data  string
}

// Enum is a PHP 8.1 enum case, written with E:, as "Class:Case".
type Enum string

// Ref is a back-reference to the Index-th value (1-based) of the document:
// r: (Strong false, an object handle) or R: (Strong true, a PHP reference).
type Ref struct {
	Index  int64
	Strong bool
}

func (Null) phpValue()   {}
func (Bool) phpValue()   {}
func (Int) phpValue()    {}
func (Float) phpValue()  {}
func (String) phpValue() {}
func (Array) phpValue()  {}
func (Object) phpValue() {}
func (Custom) phpValue() {}
func (Enum) phpValue()   {}
func (Ref) phpValue()    {}

// Key is an array key: an int or a string. The zero Key is the int 0.
// Keys are comparable with ==; IntKey(5) and StrKey("5") are different keys
// here, although PHP would turn the latter into the former.
type Key struct {
	s     string
	i     int64
	isStr bool
}

// IntKey returns the int key n.
func IntKey(n int64) Key { return Key{i: n} }

// StrKey returns the string key s (raw bytes).
func StrKey(s string) Key { return Key{s: s, isStr: true} }

// IsString reports whether k is a string key.
func (k Key) IsString() bool { return k.isStr }

// Int returns the value of an int key, and 0 for a string key.
func (k Key) Int() int64 { return k.i }

// String returns a string key as is and an int key in decimal, which is how
// PHP turns either kind into a string.
func (k Key) String() string {
	if k.isStr {
		return k.s
	}
	return strconv.FormatInt(k.i, 10)
}
