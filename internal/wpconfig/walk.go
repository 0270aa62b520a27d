package wpconfig

import (
	"strings"

	"github.com/VKCOM/php-parser/pkg/ast"
)

// walker turns parsed statements into definitions, in source order.
type walker struct {
	src       []byte
	cfg       *Config
	recovered bool   // statements come from damage recovery
	ns        string // current namespace, for const names
}

// ctx is what encloses the node being visited.
type ctx struct {
	cond  Cond
	guard string     // with IfUndefined: the constant or "$var" tested
	stmt  ast.Vertex // innermost statement
}

// condFor is the condition of a definition of subject inside c.
func (c ctx) condFor(subject string) Cond {
	if c.cond == IfUndefined && c.guard != subject {
		return Maybe
	}
	return c.cond
}

// guarded enters a branch that runs only when subject is undefined.
func (c ctx) guarded(subject string) ctx {
	switch {
	case subject == "":
		return c.maybe()
	case c.cond == Always, c.cond == IfUndefined && c.guard == subject:
		c.cond, c.guard = IfUndefined, subject
		return c
	}
	return c.maybe()
}

// maybe enters a branch that runs under an undecided condition.
func (c ctx) maybe() ctx {
	if c.cond != InFunction {
		c.cond, c.guard = Maybe, ""
	}
	return c
}

func (w *walker) stmts(list []ast.Vertex) {
	for _, s := range list {
		w.visit(s, ctx{cond: Always})
	}
}

func (w *walker) visit(n ast.Vertex, c ctx) {
	if isNil(n) {
		return
	}
	if strings.HasPrefix(typeName(n), "Stmt") {
		c.stmt = n
	}
	switch n := n.(type) {
	case *ast.StmtIf:
		w.visit(n.Cond, c)
		w.visit(n.Stmt, c.guarded(w.definedSubject(n.Cond, true)))
		for _, e := range n.ElseIf {
			w.visit(e, c.maybe())
		}
		w.visit(n.Else, c.maybe())
	case *ast.ExprBinaryBooleanOr:
		w.shortCircuit(n.Left, n.Right, false, c)
	case *ast.ExprBinaryLogicalOr:
		w.shortCircuit(n.Left, n.Right, false, c)
	case *ast.ExprBinaryBooleanAnd:
		w.shortCircuit(n.Left, n.Right, true, c)
	case *ast.ExprBinaryLogicalAnd:
		w.shortCircuit(n.Left, n.Right, true, c)
	case *ast.ExprBinaryCoalesce:
		w.visit(n.Left, c)
		w.visit(n.Right, c.maybe())
	case *ast.ExprTernary:
		w.visit(n.Cond, c)
		w.visit(n.IfTrue, c.maybe())
		w.visit(n.IfFalse, c.maybe())
	case *ast.StmtWhile, *ast.StmtDo, *ast.StmtFor, *ast.StmtForeach, *ast.StmtSwitch,
		*ast.StmtTry, *ast.ExprMatch:
		children(n, func(ch ast.Vertex) { w.visit(ch, c.maybe()) })
	case *ast.StmtFunction, *ast.StmtClass, *ast.StmtInterface, *ast.StmtTrait, *ast.StmtEnum,
		*ast.ExprClosure, *ast.ExprArrowFunction:
		in := ctx{cond: InFunction, stmt: c.stmt}
		children(n, func(ch ast.Vertex) { w.visit(ch, in) })
	case *ast.StmtNamespace:
		w.namespace(n, c)
	case *ast.StmtConstList:
		w.consts(n, c)
	case *ast.ExprFunctionCall:
		if isFunc(n.Function, "define") {
			w.define(n, n.Args, FormDefine, c)
		}
		children(n, func(ch ast.Vertex) { w.visit(ch, c) })
	case *ast.ExprStaticCall:
		if isConfigDefine(n) {
			w.define(n, n.Args, FormConfigDefine, c)
		}
		children(n, func(ch ast.Vertex) { w.visit(ch, c) })
	case *ast.ExprAssign:
		w.assign(n, n.Var, n.Expr, c)
		w.visit(n.Expr, c)
	case *ast.ExprAssignConcat:
		w.assign(n, n.Var, nil, c)
		w.visit(n.Expr, c)
	case *ast.ExprInclude:
		w.include(n, "include", n.Expr, c)
	case *ast.ExprIncludeOnce:
		w.include(n, "include_once", n.Expr, c)
	case *ast.ExprRequire:
		w.include(n, "require", n.Expr, c)
	case *ast.ExprRequireOnce:
		w.include(n, "require_once", n.Expr, c)
	default:
		children(n, func(ch ast.Vertex) { w.visit(ch, c) })
	}
}

// shortCircuit visits `l || r` (and false) or `l && r` (and true): r runs
// only when l allows it.
func (w *walker) shortCircuit(l, r ast.Vertex, and bool, c ctx) {
	w.visit(l, c)
	w.visit(r, c.guarded(w.definedSubject(l, and)))
}

func (w *walker) namespace(n *ast.StmtNamespace, c ctx) {
	name := nameOf(n.Name)
	if n.OpenCurlyBracketTkn == nil {
		w.ns = name // `namespace X;` applies to what follows
		return
	}
	outer := w.ns
	w.ns = name
	for _, s := range n.Stmts {
		w.visit(s, c)
	}
	w.ns = outer
}

func isFunc(n ast.Vertex, name string) bool {
	return strings.EqualFold(strings.TrimPrefix(nameOf(n), `\`), name)
}

// isConfigDefine recognises Bedrock's Config::define (any class named Config).
func isConfigDefine(n *ast.ExprStaticCall) bool {
	class := nameOf(n.Class)
	if i := strings.LastIndexByte(class, '\\'); i >= 0 {
		class = class[i+1:]
	}
	return strings.EqualFold(class, "Config") && strings.EqualFold(nameOf(n.Call), "define")
}
