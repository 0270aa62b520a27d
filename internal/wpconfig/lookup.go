package wpconfig

import "strings"

// Lookup returns the effective definition of the constant name (see
// Define.Effective). ok is false when the file has no definition that runs
// unconditionally or guarded by !defined(): a constant defined only under an
// undecided condition, inside a function, or through Bedrock's
// Config::define is not looked up (Definitions lists those).
func (c *Config) Lookup(name string) (Define, bool) {
	for _, d := range c.Defines {
		if d.Effective && d.Name == name && !d.DynamicName {
			return d, true
		}
	}
	return Define{}, false
}

// Definitions returns every definition of the constant name, in source order.
func (c *Config) Definitions(name string) []Define {
	var out []Define
	for _, d := range c.Defines {
		if d.Name == name && !d.DynamicName {
			out = append(out, d)
		}
	}
	return out
}

// TablePrefix returns the effective assignment to $table_prefix.
func (c *Config) TablePrefix() (Define, bool) {
	for _, d := range c.TablePrefixes {
		if d.Effective {
			return d, true
		}
	}
	return Define{}, false
}

// String returns the effective value of name converted to a string as PHP
// would. ok says an effective definition exists; static says its value is
// known without running PHP (false for dynamic and dependent values, and for
// floats).
func (c *Config) String(name string) (val string, ok, static bool) {
	d, ok := c.Lookup(name)
	if !ok {
		return "", false, false
	}
	s, static := d.Value.Text()
	return s, true, static
}

// Bool returns the effective value of name converted to bool as PHP would
// (so the string 'false' is true). ok and static are as for String.
func (c *Config) Bool(name string) (val, ok, static bool) {
	d, ok := c.Lookup(name)
	if !ok {
		return false, false, false
	}
	b, static := d.Value.Truthy()
	return b, true, static
}

// Int returns the effective value of name when it is an integer literal.
// static is false for any other kind (no conversion is attempted).
func (c *Config) Int(name string) (val int64, ok, static bool) {
	d, ok := c.Lookup(name)
	if !ok {
		return 0, false, false
	}
	return d.Value.Int, true, d.Value.Kind == KindInt
}

// SecretNames returns the constants WordPress itself treats as secrets.
func SecretNames() []string {
	return []string{
		"DB_PASSWORD", "AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY",
		"AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT",
	}
}

var secretSuffixes = []string{"PASSWORD", "_PASS", "_PASSWD", "_PWD", "_KEY", "_SALT", "SECRET", "_TOKEN"}

// Secret reports whether the value of the constant name must be redacted:
// WordPress's own secrets (SecretNames) and, erring on the safe side, any
// name ending in PASSWORD, _PASS, _PASSWD, _PWD, _KEY, _SALT, SECRET or
// _TOKEN (case-insensitive).
func Secret(name string) bool {
	up := strings.ToUpper(name)
	for _, s := range secretSuffixes {
		if strings.HasSuffix(up, s) {
			return true
		}
	}
	return false
}

// Redacted returns a copy of c in which the value of every secret
// definition, and of every define() whose name is computed, is replaced by
// one of the same Kind whose Raw and Reason say "redacted" (the EnvVar hint
// is kept; the Fallback, which may be a default password, is dropped).
// Spans and everything else are kept. It is meant for output only: look
// values up in the original.
func (c *Config) Redacted() *Config {
	out := *c
	out.Defines = make([]Define, len(c.Defines))
	for i, d := range c.Defines {
		if Secret(d.Name) || d.DynamicName { // a computed name may be a secret
			d.Value = Value{Kind: d.Value.Kind, Raw: "[redacted]", Reason: "redacted", EnvVar: d.Value.EnvVar}
		}
		out.Defines[i] = d
	}
	out.TablePrefixes = append([]Define(nil), c.TablePrefixes...)
	out.Includes = append([]Include(nil), c.Includes...)
	out.Diagnostics = append([]Diagnostic(nil), c.Diagnostics...)
	return &out
}
