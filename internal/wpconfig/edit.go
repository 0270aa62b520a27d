package wpconfig

import (
	"errors"
	"fmt"
	"strings"
)

// ErrCannotEdit means SetConstant(s) refused because the outcome would not
// be certain; the error text says why. The input is never changed.
var ErrCannotEdit = errors.New("cannot edit wp-config safely")

// Setting is one constant for SetConstants.
type Setting struct {
	Name  string
	Value Literal
}

// SetConstant returns src with constant name set to value:
//   - defined once, unconditionally (Always), by define() or const, with a
//     static or dependent value: only the bytes of the value expression are
//     replaced (in the spelling of the old value where it applies, see
//     Literal);
//   - not defined: `define( 'NAME', value );` and the line ending of that
//     line are inserted on a line of their own just before the line holding
//     the "That's all, stop editing!" comment, or failing that before the
//     require of wp-settings.php.
//
// Every other byte stays identical. It refuses with ErrCannotEdit when src
// does not parse cleanly, the constant is defined more than once, under a
// condition, inside a function, via Config::define, with a dynamic value or
// name, when defines with computed names exist, when there is nowhere to
// insert, when a file other than wp-settings.php is included before the
// insertion point (it may define the constant), or when the result, parsed
// again, does not give the new value with all other definitions unchanged.
//
// Setting a constant back to its old value after a change restores the
// original bytes when the old value was written in the default spelling
// (decimal integers, lower-case true/false, single quotes with minimal
// escapes), or when the change kept its kind and the old value was written
// canonically in its own style (TRUE/True, double quotes).
func SetConstant(src []byte, name string, value Literal) ([]byte, error) {
	return SetConstants(src, []Setting{{Name: name, Value: value}})
}

// SetConstants applies several settings in order, atomically: either all
// succeed (under the rules of SetConstant) and the result is returned, or
// src is left as it is and the first refusal is returned. Constants that
// are inserted appear in the order given.
func SetConstants(src []byte, settings []Setting) ([]byte, error) {
	orig, err := Parse(src)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCannotEdit, err)
	}
	if orig.Damaged {
		return nil, refuse("the file has syntax errors (%s)", firstDiag(orig))
	}
	seen := map[string]bool{}
	for _, s := range settings {
		switch {
		case !validName(s.Name):
			return nil, refuse("%q is not a valid constant name", s.Name)
		case !s.Value.valid():
			return nil, refuse("no value given for %s", s.Name)
		case seen[s.Name]:
			return nil, refuse("%s is given twice", s.Name)
		}
		seen[s.Name] = true
	}
	out, cfg := src, orig
	for _, s := range settings {
		if out, err = setOne(out, cfg, s); err != nil {
			return nil, err
		}
		if cfg, err = Parse(out); err != nil {
			return nil, refuse("the result does not parse: %v", err)
		}
	}
	if err := verify(orig, cfg, settings); err != nil {
		return nil, err
	}
	return out, nil
}

// setOne applies one setting to src (whose parse is cfg) and verifies it.
func setOne(src []byte, cfg *Config, s Setting) ([]byte, error) {
	for _, d := range cfg.Defines {
		if d.DynamicName {
			return nil, refuse("line %d defines a constant whose name is computed at run time", d.Line)
		}
	}
	defs := cfg.Definitions(s.Name)
	switch len(defs) {
	case 0:
		return insert(src, cfg, s)
	case 1:
	default:
		lines := make([]string, len(defs))
		for i, d := range defs {
			lines[i] = fmt.Sprint(d.Line)
		}
		return nil, refuse("%s is defined %d times (lines %s)", s.Name, len(defs), strings.Join(lines, ", "))
	}
	d := defs[0]
	switch {
	case d.Form == FormConfigDefine:
		return nil, refuse("%s is staged with Config::define on line %d (Bedrock)", s.Name, d.Line)
	case d.Cond != Always:
		return nil, refuse("%s is defined on line %d only %s", s.Name, d.Line, condPhrase(d.Cond))
	case d.Value.Kind == KindDynamic:
		return nil, refuse("%s has a value computed at run time on line %d", s.Name, d.Line)
	}
	out := splice(src, d.ValueSpan.Start, d.ValueSpan.End, s.Value.render(d.Value))
	if err := verifyOne(cfg, out, s, -1); err != nil {
		return nil, err
	}
	return out, nil
}

func condPhrase(c Cond) string {
	switch c {
	case IfUndefined:
		return "if it is not defined yet"
	case InFunction:
		return "inside a function"
	}
	return "under a condition"
}

// splice returns a new slice: src[:a] + s + src[b:].
func splice(src []byte, a, b int, s string) []byte {
	out := make([]byte, 0, len(src)-(b-a)+len(s))
	out = append(out, src[:a]...)
	out = append(out, s...)
	return append(out, src[b:]...)
}

func refuse(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrCannotEdit, fmt.Sprintf(format, args...))
}

func firstDiag(cfg *Config) string {
	if len(cfg.Diagnostics) == 0 {
		return "unknown"
	}
	return cfg.Diagnostics[0].String()
}

// validName accepts plain PHP identifiers.
func validName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}
