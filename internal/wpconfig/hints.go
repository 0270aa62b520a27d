package wpconfig

import (
	"strings"

	"github.com/VKCOM/php-parser/pkg/ast"
)

// envHint recognises run-time values read from the environment and their
// static fallbacks. Both results are hints for humans; the value stays
// dynamic.
func (w *walker) envHint(n ast.Vertex) (name string, fallback *Value) {
	switch n := unbracket(n).(type) {
	case *ast.ExprFunctionCall:
		fn := strings.ToLower(strings.TrimPrefix(nameOf(n.Function), `\`))
		switch fn {
		case "getenv", "env", "getenv_docker":
		default:
			return "", nil
		}
		args, ok := callArgs(n.Args, []string{"0", "1"})
		if !ok || args["0"] == nil {
			return "", nil
		}
		name = w.staticString(args["0"].Expr)
		if d := args["1"]; d != nil && fn != "getenv" && name != "" {
			fallback = w.staticValue(d.Expr)
		}
		return name, fallback
	case *ast.ExprArrayDimFetch:
		v, ok := n.Var.(*ast.ExprVariable)
		if !ok || v == nil {
			return "", nil
		}
		switch nameOf(v.Name) {
		case "$_ENV", "$_SERVER":
			return w.staticString(n.Dim), nil
		}
	case *ast.ExprTernary:
		if isNil(n.IfTrue) { // a ?: b
			name, _ = w.envHint(n.Cond)
			return name, w.staticValue(n.IfFalse)
		}
	case *ast.ExprBinaryCoalesce:
		name, _ = w.envHint(n.Left)
		return name, w.staticValue(n.Right)
	}
	return "", nil
}

// staticValue evaluates n when it is static, else returns nil. It records no
// diagnostics.
func (w *walker) staticValue(n ast.Vertex) *Value {
	if isNil(n) {
		return nil
	}
	quiet := *w
	quiet.cfg = &Config{}
	v := quiet.value(n)
	if !v.Static() {
		return nil
	}
	return &v
}

// staticString returns n's value when it is a static string, else "".
func (w *walker) staticString(n ast.Vertex) string {
	if v := w.staticValue(n); v != nil && v.Kind == KindString {
		return v.Str
	}
	return ""
}

// definedSubject returns X when n is defined('X') (negated false) or a
// negation of it (negated true): !defined('X'), defined('X') === false,
// false == defined('X'). For variables it recognises !isset($v) and
// empty($v) as negated tests, returning "$v".
func (w *walker) definedSubject(n ast.Vertex, negated bool) string {
	n = unbracket(n)
	if negated {
		switch n := n.(type) {
		case *ast.ExprBooleanNot:
			if s := w.definedSubject(n.Expr, false); s != "" {
				return s
			}
			if is, ok := unbracket(n.Expr).(*ast.ExprIsset); ok && is != nil && len(is.Vars) == 1 {
				return varName(is.Vars[0])
			}
		case *ast.ExprEmpty:
			if n != nil {
				return varName(n.Expr)
			}
		case *ast.ExprBinaryIdentical:
			return w.comparedToFalse(n.Left, n.Right)
		case *ast.ExprBinaryEqual:
			return w.comparedToFalse(n.Left, n.Right)
		}
		return ""
	}
	call, ok := n.(*ast.ExprFunctionCall)
	if !ok || call == nil || strings.ToLower(strings.TrimPrefix(nameOf(call.Function), `\`)) != "defined" {
		return ""
	}
	args, ok := callArgs(call.Args, []string{"constant_name"})
	if !ok || args["constant_name"] == nil {
		return ""
	}
	return w.staticString(args["constant_name"].Expr)
}

func (w *walker) comparedToFalse(l, r ast.Vertex) string {
	if v := w.staticValue(r); v != nil && v.Kind == KindBool && !v.Bool {
		return w.definedSubject(l, false)
	}
	if v := w.staticValue(l); v != nil && v.Kind == KindBool && !v.Bool {
		return w.definedSubject(r, false)
	}
	return ""
}

// varName returns "$name" for a simple variable node, else "".
func varName(n ast.Vertex) string {
	v, ok := unbracket(n).(*ast.ExprVariable)
	if !ok || v == nil {
		return ""
	}
	return nameOf(v.Name)
}
