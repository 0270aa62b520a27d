package wpconfig

import (
	"reflect"
	"strings"

	"github.com/VKCOM/php-parser/pkg/ast"
	"github.com/VKCOM/php-parser/pkg/token"
)

var (
	vertexType      = reflect.TypeOf((*ast.Vertex)(nil)).Elem()
	vertexSliceType = reflect.TypeOf([]ast.Vertex(nil))
	tokenType       = reflect.TypeOf((*token.Token)(nil))
	tokenSliceType  = reflect.TypeOf([]*token.Token(nil))
)

// structOf returns the struct a node points to, or an invalid value for nil.
func structOf(n ast.Vertex) reflect.Value {
	v := reflect.ValueOf(n)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return reflect.Value{}
	}
	return v.Elem()
}

// isNil reports whether n is nil or a typed nil pointer.
func isNil(n ast.Vertex) bool { return !structOf(n).IsValid() }

// children calls fn for every non-nil child node of n, in field order
// (which is source order for every node type of the parser).
func children(n ast.Vertex, fn func(ast.Vertex)) {
	v := structOf(n)
	if !v.IsValid() {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Type() {
		case vertexType:
			if c, ok := f.Interface().(ast.Vertex); ok && !isNil(c) {
				fn(c)
			}
		case vertexSliceType:
			for j := 0; j < f.Len(); j++ {
				if c, ok := f.Index(j).Interface().(ast.Vertex); ok && !isNil(c) {
					fn(c)
				}
			}
		}
	}
}

// tokens calls fn for every token held by n and its descendants, including
// free-floating ones (comments, whitespace).
func tokens(n ast.Vertex, fn func(*token.Token)) {
	var visitTok func(t *token.Token)
	visitTok = func(t *token.Token) {
		if t == nil {
			return
		}
		for _, ff := range t.FreeFloating {
			visitTok(ff)
		}
		fn(t)
	}
	v := structOf(n)
	if !v.IsValid() {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Type() {
		case tokenType:
			visitTok(f.Interface().(*token.Token))
		case tokenSliceType:
			for _, t := range f.Interface().([]*token.Token) {
				visitTok(t)
			}
		}
	}
	children(n, func(c ast.Vertex) { tokens(c, fn) })
}

// typeName is the node's Go type name without package, e.g. "ExprVariable".
func typeName(n ast.Vertex) string {
	t := reflect.TypeOf(n)
	if t == nil {
		return "nil"
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}

// nameOf returns the text of a Name, NameFullyQualified ("\x"),
// NameRelative or Identifier node, or "" for anything else.
func nameOf(n ast.Vertex) string {
	var parts []ast.Vertex
	prefix := ""
	switch n := n.(type) {
	case *ast.Name:
		parts = n.Parts
	case *ast.NameFullyQualified:
		parts, prefix = n.Parts, `\`
	case *ast.NameRelative:
		parts, prefix = n.Parts, `namespace\`
	case *ast.Identifier:
		return string(n.Value)
	default:
		return ""
	}
	var b strings.Builder
	b.WriteString(prefix)
	for i, p := range parts {
		np, ok := p.(*ast.NamePart)
		if !ok {
			return ""
		}
		if i > 0 {
			b.WriteByte('\\')
		}
		b.Write(np.Value)
	}
	return b.String()
}

// callArgs maps a call's arguments to the parameter names params, positional
// first, then named (PHP 8). ok is false for spread arguments, unknown or
// repeated names, or too many arguments.
func callArgs(args []ast.Vertex, params []string) (map[string]*ast.Argument, bool) {
	out := make(map[string]*ast.Argument, len(args))
	for i, a := range args {
		arg, good := a.(*ast.Argument)
		if !good || arg.VariadicTkn != nil || isNil(arg.Expr) {
			return nil, false
		}
		name := ""
		if !isNil(arg.Name) {
			name = nameOf(arg.Name)
		} else if i < len(params) {
			name = params[i]
		}
		known := false
		for _, p := range params {
			known = known || p == name
		}
		if !known || out[name] != nil {
			return nil, false
		}
		out[name] = arg
	}
	return out, true
}

// unbracket strips parentheses around an expression.
func unbracket(n ast.Vertex) ast.Vertex {
	for {
		b, ok := n.(*ast.ExprBrackets)
		if !ok || b == nil || isNil(b.Expr) {
			return n
		}
		n = b.Expr
	}
}
