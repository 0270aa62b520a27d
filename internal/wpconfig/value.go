package wpconfig

import (
	"encoding/json"
	"math"
	"strconv"
)

// Kind says what is known statically about a value.
type Kind uint8

const (
	// KindDynamic is a value known only at run time: a function call, a
	// variable, an interpolated string, an operator the reader does not
	// evaluate. Its Go fields are zero and must never be guessed from.
	KindDynamic Kind = iota
	KindString
	KindInt
	KindFloat
	KindBool
	KindNull
	// KindDependent is a value built only from literals, __DIR__, __FILE__,
	// dirname() and other constants (ABSPATH . 'x'). It becomes static with
	// Value.Resolve or Config.Resolve.
	KindDependent
)

var kindNames = [...]string{"dynamic", "string", "int", "float", "bool", "null", "dependent"}

// String returns the lower-case name of the kind ("string", "dynamic", ...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText makes kinds appear by name in JSON.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Value is a PHP expression as read from the file. Exactly one of Str, Int,
// Float, Bool holds the value when Kind is the matching static kind; for
// KindNull, KindDynamic and KindDependent they are zero.
type Value struct {
	Kind  Kind
	Str   string  `json:",omitempty"`
	Int   int64   `json:",omitempty"`
	Float float64 `json:",omitempty"`
	Bool  bool    `json:",omitempty"`
	// Raw is the exact source text of the expression.
	Raw string
	// Reason says, for KindDynamic, why the value is not static.
	Reason string `json:",omitempty"`
	// EnvVar names the environment variable the value reads, when it is a
	// recognised form: getenv('X'), getenv_docker('X', d), env('X'),
	// $_ENV['X'], $_SERVER['X'] (possibly followed by ?: or ??). A hint only.
	EnvVar string `json:",omitempty"`
	// Fallback is the static value used when the run-time part is empty:
	// the right side of `getenv('X') ?: 'y'` / `?? 'y'`, or the default of
	// getenv_docker('X', 'y'). A hint only: the effective value is unknown.
	Fallback *Value `json:",omitempty"`

	expr expr     // for KindDependent: the expression to resolve
	env  *envForm // for KindDynamic: a read of the environment (Assume)
}

// Static reports whether the value is a literal known without running PHP.
func (v Value) Static() bool {
	switch v.Kind {
	case KindString, KindInt, KindFloat, KindBool, KindNull:
		return true
	}
	return false
}

// Go returns the value as a Go string, int64, float64, bool or nil for static
// kinds, and nil otherwise (check Static first: nil is also PHP's null).
func (v Value) Go() any {
	switch v.Kind {
	case KindString:
		return v.Str
	case KindInt:
		return v.Int
	case KindFloat:
		return v.Float
	case KindBool:
		return v.Bool
	}
	return nil
}

// Truthy applies PHP's boolean conversion to a static value. ok is false for
// dynamic and dependent values.
func (v Value) Truthy() (b, ok bool) {
	switch v.Kind {
	case KindBool:
		return v.Bool, true
	case KindInt:
		return v.Int != 0, true
	case KindFloat:
		return v.Float != 0, true
	case KindString:
		return v.Str != "" && v.Str != "0", true
	case KindNull:
		return false, true
	}
	return false, false
}

// Text applies PHP's string conversion to a static value. ok is false for
// dynamic and dependent values and for floats (whose PHP formatting is not
// reproduced here).
func (v Value) Text() (s string, ok bool) {
	switch v.Kind {
	case KindString:
		return v.Str, true
	case KindInt:
		return strconv.FormatInt(v.Int, 10), true
	case KindBool:
		if v.Bool {
			return "1", true
		}
		return "", true
	case KindNull:
		return "", true
	}
	return "", false
}

// MarshalJSON encodes the value; a float that JSON cannot hold (INF, NAN)
// is written as Float 0 plus FloatText "+Inf", "-Inf" or "NaN".
func (v Value) MarshalJSON() ([]byte, error) {
	type plain Value // no methods: avoids recursion
	if !math.IsInf(v.Float, 0) && !math.IsNaN(v.Float) {
		return json.Marshal(plain(v))
	}
	p := plain(v)
	p.Float = 0
	return json.Marshal(struct {
		plain
		FloatText string
	}{p, strconv.FormatFloat(v.Float, 'g', -1, 64)})
}

// sameStatic reports whether two static values are the same PHP value of the
// same type.
func sameStatic(a, b Value) bool {
	if !a.Static() || a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case KindString:
		return a.Str == b.Str
	case KindInt:
		return a.Int == b.Int
	case KindFloat:
		return a.Float == b.Float
	case KindBool:
		return a.Bool == b.Bool
	}
	return true
}

func strValue(s string) Value    { return Value{Kind: KindString, Str: s} }
func intValue(i int64) Value     { return Value{Kind: KindInt, Int: i} }
func floatValue(f float64) Value { return Value{Kind: KindFloat, Float: f} }
func boolValue(b bool) Value     { return Value{Kind: KindBool, Bool: b} }
func dynamic(reason string) Value {
	return Value{Kind: KindDynamic, Reason: reason}
}
