package wpconfig

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
)

func mustParse(t *testing.T, src string) *Config {
	t.Helper()
	cfg, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestTypedHelpers(t *testing.T) {
	cfg := mustParse(t, `<?php
define('S', 'localhost');
define('B', false);
define('BS', 'false');
define('Z', '0');
define('I', 7);
define('F', 1.5);
define('N', null);
define('DYN', getenv('X'));
define('DEP', __DIR__ . '/x');
if ($x) { define('MAYBE', 1); }
`)
	type res struct {
		s       string
		ok, st  bool
		b       bool
		bok, bs bool
	}
	tests := []struct {
		name string
		want res
	}{
		{"S", res{"localhost", true, true, true, true, true}},
		{"B", res{"", true, true, false, true, true}},
		{"BS", res{"false", true, true, true, true, true}}, // PHP: 'false' is truthy
		{"Z", res{"0", true, true, false, true, true}},
		{"I", res{"7", true, true, true, true, true}},
		{"F", res{"", true, false, true, true, true}},
		{"N", res{"", true, true, false, true, true}},
		{"DYN", res{"", true, false, false, true, false}},
		{"DEP", res{"", true, false, false, true, false}},
		{"MAYBE", res{}},
		{"MISSING", res{}},
	}
	for _, tt := range tests {
		var got res
		got.s, got.ok, got.st = cfg.String(tt.name)
		got.b, got.bok, got.bs = cfg.Bool(tt.name)
		if got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if i, ok, st := cfg.Int("I"); i != 7 || !ok || !st {
		t.Errorf("Int(I) = %d %v %v", i, ok, st)
	}
	if _, ok, st := cfg.Int("S"); !ok || st {
		t.Errorf("Int(S) ok=%v static=%v, want true false", ok, st)
	}
	if len(cfg.Definitions("MAYBE")) != 1 {
		t.Error("Definitions(MAYBE) should list the conditional definition")
	}
}

func TestTablePrefixForms(t *testing.T) {
	tests := []struct {
		src, want string
		kind      Kind
		cond      Cond
	}{
		{`$table_prefix = 'wp_';`, "wp_", KindString, Always},
		{`$table_prefix  = "x_";`, "x_", KindString, Always},
		{`$table_prefix = 'a_'; $table_prefix = 'b_';`, "b_", KindString, Always},
		{`$table_prefix = getenv('P') ?: 'wp_';`, "", KindDynamic, Always},
		{`if (!isset($table_prefix)) { $table_prefix = 'deb_'; }`, "deb_", KindString, IfUndefined},
		{`$table_prefix = 'a_'; if (!isset($table_prefix)) { $table_prefix = 'no_'; }`, "a_", KindString, Always},
		{`$GLOBALS['table_prefix'] = 'g_';`, "g_", KindString, Always},
		{`$table_prefix = 'a_'; $table_prefix .= 'b_';`, "", KindDynamic, Always},
	}
	for _, tt := range tests {
		cfg := mustParse(t, "<?php\n"+tt.src+"\n")
		d, ok := cfg.TablePrefix()
		if !ok || d.Value.Kind != tt.kind || d.Value.Str != tt.want || d.Cond != tt.cond {
			t.Errorf("%s: got %+v ok=%v", tt.src, d, ok)
		}
	}
	if _, ok := mustParse(t, "<?php if ($x) { $table_prefix = 'c_'; }").TablePrefix(); ok {
		t.Error("a conditional assignment alone must not be effective")
	}
}

func TestEffectiveIsFirstExecuted(t *testing.T) {
	cfg := mustParse(t, `<?php
defined('A') || define('A', 'guarded');
define('A', 'second');
if ($x) { define('B', 'maybe'); }
define('B', 'plain');
define('C', 1);
define('C', 2);
`)
	for name, want := range map[string]string{"A": "guarded", "B": "plain"} {
		d, ok := cfg.Lookup(name)
		if !ok || d.Value.Str != want {
			t.Errorf("%s: got %+v", name, d)
		}
	}
	if d, _ := cfg.Lookup("B"); !d.Shadowable {
		t.Error("B follows a conditional definition and must be shadowable")
	}
	if d, _ := cfg.Lookup("C"); d.Value.Int != 1 || d.Shadowable {
		t.Errorf("C: got %+v", d)
	}
}

func TestSecretAndRedacted(t *testing.T) {
	for _, n := range append(SecretNames(), "MY_API_KEY", "S3_SECRET", "SMTP_PASS", "wp_cache_key_salt", "GITHUB_TOKEN") {
		if !Secret(n) {
			t.Errorf("Secret(%q) = false", n)
		}
	}
	for _, n := range []string{"DB_HOST", "DB_NAME", "DB_USER", "WP_DEBUG", "KEYBOARD", "ABSPATH"} {
		if Secret(n) {
			t.Errorf("Secret(%q) = true", n)
		}
	}
	cfg, err := Parse(readCorpus(t, "01-sample-crlf.php"))
	if err != nil {
		t.Fatal(err)
	}
	red := cfg.Redacted()
	b, _ := json.Marshal(red)
	for _, secret := range []string{"fake-Pa55word!", "fake-1 x", "fake-8"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("redacted config still holds %q", secret)
		}
	}
	if !strings.Contains(string(b), "shop_user") {
		t.Error("redaction removed a non-secret value")
	}
	if d, _ := cfg.Lookup("DB_PASSWORD"); d.Value.Str != "fake-Pa55word!" {
		t.Error("Redacted changed the original config")
	}
}

func TestResolve(t *testing.T) {
	cfg := mustParse(t, `<?php
define('WP_CONTENT_DIR', __DIR__ . '/content');
define('WPMU_PLUGIN_DIR', WP_CONTENT_DIR . '/mu');
define('UP', dirname(__FILE__, 3) . '/up');
define('LOOP_A', LOOP_B . 'a');
define('LOOP_B', LOOP_A . 'b');
define('USES_ABSPATH', ABSPATH . 'x');
define('FLAG', 'v' . true . null . 3);
`)
	env := Env{File: "/home/u/www/wp-config.php", Constants: map[string]Value{"ABSPATH": strValue("/home/u/www/")}}
	tests := map[string]string{
		"WP_CONTENT_DIR":  "/home/u/www/content",
		"WPMU_PLUGIN_DIR": "/home/u/www/content/mu",
		"UP":              "/home/up",
		"USES_ABSPATH":    "/home/u/www/x",
		"FLAG":            "v13",
	}
	for name, want := range tests {
		v, ok := cfg.Resolve(name, env)
		if !ok || v.Kind != KindString || v.Str != want {
			t.Errorf("%s: got %+v ok=%v, want %q", name, v, ok, want)
		}
	}
	if _, ok := cfg.Resolve("LOOP_A", env); ok {
		t.Error("a cycle must not resolve")
	}
	if _, ok := cfg.Resolve("WP_CONTENT_DIR", Env{}); ok {
		t.Error("__DIR__ must not resolve without a file path")
	}
	d, _ := cfg.Lookup("USES_ABSPATH")
	if _, ok := d.Value.Resolve(Env{}); ok {
		t.Error("ABSPATH must not resolve without a value for it")
	}
}

func TestNotConfig(t *testing.T) {
	tests := []struct {
		src   string
		empty bool
	}{
		{"", true}, {"  \r\n\t", true}, {"\xEF\xBB\xBF", true}, {"\xEF\xBB\xBF\n", true},
		{"<html><body>hi</body></html>", false}, {"\x00\x01\x02<?", false}, {"define('A', 1);", false},
		{"<?phpdefine('A', 1);", false}, {"\x00\x00\x00", false},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.src))
		if !errors.Is(err, ErrNotConfig) || errors.Is(err, ErrEmpty) != tt.empty {
			t.Errorf("%q: err = %v", tt.src, err)
		}
	}
	for _, ok := range []string{"<?php", "<?PHP\n", "junk <?php define('A', 1);"} {
		if _, err := Parse([]byte(ok)); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

func TestLinesAndCRLF(t *testing.T) {
	src := "\xEF\xBB\xBF<?php\r\n// c\r\ndefine( 'A', 'x' );\r\n\r\ndefine( 'B',\r\n  'y' );\r\n"
	cfg := mustParse(t, src)
	if !cfg.BOM || !cfg.CRLF {
		t.Errorf("BOM=%v CRLF=%v", cfg.BOM, cfg.CRLF)
	}
	a, _ := cfg.Lookup("A")
	b, _ := cfg.Lookup("B")
	if a.Line != 3 || b.Line != 5 || src[b.ValueSpan.Start:b.ValueSpan.End] != "'y'" {
		t.Errorf("A line %d, B line %d span %+v", a.Line, b.Line, b.ValueSpan)
	}
}

func TestParseConcurrently(t *testing.T) {
	src := readCorpus(t, "01-sample-crlf.php")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cfg, err := Parse(src)
			if err != nil || len(cfg.Defines) != 16 {
				t.Errorf("parse: %v", err)
			}
		}()
	}
	wg.Wait()
}

func TestHugeComment(t *testing.T) {
	big := "<?php\ndefine('BEFORE', 1);\n/*\n" + strings.Repeat("define('NO', 1); lorem ipsum */ x\n", 1) +
		strings.Repeat("lorem ipsum dolor sit amet define('IN_COMMENT', 1);\n", 1<<20/52) + "*/\ndefine('AFTER', 2);\n"
	big = strings.Replace(big, "lorem ipsum */ x", "lorem ipsum x", 1)
	cfg := mustParse(t, big)
	if len(big) < 1<<20 || cfg.Damaged || len(cfg.Defines) != 2 {
		t.Fatalf("len %d damaged %v defines %d", len(big), cfg.Damaged, len(cfg.Defines))
	}
	if d, ok := cfg.Lookup("AFTER"); !ok || d.Value.Int != 2 {
		t.Errorf("AFTER: %+v", d)
	}
}

// TestLoneCRLines: PHP counts a lone \r as a line break; so do Line and
// diagnostics.
func TestLoneCRLines(t *testing.T) {
	cfg := mustParse(t, "<?php\r/* x */\rdefine('A', 1);\rdefine('B' 2);\r")
	if a, _ := cfg.Lookup("A"); a.Line != 3 {
		t.Errorf("A on line %d, want 3", a.Line)
	}
	if len(cfg.Diagnostics) == 0 || cfg.Diagnostics[0].Line != 4 {
		t.Errorf("diagnostics %v, want line 4 first", cfg.Diagnostics)
	}
}

func TestMarshalNonFinite(t *testing.T) {
	cfg := mustParse(t, "<?php define('BIG', 1e999); define('NEG', -1e999); define('OK', 2.5);")
	b, err := json.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"FloatText":"+Inf"`, `"FloatText":"-Inf"`, `"Float":2.5`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
}
