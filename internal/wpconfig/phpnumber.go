package wpconfig

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// errBadNumber is a numeric literal PHP rejects at compile time (08).
var errBadNumber = errors.New("invalid numeric literal")

// parseNumber evaluates a PHP integer or float literal token the way PHP 8.1
// does: 0x, 0b, 0o and leading-0 octal prefixes, _ separators, and integers
// too large for int64 becoming floats.
func parseNumber(raw string) (Value, error) {
	s := strings.ReplaceAll(raw, "_", "")
	if s == "" {
		return Value{}, errBadNumber
	}
	base, digits := 10, s
	if len(s) > 1 && s[0] == '0' {
		switch s[1] {
		case 'x', 'X':
			base, digits = 16, s[2:]
		case 'b', 'B':
			base, digits = 2, s[2:]
		case 'o', 'O':
			base, digits = 8, s[2:]
		default:
			if !strings.ContainsAny(s, ".eE") {
				base, digits = 8, s[1:]
			}
		}
	}
	if base == 10 && strings.ContainsAny(s, ".eE") {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return Value{}, errBadNumber
		}
		return floatValue(f), nil
	}
	if digits == "" {
		return Value{}, errBadNumber
	}
	u, err := strconv.ParseUint(digits, base, 64)
	switch {
	case err == nil && u <= math.MaxInt64:
		return intValue(int64(u)), nil
	case err == nil || errors.Is(err, strconv.ErrRange):
		return floatValue(accumulate(digits, base)), nil
	}
	return Value{}, errBadNumber
}

// accumulate computes an overflowing integer literal exactly as PHP does:
// decimal via a correctly rounded strtod; the other bases digit by digit in
// float64 arithmetic, where PHP's binary and octal loops compute
// value*base + c - '0' with the digit's character code, rounding twice.
func accumulate(digits string, base int) float64 {
	if base == 10 {
		f, _ := strconv.ParseFloat(digits, 64)
		return f
	}
	var f float64
	for i := 0; i < len(digits); i++ {
		if base == 16 {
			f = f*16 + float64(hexVal(digits[i]))
			continue
		}
		f = f*float64(base) + float64(digits[i])
		f -= '0'
	}
	return f
}
