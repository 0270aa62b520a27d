package wpconfig

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// getenvDocker is the official Docker image's helper, for PHP to run.
const getenvDocker = `
function getenv_docker($env, $default) {
	if ($fileEnv = getenv($env . '_FILE')) { return rtrim(file_get_contents($fileEnv), "\r\n"); }
	else if (($val = getenv($env)) !== false) { return $val; }
	else { return $default; }
}
`

type runtimeCase struct {
	expr     string
	vars     map[string]string
	envArray bool
	want     Value
	branch   string // substring of the explanation
}

func runtimeCases() []runtimeCase {
	none := map[string]string(nil)
	set := map[string]string{"WPD_X": "db.internal:3306"}
	empty := map[string]string{"WPD_X": ""}
	fb := strValue("127.0.0.1:3307")
	env := strValue("db.internal:3306")
	return []runtimeCase{
		{"getenv('WPD_X') ?: '127.0.0.1:3307'", none, false, fb, "getenv('WPD_X') is false: PHP-FPM clears the environment (clear_env = yes, the default) and nothing sets WPD_X, so the fallback applies"},
		{"getenv('WPD_X') ?: '127.0.0.1:3307'", set, false, env, "is set, so that value applies"},
		{"getenv('WPD_X') ?: '127.0.0.1:3307'", empty, false, fb, `set to "" or "0", so the fallback applies`},
		{"getenv('WPD_X') ?? '127.0.0.1:3307'", none, false, boolValue(false), "so that value applies"}, // false is not null
		{"getenv('WPD_X') ? getenv('WPD_X') : '127.0.0.1:3307'", none, false, fb, "fallback"},
		{"getenv('WPD_X') !== false ? getenv('WPD_X') : '127.0.0.1:3307'", empty, false, strValue(""), "that value"},
		{"false !== getenv('WPD_X') ? getenv('WPD_X') : '127.0.0.1:3307'", none, false, fb, "fallback"},
		{"isset($_ENV['WPD_X']) ? $_ENV['WPD_X'] : '127.0.0.1:3307'", none, false, fb, "$_ENV['WPD_X'] is not set"},
		{"isset($_ENV['WPD_X']) ? $_ENV['WPD_X'] : '127.0.0.1:3307'", set, false, fb, "fallback"}, // variables_order GPCS: $_ENV empty
		{"isset($_ENV['WPD_X']) ? $_ENV['WPD_X'] : '127.0.0.1:3307'", set, true, env, "that value"},
		{"isset($_SERVER['WPD_X']) ? $_SERVER['WPD_X'] : '127.0.0.1:3307'", none, false, fb, "fallback"},
		{"isset($_SERVER['WPD_X']) ? $_SERVER['WPD_X'] : '127.0.0.1:3307'", set, false, env, "that value"},
		{"$_SERVER['WPD_X'] ?? '127.0.0.1:3307'", none, false, fb, "fallback"},
		{"!empty($_SERVER['WPD_X']) ? $_SERVER['WPD_X'] : '127.0.0.1:3307'", empty, false, fb, "fallback"},
		{"getenv_docker('WPD_X', '127.0.0.1:3307')", none, false, fb, "its default applies"},
		{"getenv_docker('WPD_X', '127.0.0.1:3307')", set, false, env, "is set"},
		{"(getenv('WPD_X') ?: 42)", none, false, intValue(42), "fallback"},
	}
}

// Issue 14, defect 6: values read from the environment with a static
// fallback are evaluated as a PHP-FPM worker sees them, saying which
// branch was taken.
func TestAssumeRuntimeEnv(t *testing.T) {
	for _, tt := range runtimeCases() {
		src := "<?php\ndefine('DB_HOST', " + tt.expr + ");\n"
		cfg, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		d, ok := cfg.Lookup("DB_HOST")
		if !ok || d.Value.Kind != KindDynamic {
			t.Fatalf("%s: %+v", tt.expr, d)
		}
		got, why, ok := d.Value.Assume(RuntimeEnv{Vars: tt.vars, EnvArray: tt.envArray})
		if !ok || !sameStatic(got, tt.want) || !strings.Contains(why, tt.branch) {
			t.Errorf("%s with %v: %+v %q %v, want %+v and %q", tt.expr, tt.vars, got, why, ok, tt.want, tt.branch)
		}
	}
	for _, expr := range []string{"getenv($name) ?: 'x'", "getenv('X') ?: $y", "foo('X') ?: 'x'", "getenv('X', true) ?: 'x'", "isset($_ENV['X']) ? $_ENV['Y'] : 'x'", "$_GET['X'] ?? 'x'"} {
		cfg, _ := Parse([]byte("<?php define('DB_HOST', " + expr + ");"))
		d, _ := cfg.Lookup("DB_HOST")
		if v, why, ok := d.Value.Assume(RuntimeEnv{}); ok {
			t.Errorf("%s: evaluated to %+v (%s); it is not a recognised form", expr, v, why)
		}
	}
}

// TestAssumeMatchesPHP runs every case in the real PHP interpreter, with
// exactly the case's environment and variables_order, and compares.
func TestAssumeMatchesPHP(t *testing.T) {
	php := needPHP(t)
	dir := t.TempDir()
	for _, tt := range runtimeCases() {
		script := "<?php\n" + phpEncoder + getenvDocker + "echo json_encode(wpd_enc(@(" + tt.expr + ")));\n"
		path := filepath.Join(dir, "case.php")
		if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
			t.Fatal(err)
		}
		order := "GPCS"
		if tt.envArray {
			order = "EGPCS"
		}
		cmd := exec.Command(php, "-n", "-d", "variables_order="+order, path)
		cmd.Env = []string{"PATH=/usr/bin:/bin"}
		for k, v := range tt.vars {
			cmd.Env = append(cmd.Env, k+"="+v)
		}
		b, err := cmd.Output()
		if err != nil {
			t.Fatalf("php %s: %v", tt.expr, err)
		}
		var enc [2]string
		if err := json.Unmarshal(b, &enc); err != nil {
			t.Fatalf("php %s: %q", tt.expr, b)
		}
		want := map[Kind]string{KindString: "string", KindInt: "int", KindBool: "bool", KindNull: "null"}[tt.want.Kind]
		if enc[0] != want {
			t.Errorf("%s with %v: PHP gives %v, the case says %v", tt.expr, tt.vars, enc, tt.want)
		}
		if enc[0] == "string" {
			if s := strings.TrimSpace(string(mustHex(t, enc[1]))); s != tt.want.Str {
				t.Errorf("%s with %v: PHP gives %q, the case says %q", tt.expr, tt.vars, s, tt.want.Str)
			}
		}
	}
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
