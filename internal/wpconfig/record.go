package wpconfig

import (
	"strings"

	"github.com/VKCOM/php-parser/pkg/ast"
)

const tablePrefixVar = "$table_prefix"

// define records define()/Config::define() call n with arguments args.
func (w *walker) define(n ast.Vertex, args []ast.Vertex, form Form, c ctx) {
	params := []string{"constant_name", "value", "case_insensitive"}
	if form == FormConfigDefine {
		params = []string{"key", "value"}
	}
	m, ok := callArgs(args, params)
	if !ok || m[params[0]] == nil || m["value"] == nil {
		w.diag(n, "define() with arguments that cannot be read")
		return
	}
	nameExpr, valExpr := m[params[0]].Expr, m["value"].Expr
	d := Define{
		Value:     w.value(valExpr),
		Form:      form,
		Line:      line(n),
		ValueSpan: w.span(valExpr),
		StmtSpan:  w.span(c.stmt),
		Recovered: w.recovered,
	}
	if name := w.staticValue(nameExpr); name != nil && name.Kind == KindString {
		d.Name = name.Str
	} else {
		d.Name, d.DynamicName = w.text(nameExpr), true
	}
	d.Cond = c.condFor(d.Name)
	if c.stmt == nil {
		d.StmtSpan = w.span(n)
	}
	w.cfg.Defines = append(w.cfg.Defines, d)
}

// consts records `const A = 1, B = 2;`.
func (w *walker) consts(n *ast.StmtConstList, c ctx) {
	for _, k := range n.Consts {
		sc, ok := k.(*ast.StmtConstant)
		if !ok || sc == nil {
			continue
		}
		name := nameOf(sc.Name)
		if w.ns != "" {
			name = w.ns + `\` + name
		}
		w.cfg.Defines = append(w.cfg.Defines, Define{
			Name:      name,
			Value:     w.value(sc.Expr),
			Form:      FormConst,
			Cond:      c.condFor(name),
			Line:      line(sc),
			ValueSpan: w.span(sc.Expr),
			StmtSpan:  w.span(n),
			Recovered: w.recovered,
		})
		w.visit(sc.Expr, c)
	}
}

// assign records an assignment to $table_prefix; val is nil for compound
// assignments (.=), whose result is dynamic.
func (w *walker) assign(n, target, val ast.Vertex, c ctx) {
	if w.assignTarget(target) != tablePrefixVar {
		return
	}
	d := Define{
		Name:      tablePrefixVar,
		Form:      FormAssign,
		Cond:      c.condFor(tablePrefixVar),
		Line:      line(n),
		StmtSpan:  w.span(c.stmt),
		Recovered: w.recovered,
	}
	if val == nil {
		d.Value = dynamic("compound assignment")
		d.Value.Raw = w.text(n)
		d.ValueSpan = w.span(n)
	} else {
		d.Value, d.ValueSpan = w.value(val), w.span(val)
	}
	w.cfg.TablePrefixes = append(w.cfg.TablePrefixes, d)
}

// assignTarget names the variable an assignment sets: "$v" for $v and for
// $GLOBALS['v'] (the file runs in the global scope).
func (w *walker) assignTarget(n ast.Vertex) string {
	if v := varName(n); v != "" {
		return v
	}
	d, ok := unbracket(n).(*ast.ExprArrayDimFetch)
	if !ok || d == nil || varName(d.Var) != "$GLOBALS" {
		return ""
	}
	if k := w.staticString(d.Dim); k != "" {
		return "$" + k
	}
	return ""
}

func (w *walker) include(n ast.Vertex, kind string, path ast.Vertex, c ctx) {
	w.cfg.Includes = append(w.cfg.Includes, Include{
		Kind:     kind,
		Path:     w.value(path),
		Line:     line(n),
		StmtSpan: w.span(c.stmt),
		Cond:     c.condFor(""),
		Settings: w.endsWithSettings(path),
	})
	w.visit(path, c)
}

// endsWithSettings reports whether the last literal of a path expression
// names wp-settings.php.
func (w *walker) endsWithSettings(n ast.Vertex) bool {
	n = unbracket(n)
	if cat, ok := n.(*ast.ExprBinaryConcat); ok && cat != nil {
		return w.endsWithSettings(cat.Right)
	}
	s, ok := n.(*ast.ScalarString)
	if !ok || s == nil {
		return false
	}
	v, ok, err := decodeStringLiteral(w.text(s))
	return ok && err == nil && (v == "wp-settings.php" || strings.HasSuffix(v, "/wp-settings.php"))
}

func (w *walker) diag(n ast.Vertex, msg string) {
	w.cfg.Diagnostics = append(w.cfg.Diagnostics, Diagnostic{Line: line(n), Msg: msg})
}

// damage records a construct PHP refuses to compile.
func (w *walker) damage(n ast.Vertex, msg string) {
	w.cfg.Damaged = true
	w.diag(n, msg)
}

// span returns n's byte range, clamped to the source.
func (w *walker) span(n ast.Vertex) Span {
	if isNil(n) || n.GetPosition() == nil {
		return Span{}
	}
	p := n.GetPosition()
	s := Span{Start: min(max(p.StartPos, 0), len(w.src)), End: min(max(p.EndPos, 0), len(w.src))}
	if s.End < s.Start {
		s.End = s.Start
	}
	return s
}

// text returns n's source text.
func (w *walker) text(n ast.Vertex) string {
	s := w.span(n)
	return string(w.src[s.Start:s.End])
}

func line(n ast.Vertex) int {
	if isNil(n) || n.GetPosition() == nil {
		return 0
	}
	return n.GetPosition().StartLine
}
