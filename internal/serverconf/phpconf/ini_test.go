package phpconf

import (
	"errors"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

func TestParseIni(t *testing.T) {
	in := `; comment
[global]
pid = /run/php/php8.2-fpm.pid
error_log=/var/log/php8.2-fpm.log ; trailing comment
[www]
listen = /run/php/php8.2-fpm-$pool.sock
catch_workers_output = yes
daemonize = Off
clear_env = "no"
php_admin_value[error_log] = /var/log/fpm-php.$pool.log
php_value[ include_path ] = ".:/usr/share/php"
env["TMP"] = /tmp
quoted = "a ; b" tail
escaped = "say \"hi\" \\ \$x \n"
raw = '$x "y" \n'
multi = "line1
line2"
empty =
spaced   =    value with spaces   
error_reporting = E_ALL & ~E_DEPRECATED
nulled = null
`
	lines, probs := ParseIni("/t.conf", []byte(in))
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	type want struct {
		section    bool
		name, off  string
		value, raw string
		line       int
	}
	wants := []want{
		{true, "global", "", "", "", 2},
		{false, "pid", "", "/run/php/php8.2-fpm.pid", "/run/php/php8.2-fpm.pid", 3},
		{false, "error_log", "", "/var/log/php8.2-fpm.log", "/var/log/php8.2-fpm.log", 4},
		{true, "www", "", "", "", 5},
		{false, "listen", "", "/run/php/php8.2-fpm-$pool.sock", "/run/php/php8.2-fpm-$pool.sock", 6},
		{false, "catch_workers_output", "", "1", "yes", 7},
		{false, "daemonize", "", "", "Off", 8},
		{false, "clear_env", "", "no", `"no"`, 9}, // quoted: not a boolean keyword
		{false, "php_admin_value", "error_log", "/var/log/fpm-php.$pool.log", "/var/log/fpm-php.$pool.log", 10},
		{false, "php_value", "include_path", ".:/usr/share/php", `".:/usr/share/php"`, 11},
		{false, "env", "TMP", "/tmp", "/tmp", 12},
		{false, "quoted", "", "a ; b tail", `"a ; b" tail`, 13},
		{false, "escaped", "", `say "hi" \ $x \n`, `"say \"hi\" \\ \$x \n"`, 14},
		{false, "raw", "", `$x "y" \n`, `'$x "y" \n'`, 15},
		{false, "multi", "", "line1\nline2", "\"line1\nline2\"", 16},
		{false, "empty", "", "", "", 18},
		{false, "spaced", "", "value with spaces", "value with spaces", 19},
		{false, "error_reporting", "", "E_ALL & ~E_DEPRECATED", "E_ALL & ~E_DEPRECATED", 20},
		{false, "nulled", "", "", "null", 21},
	}
	if len(lines) != len(wants) {
		t.Fatalf("%d lines, want %d: %+v", len(lines), len(wants), lines)
	}
	for i, w := range wants {
		l := lines[i]
		if l.Section != w.section || l.Name != w.name || l.Offset != w.off || l.Value != w.value || l.Raw != w.raw || l.Pos.Line != w.line {
			t.Errorf("line %d: got %+v\nwant %+v", i, l, w)
		}
		if !w.section && !l.HasValue {
			t.Errorf("line %d: HasValue false", i)
		}
	}
	if lines[8].Key() != "php_admin_value[error_log]" || lines[1].Key() != "pid" {
		t.Errorf("keys %q %q", lines[8].Key(), lines[1].Key())
	}
}

func TestParseIniProblems(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
		keep     int // lines still parsed
	}{
		{"no equals", "a = 1\nbareword\nb = 2\n", 2, "has no value", 3},
		{"unterminated double quote", "a = \"x\nb = 2\n", 1, "unterminated double-quoted", 0},
		{"unterminated single quote", "a = 'x\nb = 2\n", 1, "unterminated single-quoted", 1},
		{"section without bracket", "[www\nb = 2\n", 1, "without ']'", 1},
		{"hash comment", "# old style\nb = 2\n", 1, "'#' comments", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines, probs := ParseIni("/t.ini", []byte(tt.in))
			if len(probs) != 1 || probs[0].Pos.Line != tt.line || !strings.Contains(probs[0].Message, tt.msg) || !errors.Is(probs[0].Err, conf.ErrSyntax) {
				t.Errorf("problems %v", probs)
			}
			if len(lines) != tt.keep {
				t.Errorf("%d lines kept, want %d: %+v", len(lines), tt.keep, lines)
			}
		})
	}
}
