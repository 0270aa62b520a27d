package phpconf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

const eAll = 32767 // E_ALL in PHP 8

var errorConstants = map[string]int{
	"E_ERROR": 1, "E_WARNING": 2, "E_PARSE": 4, "E_NOTICE": 8,
	"E_CORE_ERROR": 16, "E_CORE_WARNING": 32, "E_COMPILE_ERROR": 64,
	"E_COMPILE_WARNING": 128, "E_USER_ERROR": 256, "E_USER_WARNING": 512,
	"E_USER_NOTICE": 1024, "E_STRICT": 2048, "E_RECOVERABLE_ERROR": 4096,
	"E_DEPRECATED": 8192, "E_USER_DEPRECATED": 16384, "E_ALL": eAll,
}

// EvalErrorReporting evaluates an error_reporting expression as PHP's ini
// parser does: integers and E_* constants combined with | & ^ (same
// precedence, left to right), unary ~ and !, and parentheses.
func EvalErrorReporting(s string) (int, error) {
	p := &errExpr{s: s}
	v, err := p.binary(0)
	if err == nil {
		p.space()
		if p.i < len(p.s) {
			err = fmt.Errorf("unexpected %q", p.s[p.i:])
		}
	}
	if err != nil {
		return 0, fmt.Errorf("evaluate error_reporting %q: %w: %w", s, conf.ErrSyntax, err)
	}
	return v, nil
}

type errExpr struct {
	s string
	i int
}

func (p *errExpr) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *errExpr) binary(depth int) (int, error) {
	v, err := p.unary(depth)
	if err != nil {
		return 0, err
	}
	for {
		p.space()
		if p.i >= len(p.s) {
			return v, nil
		}
		op := p.s[p.i]
		if op != '|' && op != '&' && op != '^' {
			return v, nil
		}
		p.i++
		r, err := p.unary(depth)
		if err != nil {
			return 0, err
		}
		switch op {
		case '|':
			v |= r
		case '&':
			v &= r
		case '^':
			v ^= r
		}
	}
}

func (p *errExpr) unary(depth int) (int, error) {
	if depth > 32 {
		return 0, fmt.Errorf("nested too deep")
	}
	p.space()
	if p.i >= len(p.s) {
		return 0, fmt.Errorf("missing operand")
	}
	switch c := p.s[p.i]; {
	case c == '~':
		p.i++
		v, err := p.unary(depth + 1)
		return ^v, err
	case c == '!':
		p.i++
		v, err := p.unary(depth + 1)
		if v == 0 {
			return 1, err
		}
		return 0, err
	case c == '(':
		p.i++
		v, err := p.binary(depth + 1)
		if err != nil {
			return 0, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ')' {
			return 0, fmt.Errorf("missing ')'")
		}
		p.i++
		return v, nil
	case c == '-' || c >= '0' && c <= '9':
		j := p.i + 1
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(p.s[p.i:j])
		p.i = j
		return n, err
	default:
		j := p.i
		for j < len(p.s) && (p.s[j] == '_' || p.s[j] >= 'A' && p.s[j] <= 'Z' || p.s[j] >= 'a' && p.s[j] <= 'z' || p.s[j] >= '0' && p.s[j] <= '9') {
			j++
		}
		name := strings.ToUpper(p.s[p.i:j])
		v, ok := errorConstants[name]
		if !ok {
			return 0, fmt.Errorf("unknown constant %q", p.s[p.i:j])
		}
		p.i = j
		return v, nil
	}
}
