package wpconfig

import "strconv"

// Span is a byte range [Start, End) in the parsed source.
type Span struct{ Start, End int }

// Cond says when a definition runs as the file is loaded.
type Cond uint8

const (
	// Always: runs every time the file is loaded (top level, or a plain block).
	Always Cond = iota
	// IfUndefined: runs only when the constant (or variable) is not already
	// set: `if (!defined('X')) define('X', ...)`, `defined('X') || define(...)`,
	// `if (!isset($table_prefix))`.
	IfUndefined
	// Maybe: depends on a condition the reader does not decide (if/else on
	// anything else, loops, switch, try, the right side of && or ||).
	Maybe
	// InFunction: inside a function, method or closure body; runs only if
	// that is called.
	InFunction
)

var condNames = [...]string{"always", "if-undefined", "maybe", "in-function"}

// String returns "always", "if-undefined", "maybe" or "in-function".
func (c Cond) String() string {
	if int(c) < len(condNames) {
		return condNames[c]
	}
	return "cond(" + strconv.Itoa(int(c)) + ")"
}

// MarshalText makes conditions appear by name in JSON.
func (c Cond) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// Form is the syntax a definition uses.
type Form uint8

const (
	FormDefine       Form = iota // define('X', v) / define(constant_name: 'X', value: v)
	FormConst                    // const X = v; at top level or in a namespace
	FormConfigDefine             // Bedrock's Config::define('X', v): applied later by Config::apply()
	FormAssign                   // $table_prefix = v;
)

var formNames = [...]string{"define", "const", "config-define", "assign"}

// String returns "define", "const", "config-define" or "assign".
func (f Form) String() string {
	if int(f) < len(formNames) {
		return formNames[f]
	}
	return "form(" + strconv.Itoa(int(f)) + ")"
}

// MarshalText makes forms appear by name in JSON.
func (f Form) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// Define is one definition of a constant, or one assignment to $table_prefix.
type Define struct {
	// Name is the constant's name (namespace-qualified for const in a
	// namespace), or "$table_prefix". When DynamicName is set it is the
	// source text of the name expression instead, and Lookup ignores it.
	Name        string
	DynamicName bool `json:",omitempty"`
	Value       Value
	Form        Form
	Cond        Cond
	// Line is the 1-based line where the define call, const or assignment starts.
	Line int
	// ValueSpan covers the value expression; StmtSpan the innermost
	// statement holding the definition (including its semicolon).
	ValueSpan Span
	StmtSpan  Span
	// Effective marks the definition PHP keeps: for constants the first
	// define executed (Always or IfUndefined, not FormConfigDefine); for
	// $table_prefix the last assignment executed.
	Effective bool `json:",omitempty"`
	// Shadowable marks an effective definition that something the reader
	// cannot see through may override: an earlier include/require, an
	// earlier Maybe or InFunction definition of the same name, or a
	// define() whose name is dynamic.
	Shadowable bool `json:",omitempty"`
	// Recovered marks a definition read from a damaged file by re-parsing
	// after the damage; its Cond is a best guess.
	Recovered bool `json:",omitempty"`
}

// Include is one include/require statement.
type Include struct {
	Kind     string // "include", "include_once", "require" or "require_once"
	Path     Value
	Line     int
	StmtSpan Span
	Cond     Cond
	// Settings is set when the path ends in wp-settings.php.
	Settings bool `json:",omitempty"`
}

// Diagnostic is a problem found while reading, at a 1-based line (0 when
// unknown).
type Diagnostic struct {
	Line int
	Msg  string
}

// String formats the diagnostic as "line N: msg".
func (d Diagnostic) String() string {
	if d.Line == 0 {
		return d.Msg
	}
	return "line " + strconv.Itoa(d.Line) + ": " + d.Msg
}

// Style is the overall shape of the file.
type Style uint8

const (
	// StyleClassic defines constants with define()/const in this file.
	StyleClassic Style = iota
	// StyleBedrock stages constants with Config::define() (roots/bedrock):
	// their effective values depend on environment files and Config::apply().
	StyleBedrock
	// StyleLoader defines no DB_ constants itself but includes other files
	// (Debian's dispatcher, a config kept outside the web root, Bedrock's
	// web/wp-config.php).
	StyleLoader
	// StyleUnknown is PHP with neither DB_ definitions nor includes.
	StyleUnknown
)

var styleNames = [...]string{"classic", "bedrock", "loader", "unknown"}

// String returns "classic", "bedrock", "loader" or "unknown".
func (s Style) String() string {
	if int(s) < len(styleNames) {
		return styleNames[s]
	}
	return "style(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText makes styles appear by name in JSON.
func (s Style) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Config is what Parse read from a wp-config.php.
type Config struct {
	// Defines lists every constant definition in source order.
	Defines []Define
	// TablePrefixes lists every assignment to $table_prefix in source order.
	TablePrefixes []Define
	// Includes lists every include/require in source order.
	Includes []Include
	Style    Style
	// Damaged is set when part of the file could not be parsed (PHP itself
	// would refuse to run it); Diagnostics says where.
	Damaged     bool
	Diagnostics []Diagnostic
	// BOM is set when the file starts with a UTF-8 byte order mark (which
	// PHP sends to the browser before any header).
	BOM bool
	// CRLF is set when most line endings are \r\n.
	CRLF bool
}
