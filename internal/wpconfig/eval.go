package wpconfig

import (
	"strings"

	"github.com/VKCOM/php-parser/pkg/ast"
)

// value evaluates the expression n as far as it is certain.
func (w *walker) value(n ast.Vertex) Value {
	x, reason := w.build(n)
	var v Value
	switch {
	case x == nil:
		v = dynamic(reason)
		v.EnvVar, v.Fallback = w.envHint(n)
		v.env = w.envFormOf(n)
	default:
		if r, ok := fold(x, Env{}, nil, 0); ok {
			v = r
		} else {
			v = Value{Kind: KindDependent, expr: x}
		}
	}
	v.Raw = w.text(n)
	return v
}

// build turns n into an expr, or returns nil and why it is not static.
func (w *walker) build(n ast.Vertex) (expr, string) {
	switch n := n.(type) {
	case *ast.ExprBrackets:
		return w.build(n.Expr)
	case *ast.ScalarString:
		s, ok, err := decodeStringLiteral(w.text(n)) // the source, not the parse buffer
		if err != nil {
			w.damage(n, "string literal: "+err.Error())
			return nil, err.Error()
		}
		if !ok {
			return nil, "unrecognised string literal"
		}
		return litExpr{strValue(s)}, ""
	case *ast.ScalarLnumber:
		return w.number(n, n.Value)
	case *ast.ScalarDnumber:
		return w.number(n, n.Value)
	case *ast.ExprUnaryMinus:
		return w.negate(n.Expr, true)
	case *ast.ExprUnaryPlus:
		return w.negate(n.Expr, false)
	case *ast.ExprConstFetch:
		return w.constant(n)
	case *ast.ScalarMagicConstant:
		switch name := strings.ToUpper(string(n.Value)); name {
		case "__DIR__", "__FILE__":
			return magicExpr{name}, ""
		case "__LINE__":
			return litExpr{intValue(int64(n.Position.StartLine))}, ""
		default:
			return nil, "magic constant " + name
		}
	case *ast.ExprBinaryConcat:
		l, reason := w.build(n.Left)
		if l == nil {
			return nil, reason
		}
		r, reason := w.build(n.Right)
		if r == nil {
			return nil, reason
		}
		if isFloat(l) || isFloat(r) {
			return nil, "float to string conversion"
		}
		if lv, ok := fold(concatExpr{l, r}, Env{}, nil, 0); ok {
			return litExpr{lv}, ""
		}
		return concatExpr{l, r}, ""
	case *ast.ExprFunctionCall:
		return w.call(n)
	case *ast.ScalarEncapsed:
		return nil, "interpolated string"
	case *ast.ScalarHeredoc:
		return nil, "heredoc"
	case nil:
		return nil, "missing expression"
	}
	return nil, "expression " + strings.TrimPrefix(typeName(n), "Expr")
}

func (w *walker) number(n ast.Vertex, raw []byte) (expr, string) {
	v, err := parseNumber(string(raw))
	if err != nil {
		w.damage(n, err.Error())
		return nil, err.Error()
	}
	return litExpr{v}, ""
}

// negate handles unary minus and plus on numeric literals only.
func (w *walker) negate(n ast.Vertex, minus bool) (expr, string) {
	x, reason := w.build(n)
	lit, ok := x.(litExpr)
	if x == nil {
		return nil, reason
	}
	if !ok || (lit.v.Kind != KindInt && lit.v.Kind != KindFloat) {
		return nil, "unary operator on a non-number"
	}
	if !minus {
		return lit, ""
	}
	if lit.v.Kind == KindFloat {
		return litExpr{floatValue(-lit.v.Float)}, ""
	}
	return litExpr{intValue(-lit.v.Int)}, "" // -MinInt64 cannot occur: it lexes as a float
}

// constant handles true/false/null and references to other constants.
func (w *walker) constant(n *ast.ExprConstFetch) (expr, string) {
	name := strings.TrimPrefix(nameOf(n.Const), `\`)
	switch strings.ToLower(name) {
	case "true":
		return litExpr{boolValue(true)}, ""
	case "false":
		return litExpr{boolValue(false)}, ""
	case "null":
		return litExpr{Value{Kind: KindNull}}, ""
	case "":
		return nil, "constant with an unreadable name"
	}
	return constExpr{name}, ""
}

// call handles dirname(x) and dirname(x, levels); other calls are dynamic.
func (w *walker) call(n *ast.ExprFunctionCall) (expr, string) {
	fn := strings.ToLower(strings.TrimPrefix(nameOf(n.Function), `\`))
	if fn != "dirname" {
		if fn == "" {
			fn = "dynamic function"
		}
		return nil, "call to " + fn + "()"
	}
	args, ok := callArgs(n.Args, []string{"path", "levels"})
	if !ok || args["path"] == nil {
		return nil, "call to dirname() with unusual arguments"
	}
	arg, reason := w.build(args["path"].Expr)
	if arg == nil {
		return nil, reason
	}
	levels := 1
	if a := args["levels"]; a != nil {
		x, _ := w.build(a.Expr)
		lit, ok := x.(litExpr)
		if !ok || lit.v.Kind != KindInt || lit.v.Int < 1 || lit.v.Int > 64 {
			return nil, "call to dirname() with unusual levels"
		}
		levels = int(lit.v.Int)
	}
	d := dirnameExpr{arg, levels}
	if v, ok := fold(d, Env{}, nil, 0); ok {
		return litExpr{v}, ""
	}
	return d, ""
}

func isFloat(x expr) bool {
	lit, ok := x.(litExpr)
	return ok && lit.v.Kind == KindFloat
}
