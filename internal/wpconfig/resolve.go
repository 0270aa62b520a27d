package wpconfig

import "strings"

// expr is the evaluable form of a KindDependent value.
type expr interface{ isExpr() }

type (
	litExpr     struct{ v Value }
	constExpr   struct{ name string }
	magicExpr   struct{ name string } // __DIR__ or __FILE__
	dirnameExpr struct {
		arg    expr
		levels int
	}
	concatExpr struct{ l, r expr }
)

func (litExpr) isExpr()     {}
func (constExpr) isExpr()   {}
func (magicExpr) isExpr()   {}
func (dirnameExpr) isExpr() {}
func (concatExpr) isExpr()  {}

// Env is what a dependent value needs to become static.
type Env struct {
	// File is the absolute path of the wp-config.php that was parsed, as PHP
	// sees it (symlinks resolved): it gives __FILE__ and __DIR__. Empty
	// leaves them unresolved.
	File string
	// Constants are constants defined before the file runs, such as
	// ABSPATH, which wp-load.php defines before it loads wp-config.php.
	Constants map[string]Value
}

// lookupFunc finds the value of a constant; depth guards against cycles.
type lookupFunc func(name string, depth int) (Value, bool)

// Resolve evaluates a KindDependent value using env. Static values are
// returned as they are; dynamic values, and dependent ones that need
// something env does not have, return ok false.
func (v Value) Resolve(env Env) (Value, bool) {
	return v.resolve(env, func(name string, _ int) (Value, bool) {
		c, ok := env.Constants[name]
		return c, ok && c.Static()
	}, 0)
}

// Resolve returns the value of constant name as it would be when the file
// runs in env: a constant in env.Constants wins (PHP keeps the first
// definition), otherwise the file's effective definition is resolved, with
// references to other constants looked up the same way.
func (c *Config) Resolve(name string, env Env) (Value, bool) {
	var lookup lookupFunc
	lookup = func(n string, depth int) (Value, bool) {
		if v, ok := env.Constants[n]; ok {
			return v, v.Static()
		}
		d, ok := c.Lookup(n)
		if !ok || depth > 16 {
			return Value{}, false
		}
		return d.Value.resolve(env, lookup, depth+1)
	}
	return lookup(name, 0)
}

func (v Value) resolve(env Env, lookup lookupFunc, depth int) (Value, bool) {
	if v.Static() {
		return v, true
	}
	if v.Kind != KindDependent || v.expr == nil {
		return Value{}, false
	}
	r, ok := fold(v.expr, env, lookup, depth)
	if !ok {
		return Value{}, false
	}
	r.Raw = v.Raw
	return r, true
}

// fold evaluates x; ok is false when a constant or magic constant is unknown
// or a conversion is not reproduced exactly.
func fold(x expr, env Env, lookup lookupFunc, depth int) (Value, bool) {
	switch x := x.(type) {
	case litExpr:
		return x.v, true
	case constExpr:
		if lookup == nil {
			return Value{}, false
		}
		return lookup(x.name, depth)
	case magicExpr:
		if env.File == "" {
			return Value{}, false
		}
		if x.name == "__FILE__" {
			return strValue(env.File), true
		}
		return strValue(phpDirname(env.File)), true
	case dirnameExpr:
		a, ok := fold(x.arg, env, lookup, depth)
		s, isText := a.Text()
		if !ok || !isText {
			return Value{}, false
		}
		for i := 0; i < x.levels; i++ {
			s = phpDirname(s)
		}
		return strValue(s), true
	case concatExpr:
		l, okL := fold(x.l, env, lookup, depth)
		r, okR := fold(x.r, env, lookup, depth)
		ls, okLs := l.Text()
		rs, okRs := r.Text()
		if !okL || !okR || !okLs || !okRs {
			return Value{}, false
		}
		return strValue(ls + rs), true
	}
	return Value{}, false
}

// phpDirname is PHP's dirname() for Unix paths: trailing slashes are
// ignored, "/a" gives "/", "a" gives ".".
func phpDirname(p string) string {
	if p == "" {
		return ""
	}
	t := strings.TrimRight(p, "/")
	if t == "" {
		return "/"
	}
	i := strings.LastIndexByte(t, '/')
	if i < 0 {
		return "."
	}
	t = strings.TrimRight(t[:i], "/")
	if t == "" {
		return "/"
	}
	return t
}
