package wpconfig

import (
	"fmt"
	"strings"

	"github.com/VKCOM/php-parser/pkg/ast"
)

// RuntimeEnv is the environment a PHP-FPM worker runs wp-config.php in,
// for the values that read it (Value.Assume). With PHP-FPM's default
// clear_env = yes a worker's environment holds only the pool's env[NAME]
// settings, so the zero RuntimeEnv is "nothing set": getenv() returns
// false, $_ENV and $_SERVER have no such key.
type RuntimeEnv struct {
	// Vars are the variables the pool passes (env[NAME] = value).
	Vars map[string]string
	// EnvArray: $_ENV is filled (variables_order holds "E"; the
	// production php.ini's "GPCS" leaves it empty).
	EnvArray bool
	// Source says where Vars come from, for the explanation.
	Source string
	// Inherit: the pool keeps its master's environment (clear_env = no),
	// which nobody outside the process can read: a variable not in Vars
	// may still be set, so its read is not known.
	Inherit bool
}

// EnvName is the variable a value reads from the environment (see
// envForm), or "" for any other value.
func (v Value) EnvName() string {
	if v.env == nil {
		return ""
	}
	return v.env.read.name
}

func (e RuntimeEnv) source() string {
	if e.Source != "" {
		return e.Source
	}
	return "PHP-FPM clears the environment (clear_env = yes, the default)"
}

// envRead is a run-time read of a variable: getenv('X'), $_ENV['X'],
// $_SERVER['X'], or the Docker image's getenv_docker('X', default).
type envRead struct {
	from string // "getenv", "$_ENV", "$_SERVER", "getenv_docker"
	name string
	def  *Value // getenv_docker's default
}

func (r envRead) String() string {
	if r.from == "getenv" || r.from == "getenv_docker" {
		return r.from + "('" + r.name + "')"
	}
	return r.from + "['" + r.name + "']"
}

// read evaluates the read: the value and whether the variable was set.
// ok is false when the outcome is not known statically.
func (r envRead) read(e RuntimeEnv) (v Value, set, ok bool) {
	s, found := e.Vars[r.name]
	if !found && e.Inherit {
		return Value{}, false, false
	}
	switch r.from {
	case "getenv":
		if found {
			return strValue(s), true, true
		}
		return boolValue(false), false, true
	case "$_ENV":
		if found && e.EnvArray {
			return strValue(s), true, true
		}
		return Value{Kind: KindNull}, false, true
	case "$_SERVER":
		if found {
			return strValue(s), true, true
		}
		return Value{Kind: KindNull}, false, true
	case "getenv_docker":
		if _, file := e.Vars[r.name+"_FILE"]; file {
			return Value{}, false, false // the value is in a file
		}
		if found {
			return strValue(s), true, true
		}
		if r.def == nil {
			return Value{}, false, false
		}
		return *r.def, false, true
	}
	return Value{}, false, false
}

// envForm is a value that reads the environment with a static fallback:
//
//	getenv('X')                              op ""
//	getenv('X') ?: 'fb'                      op "?:"
//	getenv('X') ?? 'fb', $_ENV['X'] ?? 'fb'  op "??"
//	isset($_ENV['X']) ? $_ENV['X'] : 'fb'    op "isset"
//	!empty($_SERVER['X']) ? … : 'fb'         op "?:"
//	getenv('X') !== false ? getenv('X') : 'fb'  op "isset"
type envForm struct {
	read envRead
	op   string
	fb   *Value
}

// envFormOf recognises the forms above; nil otherwise.
func (w *walker) envFormOf(n ast.Vertex) *envForm {
	n = unbracket(n)
	if r, ok := w.envReadOf(n); ok {
		return &envForm{read: r}
	}
	switch n := n.(type) {
	case *ast.ExprBinaryCoalesce:
		r, ok := w.envReadOf(n.Left)
		if fb := w.staticValue(n.Right); ok && fb != nil {
			return &envForm{read: r, op: "??", fb: fb}
		}
	case *ast.ExprTernary:
		fb := w.staticValue(n.IfFalse)
		if fb == nil {
			return nil
		}
		if isNil(n.IfTrue) { // a ?: fb
			if r, ok := w.envReadOf(n.Cond); ok {
				return &envForm{read: r, op: "?:", fb: fb}
			}
			return nil
		}
		then, ok := w.envReadOf(n.IfTrue)
		if !ok {
			return nil
		}
		if r, op, ok := w.envTest(n.Cond); ok && r == then {
			return &envForm{read: r, op: op, fb: fb}
		}
	}
	return nil
}

// envTest recognises the condition of `COND ? read : fb`: the read itself
// (truthiness), isset(read), !empty(read), read !== false.
func (w *walker) envTest(n ast.Vertex) (envRead, string, bool) {
	n = unbracket(n)
	if r, ok := w.envReadOf(n); ok {
		return r, "?:", true
	}
	switch n := n.(type) {
	case *ast.ExprIsset:
		if len(n.Vars) == 1 {
			if r, ok := w.envReadOf(n.Vars[0]); ok && r.from != "getenv" && r.from != "getenv_docker" {
				return r, "isset", true
			}
		}
	case *ast.ExprBooleanNot:
		if e, ok := unbracket(n.Expr).(*ast.ExprEmpty); ok && e != nil {
			if r, ok := w.envReadOf(e.Expr); ok {
				return r, "?:", true
			}
		}
	case *ast.ExprBinaryNotIdentical:
		for _, p := range [][2]ast.Vertex{{n.Left, n.Right}, {n.Right, n.Left}} {
			r, ok := w.envReadOf(p[0])
			if v := w.staticValue(p[1]); ok && r.from == "getenv" && v != nil && v.Kind == KindBool && !v.Bool {
				return r, "isset", true
			}
		}
	}
	return envRead{}, "", false
}

// envReadOf recognises a single read with a static variable name.
func (w *walker) envReadOf(n ast.Vertex) (envRead, bool) {
	switch n := unbracket(n).(type) {
	case *ast.ExprFunctionCall:
		fn := strings.ToLower(strings.TrimPrefix(nameOf(n.Function), `\`))
		if fn != "getenv" && fn != "getenv_docker" {
			return envRead{}, false
		}
		params := []string{"name", "local_only"}
		if fn == "getenv_docker" {
			params = []string{"env", "default"}
		}
		args, ok := callArgs(n.Args, params)
		if !ok || args[params[0]] == nil {
			return envRead{}, false
		}
		if fn == "getenv" && args["local_only"] != nil {
			return envRead{}, false
		}
		name := w.staticString(args[params[0]].Expr)
		if name == "" {
			return envRead{}, false
		}
		r := envRead{from: fn, name: name}
		if fn == "getenv_docker" {
			if args["default"] == nil {
				return envRead{}, false
			}
			if r.def = w.staticValue(args["default"].Expr); r.def == nil {
				return envRead{}, false
			}
		}
		return r, true
	case *ast.ExprArrayDimFetch:
		if n == nil {
			return envRead{}, false
		}
		switch from := varName(n.Var); from {
		case "$_ENV", "$_SERVER":
			if name := w.staticString(n.Dim); name != "" {
				return envRead{from: from, name: name}, true
			}
		}
	}
	return envRead{}, false
}

// Assume evaluates a value that reads the environment (see envForm) the
// way a PHP-FPM worker running in e would, and explains which branch was
// taken and why. ok is false for any other dynamic value, or when the
// outcome depends on more than e says (getenv_docker's X_FILE).
func (v Value) Assume(e RuntimeEnv) (out Value, why string, ok bool) {
	f := v.env
	if f == nil {
		return Value{}, "", false
	}
	got, set, ok := f.read.read(e)
	if !ok {
		return Value{}, "", false
	}
	state := fmt.Sprintf("%s is %s", f.read, describeRead(got, set))
	switch {
	case !set:
		state += ": " + e.source() + " and nothing sets " + f.read.name
	case e.Source != "":
		state += ": " + e.Source
	}
	pick := func(useFallback bool) (Value, string, bool) {
		if useFallback {
			return *f.fb, state + ", so the fallback applies", true
		}
		return got, state + ", so that value applies", true
	}
	switch f.op {
	case "":
		if f.read.from == "getenv_docker" && !set {
			return got, state + ", so its default applies", true
		}
		return got, state, true
	case "?:":
		t, _ := got.Truthy()
		return pick(!t)
	case "??":
		return pick(got.Kind == KindNull)
	case "isset":
		return pick(!set)
	}
	return Value{}, "", false
}

func describeRead(v Value, set bool) string {
	switch {
	case !set && v.Kind == KindBool:
		return "false"
	case !set:
		return "not set"
	}
	if t, _ := v.Truthy(); !t {
		return `set to "" or "0"`
	}
	return "set"
}
