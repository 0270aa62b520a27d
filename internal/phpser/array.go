package phpser

import (
	"errors"
	"fmt"
)

// ErrType means a value does not have the shape a helper expects (for
// example StringList given something other than an array of strings).
var ErrType = errors.New("phpser: unexpected value type")

// Get returns the value stored under key, matching as PHP's $a[$key] does:
// a string key equal to key, or an int key whose decimal form is key (so
// Get("0") finds IntKey(0)). With duplicate keys the last one wins, as it
// would in PHP after unserialize().
func (a Array) Get(key string) (Value, bool) {
	var v Value
	found := false
	for _, p := range a {
		if p.Key.String() == key {
			v, found = p.Value, true
		}
	}
	return v, found
}

// Filter returns a new array of the pairs for which keep returns true, in
// order and with their original keys, like PHP's array_filter(). Removing
// "b" from the list {0:"a",1:"b",2:"c"} gives {0:"a",2:"c"}; use
// NewStringList to renumber.
func (a Array) Filter(keep func(Pair) bool) Array {
	out := make(Array, 0, len(a))
	for _, p := range a {
		if keep(p) {
			out = append(out, p)
		}
	}
	return out
}

// StringList returns the values of v, which must be an Array whose values are
// all Strings (such as active_plugins), in array order, ignoring the keys.
// Anything else is an error wrapping ErrType.
func StringList(v Value) ([]string, error) {
	a, ok := v.(Array)
	if !ok {
		return nil, fmt.Errorf("string list: got %s, want array: %w", typeName(v), ErrType)
	}
	out := make([]string, len(a))
	for i, p := range a {
		s, ok := p.Value.(String)
		if !ok {
			return nil, fmt.Errorf("string list: key %s holds %s, want string: %w", p.Key, typeName(p.Value), ErrType)
		}
		out[i] = string(s)
	}
	return out, nil
}

// NewStringList returns the array that PHP's serialize(array_values($list))
// describes: keys 0..n-1 in order. An empty list gives a:0:{}.
func NewStringList(list []string) Array {
	out := make(Array, len(list))
	for i, s := range list {
		out[i] = Pair{Key: IntKey(int64(i)), Value: String(s)}
	}
	return out
}

// typeName names v's PHP type for error messages.
func typeName(v Value) string {
	switch v.(type) {
	case nil, Null:
		return "null"
	case Bool:
		return "bool"
	case Int:
		return "int"
	case Float:
		return "float"
	case String:
		return "string"
	case Array:
		return "array"
	case Object, Custom:
		return "object"
	case Enum:
		return "enum"
	case Ref:
		return "reference"
	}
	return fmt.Sprintf("%T", v)
}
