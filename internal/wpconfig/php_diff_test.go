package wpconfig

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// These tests compare the reader with the real PHP interpreter. They run
// only where a php binary is installed and are skipped elsewhere; the
// table tests cover the same ground without PHP.

// phpEncoder prints a PHP value exactly: strings as hex, floats as their
// IEEE bits.
const phpEncoder = `
function wpd_enc($v) {
	if (is_string($v)) return ['string', bin2hex($v)];
	if (is_int($v)) return ['int', (string)$v];
	if (is_float($v)) return ['float', bin2hex(pack('E', $v))];
	if (is_bool($v)) return ['bool', $v ? 'true' : 'false'];
	if (is_null($v)) return ['null', ''];
	return ['other', gettype($v)];
}
`

func needPHP(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("php")
	if err != nil {
		t.Skip("php is not installed")
	}
	return p
}

// runPHP runs script (a file body without <?php) in dir and decodes its
// JSON output.
func runPHP(t *testing.T, dir, script string, out any) error {
	t.Helper()
	path := filepath.Join(dir, "wpd-harness.php")
	if err := os.WriteFile(path, []byte("<?php\n"+phpEncoder+script), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(needPHP(t), "-n", "-d", "display_errors=stderr", path)
	cmd.Dir = dir
	cmd.Env = []string{"PATH=/usr/bin:/bin"}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	b, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("php: %w: %s", err, lastLines(stderr.String()))
	}
	return json.Unmarshal(b, out)
}

// encodeGo encodes a static Value like wpd_enc.
func encodeGo(v Value) [2]string {
	switch v.Kind {
	case KindString:
		return [2]string{"string", hex.EncodeToString([]byte(v.Str))}
	case KindInt:
		return [2]string{"int", strconv.FormatInt(v.Int, 10)}
	case KindFloat:
		var b [8]byte
		bits := math.Float64bits(v.Float)
		for i := range b {
			b[i] = byte(bits >> (56 - 8*i))
		}
		return [2]string{"float", hex.EncodeToString(b[:])}
	case KindBool:
		return [2]string{"bool", strconv.FormatBool(v.Bool)}
	case KindNull:
		return [2]string{"null", ""}
	}
	return [2]string{"other", v.Kind.String()}
}

// checkLiterals defines each literal as a constant, parses the file with
// Parse and runs it with PHP, and compares every value.
func checkLiterals(t *testing.T, lits []string) {
	t.Helper()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("<?php\n")
	for i, l := range lits {
		fmt.Fprintf(&b, "define('L%d', %s);\n", i, l)
	}
	cfgPath := filepath.Join(dir, "lits.php")
	if err := os.WriteFile(cfgPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var php map[string][2]string
	err := runPHP(t, dir, fmt.Sprintf(`require %q; $o = []; for ($i = 0; $i < %d; $i++) $o["L$i"] = wpd_enc(constant("L$i")); echo json_encode($o);`, cfgPath, len(lits)), &php)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Parse([]byte(b.String()))
	if err != nil || cfg.Damaged {
		t.Fatalf("parse: %v %v", err, cfg.Diagnostics)
	}
	for i, l := range lits {
		d, ok := cfg.Lookup(fmt.Sprintf("L%d", i))
		if !ok || !d.Value.Static() {
			t.Errorf("%s: not read as static: %+v", l, d.Value)
			continue
		}
		if got, want := encodeGo(d.Value), php[fmt.Sprintf("L%d", i)]; got != want {
			t.Errorf("%s: got %v, php says %v", l, got, want)
		}
	}
}

func TestStringLiteralsMatchPHP(t *testing.T) {
	needPHP(t)
	rng := rand.New(rand.NewSource(1))
	single := []string{"a", `\\`, `\'`, `\`, `\n`, `"`, "é", " ", "$x", "{$y}", "\t", "\n", "\r"}
	double := []string{"a", `\n`, `\t`, `\r`, `\v`, `\e`, `\f`, `\\`, `\"`, `\$`, `\x41`, `\x4`, `\xg`, `\xFF`,
		`\101`, `\400`, `\7`, `\0`, `\08`, `\u{41}`, `\u{1F600}`, `\u{D800}`, `\u{0000041}`, `\uZ`, `\u41`, `\q`,
		"'", "é", " ", "$1", "$ ", "{a", "}", "\n", "\r"}
	var lits []string
	for i := 0; i < 400; i++ {
		var sb, db strings.Builder
		for j := rng.Intn(8); j >= 0; j-- {
			sb.WriteString(single[rng.Intn(len(single))])
			db.WriteString(double[rng.Intn(len(double))])
		}
		if s := sb.String(); validSingle(s) {
			lits = append(lits, "'"+s+"'")
		}
		lits = append(lits, `"`+db.String()+`"`)
	}
	checkLiterals(t, lits)
}

func TestNumberLiteralsMatchPHP(t *testing.T) {
	needPHP(t)
	checkLiterals(t, []string{
		"0", "42", "-7", "+5", "- -5", "0x1F", "0X1f", "0755", "0o17", "0O17", "0b101", "0B11", "1_000_000",
		"1.5", ".5", "1.", "1e3", "1E-3", "1_0.5_0", "1_0e1_0", "-0.0", "0.1", "9223372036854775807",
		"9223372036854775808", "-9223372036854775808", "-9223372036854775807", "0x7FFFFFFFFFFFFFFF",
		"0x8000000000000000", "0xFFFFFFFFFFFFFFFFFF", "0x1FFFFFFFFFFFFF1", "0b" + strings.Repeat("1", 64),
		"0777777777777777777777", "01777777777777777777777", "1e308", "1e309", "-1e309", "4.9e-324",
		"123456789012345678901234567890", "00", "0_0", "TRUE", "False", "\\null", "('a' . 1) . true . null",
		"__LINE__", "dirname('/a/b/c')", "dirname('/a/b/c/', 2)",
	})
}

func TestDirnameMatchesPHP(t *testing.T) {
	paths := []string{"", "/", "//", "/a", "/a/", "a", "a/", "a/b", "/a/b", "/a/b/", "/a//b//", "//a", "./a", "../a/b", "a/../b", "/a/b/c.php", "x///"}
	dir := t.TempDir()
	var got []string
	var b strings.Builder
	b.WriteString("$o = [];\n")
	for _, p := range paths {
		got = append(got, phpDirname(p))
		fmt.Fprintf(&b, "$o[] = dirname(%q);\n", p)
	}
	b.WriteString("echo json_encode($o);")
	var want []string
	if err := runPHP(t, dir, b.String(), &want); err != nil {
		t.Fatal(err)
	}
	for i := range paths {
		if got[i] != want[i] {
			t.Errorf("dirname(%q) = %q, php says %q", paths[i], got[i], want[i])
		}
	}
}

// TestCorpusMatchesPHP runs each corpus file with PHP (ABSPATH predefined,
// an empty wp-settings.php beside it, no environment) and checks that every
// effective static or resolvable value the reader reports is what PHP
// defines, and that PHP defines nothing the reader missed. Files PHP cannot
// run here (missing includes, exit) are skipped.
func TestCorpusMatchesPHP(t *testing.T) {
	needPHP(t)
	files, _ := filepath.Glob("testdata/corpus/*.php")
	ran := 0
	for _, f := range files {
		src, _ := os.ReadFile(f)
		cfg, err := Parse(src)
		if err != nil || cfg.Damaged {
			continue
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "wp-config.php")
		os.WriteFile(path, src, 0o644)
		os.WriteFile(filepath.Join(dir, "wp-settings.php"), []byte("<?php\n"), 0o644)
		var php struct {
			C map[string][2]string
			P *[2]string
		}
		script := fmt.Sprintf(`define('ABSPATH', __DIR__ . '/');
set_error_handler(function () { return true; });
ob_start(); require %q; ob_end_clean();
$c = [];
foreach (get_defined_constants(true)['user'] ?? [] as $k => $v) $c[$k] = wpd_enc($v);
echo json_encode(['C' => $c, 'P' => isset($table_prefix) ? wpd_enc($table_prefix) : null]);`, path)
		if err := runPHP(t, dir, script, &php); err != nil {
			t.Logf("%s: skipped, PHP cannot run it here: %v", f, err)
			continue
		}
		ran++
		env := Env{File: path, Constants: map[string]Value{"ABSPATH": strValue(dir + "/")}}
		compareWithPHP(t, f, cfg, env, php.C, php.P)
	}
	if ran < 15 {
		t.Errorf("PHP ran only %d corpus files", ran)
	}
}

func compareWithPHP(t *testing.T, f string, cfg *Config, env Env, php map[string][2]string, prefix *[2]string) {
	t.Helper()
	dynamicNames := false
	for _, d := range cfg.Defines {
		dynamicNames = dynamicNames || d.DynamicName
		if !d.Effective || d.Shadowable {
			continue
		}
		v, ok := cfg.Resolve(d.Name, env)
		if !ok {
			continue
		}
		if got, want := encodeGo(v), php[d.Name]; got != want {
			t.Errorf("%s: %s = %v, php says %v", f, d.Name, got, want)
		}
	}
	for name := range php {
		if name != "ABSPATH" && !dynamicNames && len(cfg.Definitions(name)) == 0 {
			t.Errorf("%s: php defines %s, the reader found no definition", f, name)
		}
	}
	if d, ok := cfg.TablePrefix(); ok && d.Value.Static() && !d.Shadowable {
		if prefix == nil || encodeGo(d.Value) != *prefix {
			t.Errorf("%s: table prefix %v, php says %v", f, encodeGo(d.Value), prefix)
		}
	}
}

func lastLines(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-3):], "\n")
}

// validSingle reports whether s can sit between single quotes: every quote
// escaped, and no backslash left to escape the closing quote.
func validSingle(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			run++
			continue
		case '\'':
			if run%2 == 0 {
				return false
			}
		}
		run = 0
	}
	return run%2 == 0
}

// TestRejectedLiteralsMatchPHP checks that literals PHP refuses to compile
// make the file Damaged.
func TestRejectedLiteralsMatchPHP(t *testing.T) {
	php := needPHP(t)
	for _, lit := range []string{`"\u{}"`, `"\u{110000}"`, `"\u{zz}"`, `"\u{41"`, "08", "0_8", "0b12", "1__0"} {
		src := "<?php\ndefine('X', " + lit + ");\n"
		path := filepath.Join(t.TempDir(), "x.php")
		os.WriteFile(path, []byte(src), 0o644)
		phpFails := exec.Command(php, "-n", "-l", path).Run() != nil
		cfg, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Damaged != phpFails {
			t.Errorf("%s: Damaged=%v, php -l fails=%v (%v)", lit, cfg.Damaged, phpFails, cfg.Diagnostics)
		}
	}
}

// TestEditsMatchPHP applies SetConstants to every corpus file that allows it
// and checks with PHP that the edited file runs, defines each constant with
// exactly the value set, and raises no "already defined" warning.
func TestEditsMatchPHP(t *testing.T) {
	needPHP(t)
	settings := []Setting{
		{"WP_DEBUG", BoolLit(true)},
		{"WP_DEBUG_LOG", StringLit("/home/u/private/debug.log")},
		{"WP_DEBUG_DISPLAY", BoolLit(false)},
		{"WPD_PROBE", StringLit("it's \"q\" $x \\ \r\n\x00é")},
		{"WPD_NUM", IntLit(-42)},
	}
	files, _ := filepath.Glob("testdata/corpus/*.php")
	edited := 0
	for _, f := range files {
		src, _ := os.ReadFile(f)
		out, err := SetConstants(src, settings)
		if err != nil {
			continue
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "wp-config.php")
		os.WriteFile(path, out, 0o644)
		os.WriteFile(filepath.Join(dir, "wp-settings.php"), []byte("<?php\n"), 0o644)
		var php struct {
			C map[string][2]string
			W []string
		}
		script := fmt.Sprintf(`define('ABSPATH', __DIR__ . '/');
$w = [];
set_error_handler(function ($no, $msg) use (&$w) { $w[] = $msg; return true; });
ob_start(); require %q; ob_end_clean();
$c = [];
foreach (get_defined_constants(true)['user'] ?? [] as $k => $v) $c[$k] = wpd_enc($v);
echo json_encode(['C' => $c, 'W' => $w]);`, path)
		if err := runPHP(t, dir, script, &php); err != nil {
			t.Logf("%s: skipped, PHP cannot run it here: %v", f, err)
			continue
		}
		edited++
		for _, s := range settings {
			if got, want := php.C[s.Name], encodeGo(s.Value.Value()); got != want {
				t.Errorf("%s: PHP has %s = %v, want %v", f, s.Name, got, want)
			}
		}
		for _, w := range php.W {
			if strings.Contains(w, "already defined") {
				t.Errorf("%s: PHP warns %q", f, w)
			}
		}
	}
	t.Logf("%d corpus files edited and run by PHP", edited)
	if edited < 10 {
		t.Errorf("only %d corpus files edited and run", edited)
	}
}
