package wpconfig

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
)

func readCorpus(t *testing.T, name string) []byte {
	t.Helper()
	src, err := os.ReadFile("testdata/corpus/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// assertOnlyChanged checks that out equals src except that src[a:b] was
// replaced by repl.
func assertOnlyChanged(t *testing.T, src, out []byte, a, b int, repl string) {
	t.Helper()
	want := splice(src, a, b, repl)
	if !bytes.Equal(out, want) {
		t.Fatalf("unexpected bytes:\n got %q\nwant %q", out, want)
	}
}

func TestSetConstantReplace(t *testing.T) {
	tests := []struct {
		file, name string
		lit        Literal
		old, repl  string
	}{
		{"01-sample-crlf.php", "WP_DEBUG", BoolLit(true), "false", "true"},
		{"01-sample-crlf.php", "DB_HOST", StringLit("db:3306"), "'localhost'", "'db:3306'"},
		{"01-sample-crlf.php", "DB_PASSWORD", StringLit(`it's \ new`), "'fake-Pa55word!'", `'it\'s \ new'`},
		{"04-cpanel-shared.php", "WP_MEMORY_LIMIT", StringLit("512M"), "'256M'", "'512M'"},
		{"08-multisite-subdomain.php", "SITE_ID_CURRENT_SITE", IntLit(-2), "1", "-2"},
		{"12-named-args.php", "DB_NAME", StringLit("x"), "'named_db'", "'x'"},
		{"16-const-forms.php", "WP_DEBUG", BoolLit(true), "FALSE", "TRUE"},
		{"16-const-forms.php", "WP_MEMORY_LIMIT", StringLit("1G"), "'128' . 'M'", "'1G'"},
		{"18-db-host-ipv6.php", "DB_HOST", StringLit("$x\n"), `"[::1]:3306"`, `"\$x\n"`},
		{"09-custom-content-dir.php", "WP_DEBUG_LOG", StringLit("/var/log/wp/debug.log"),
			"dirname(__DIR__) . '/logs/wp-debug.log'", "'/var/log/wp/debug.log'"},
		{"13-duplicates.php", "DB_NAME", BoolLit(false), "'dup_db'", "false"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.name, func(t *testing.T) {
			src := readCorpus(t, tt.file)
			out, err := SetConstant(src, tt.name, tt.lit)
			if err != nil {
				t.Fatal(err)
			}
			cfg, _ := Parse(src)
			d, _ := cfg.Lookup(tt.name)
			if d.Value.Raw != tt.old {
				t.Fatalf("old raw %q, want %q", d.Value.Raw, tt.old)
			}
			assertOnlyChanged(t, src, out, d.ValueSpan.Start, d.ValueSpan.End, tt.repl)
			after, err := Parse(out)
			if err != nil {
				t.Fatal(err)
			}
			nd, ok := after.Lookup(tt.name)
			if !ok || !sameStatic(nd.Value, tt.lit.Value()) {
				t.Fatalf("after edit %s = %+v", tt.name, nd.Value)
			}
		})
	}
}

func TestSetConstantInsert(t *testing.T) {
	tests := []struct {
		name, src, anchor, line string
	}{
		{"sample crlf", string(readCorpus(t, "01-sample-crlf.php")), "/* That's all, stop editing! Happy publishing. */",
			"define( 'WP_DEBUG_LOG', true );\r\n"},
		{"happy blogging", string(readCorpus(t, "04-cpanel-shared.php")), "/* That's all, stop editing! Happy blogging. */",
			"define( 'WP_DEBUG_LOG', true );\n"},
		{"no blank lines", string(readCorpus(t, "12-named-args.php")), "/* That's all", "define( 'WP_DEBUG_LOG', true );\n"},
		{"require_once()", "<?php\ndefine('DB_NAME', 'x');\nrequire_once(ABSPATH . 'wp-settings.php');\n",
			"require_once(ABSPATH", "define( 'WP_DEBUG_LOG', true );\n"},
		{"require __DIR__", "<?php\r\ndefine('DB_NAME', 'x');\r\n  require __DIR__ . '/wp-settings.php';",
			"  require __DIR__", "define( 'WP_DEBUG_LOG', true );\r\n"},
		{"anchor text in a string", "<?php\n$s = \"/* That's all, stop editing! */\";\nrequire_once ABSPATH . 'wp-settings.php';\n",
			"require_once", "define( 'WP_DEBUG_LOG', true );\n"},
		{"anchor inside a block", "<?php\nif ($x) {\n/* That's all, stop editing! */\n}\nrequire_once ABSPATH . 'wp-settings.php';\n",
			"require_once", "define( 'WP_DEBUG_LOG', true );\n"},
		{"anchor after wp-settings", "<?php\nrequire_once ABSPATH . 'wp-settings.php';\n/* That's all, stop editing! */\n",
			"require_once", "define( 'WP_DEBUG_LOG', true );\n"},
		{"multi-line comment", "<?php\n/**\n * That's all, stop editing!\n */\nrequire_once ABSPATH . 'wp-settings.php';\n",
			"/**", "define( 'WP_DEBUG_LOG', true );\n"},
		{"no trailing newline", "<?php\ndefine('A', 1);\n/* That's all, stop editing! */", "/* That's",
			"define( 'WP_DEBUG_LOG', true );\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			out, err := SetConstant(src, "WP_DEBUG_LOG", BoolLit(true))
			if err != nil {
				t.Fatal(err)
			}
			at := bytes.Index(src, []byte(tt.anchor))
			if at < 0 {
				t.Fatal("anchor missing from test input")
			}
			at = bytes.LastIndexByte(src[:at], '\n') + 1
			assertOnlyChanged(t, src, out, at, at, tt.line)
		})
	}
}

func TestSetConstantsDebugTrio(t *testing.T) {
	src := readCorpus(t, "01-sample-crlf.php")
	out, err := SetConstants(src, []Setting{
		{"WP_DEBUG", BoolLit(true)},
		{"WP_DEBUG_LOG", StringLit("/home/u/private/wpdoctor-debug.log")},
		{"WP_DEBUG_DISPLAY", BoolLit(false)},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(string(src), "define( 'WP_DEBUG', false );", "define( 'WP_DEBUG', true );", 1)
	want = strings.Replace(want, "/* That's all,", "define( 'WP_DEBUG_LOG', '/home/u/private/wpdoctor-debug.log' );\r\n"+
		"define( 'WP_DEBUG_DISPLAY', false );\r\n/* That's all,", 1)
	if string(out) != want {
		t.Fatalf("got:\n%s", out)
	}
	restored, err := SetConstant(out, "WP_DEBUG", BoolLit(false))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(restored, []byte("define( 'WP_DEBUG', false );")) {
		t.Error("restoring WP_DEBUG did not give the original spelling")
	}
}

func TestSetConstantRefuses(t *testing.T) {
	const plain = "<?php\ndefine('A', 1);\n/* That's all, stop editing! */\nrequire_once ABSPATH . 'wp-settings.php';\n"
	tests := []struct {
		name, src, constant string
		lit                 Literal
		why                 string
	}{
		{"damaged", string(readCorpus(t, "19-damaged-missing-semicolon.php")), "WP_DEBUG", BoolLit(false), "syntax errors"},
		{"defined twice", string(readCorpus(t, "13-duplicates.php")), "WP_DEBUG", BoolLit(false), "defined 2 times"},
		{"if-undefined", string(readCorpus(t, "01-sample-crlf.php")), "ABSPATH", StringLit("/x/"), "not defined yet"},
		{"or-define", string(readCorpus(t, "11-defined-or-define.php")), "DB_NAME", StringLit("x"), "not defined yet"},
		{"maybe", string(readCorpus(t, "11-defined-or-define.php")), "WP_DEBUG_LOG", BoolLit(true), "under a condition"},
		{"dynamic value", string(readCorpus(t, "05-docker-official.php")), "DB_HOST", StringLit("x"), "run time"},
		{"dynamic prefix file", string(readCorpus(t, "25-dynamic-prefix.php")), "DB_NAME", StringLit("x"), "run time"},
		{"computed names", string(readCorpus(t, "28-env-conditional.php")), "DISABLE_WP_CRON", BoolLit(true), "computed at run time"},
		{"in function", "<?php\nfunction f() { define('A', 1); }\n/* That's all, stop editing! */\n", "A", IntLit(2), "inside a function"},
		{"bedrock define", string(readCorpus(t, "06-bedrock-application.php")), "DB_NAME", StringLit("x"), "Config::define"},
		{"bedrock insert", string(readCorpus(t, "06-bedrock-application.php")), "WP_DEBUG", BoolLit(true), "Bedrock"},
		{"no anchor", "<?php\ndefine('A', 1);\n", "B", IntLit(2), "neither"},
		{"include before anchor", string(readCorpus(t, "27-require-other-config.php")), "WP_DEBUG_LOG", BoolLit(true), "includes another file"},
		{"loader", string(readCorpus(t, "02-debian-dispatcher.php")), "WP_DEBUG", BoolLit(true), "includes another file"},
		{"bad name", plain, "A-B", IntLit(1), "not a valid constant name"},
		{"digit first", plain, "1A", IntLit(1), "not a valid constant name"},
		{"empty name", plain, "", IntLit(1), "not a valid constant name"},
		{"no value", plain, "A", Literal{}, "no value"},
		{"min int", plain, "A", IntLit(-1 << 63), "result does not define"},
		{"not php", string(readCorpus(t, "21-not-php.html")), "A", IntLit(1), "not a PHP file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			keep := bytes.Clone(src)
			out, err := SetConstant(src, tt.constant, tt.lit)
			if !errors.Is(err, ErrCannotEdit) {
				t.Fatalf("err = %v, want ErrCannotEdit (out %q)", err, out)
			}
			if out != nil || !bytes.Equal(src, keep) {
				t.Error("refusal returned output or changed the input")
			}
			if !strings.Contains(err.Error(), tt.why) {
				t.Errorf("err %q does not say %q", err, tt.why)
			}
		})
	}
}

func TestSetConstantsAtomic(t *testing.T) {
	src := readCorpus(t, "01-sample-crlf.php")
	for _, settings := range [][]Setting{
		{{"WP_DEBUG", BoolLit(true)}, {"ABSPATH", StringLit("/x/")}},
		{{"WP_DEBUG", BoolLit(true)}, {"WP_DEBUG", BoolLit(false)}},
		{{"WP_CACHE", BoolLit(true)}, {"bad name", BoolLit(false)}},
	} {
		out, err := SetConstants(src, settings)
		if !errors.Is(err, ErrCannotEdit) || out != nil {
			t.Errorf("%v: got %v, %q; want a refusal", settings, err, out)
		}
	}
}

// TestSetConstantRoundTrip sets every replaceable constant of every corpus
// file to another value of the same kind and back, and expects the
// original bytes whenever the original was written canonically.
func TestSetConstantRoundTrip(t *testing.T) {
	files, _ := os.ReadDir("testdata/corpus")
	tried := 0
	for _, f := range files {
		src := readCorpus(t, f.Name())
		cfg, err := Parse(src)
		if err != nil || cfg.Damaged {
			continue
		}
		for _, d := range cfg.Defines {
			other, ok := otherValue(d.Value)
			if !ok || !validName(d.Name) || len(cfg.Definitions(d.Name)) != 1 || d.Cond != Always || d.Form == FormConfigDefine {
				continue
			}
			old := Literal{d.Value}
			out, err := SetConstant(src, d.Name, other)
			if err != nil {
				if !strings.Contains(err.Error(), "computed at run time") {
					t.Errorf("%s %s: %v", f.Name(), d.Name, err)
				}
				continue
			}
			back, err := SetConstant(out, d.Name, old)
			if err != nil {
				t.Errorf("%s %s back: %v", f.Name(), d.Name, err)
				continue
			}
			tried++
			canonical := old.render(d.Value) == d.Value.Raw
			if canonical && !bytes.Equal(back, src) {
				t.Errorf("%s %s: round trip changed bytes", f.Name(), d.Name)
			}
			if !canonical && len(back)-len(src) != len(old.render(d.Value))-len(d.Value.Raw) {
				t.Errorf("%s %s: round trip changed more than the value", f.Name(), d.Name)
			}
		}
	}
	if tried < 50 {
		t.Errorf("only %d round trips tried", tried)
	}
}

func otherValue(v Value) (Literal, bool) {
	switch v.Kind {
	case KindBool:
		return BoolLit(!v.Bool), true
	case KindInt:
		return IntLit(v.Int + 1), true
	case KindString:
		return StringLit(v.Str + "'x\\"), true
	}
	return Literal{}, false
}
