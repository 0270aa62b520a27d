package wpconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func addCorpusSeeds(f *testing.F, add func(src []byte)) {
	files, _ := filepath.Glob("testdata/corpus/*")
	for _, p := range files {
		if strings.HasSuffix(p, ".golden.json") {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		add(src)
	}
}

// FuzzParse: Parse never panics, fails only with ErrNotConfig, keeps its
// invariants, and gives the same result twice.
func FuzzParse(f *testing.F) {
	addCorpusSeeds(f, func(src []byte) { f.Add(src) })
	for _, s := range []string{"<?php define('A', \"\\u{41}\");", "<?php /* x", "<?php define(", "<?php if(!defined('A')):define('A',1);endif;",
		"<?php ?>\n<?php define('A', 1)", "<?php $table_prefix = 'x' . __DIR__;", "<?php define('A', <<<'X'\nx\nX);"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, err := Parse(src)
		if err != nil {
			if !errors.Is(err, ErrNotConfig) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		checkInvariants(t, src, cfg)
		again, _ := Parse(src)
		a, err := json.Marshal(cfg)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		b, _ := json.Marshal(again)
		if !bytes.Equal(a, b) {
			t.Fatal("two parses differ")
		}
		for _, d := range cfg.Defines {
			if got, ok := cfg.Lookup(d.Name); d.Effective && !d.DynamicName && (!ok || got.StmtSpan != d.StmtSpan) {
				t.Fatalf("Lookup(%s) does not return the effective definition", d.Name)
			}
		}
	})
}

var fuzzNames = []string{"WP_DEBUG", "WP_DEBUG_LOG", "DB_HOST", "A", "NEW_CONSTANT", "ABSPATH"}

// FuzzSetConstant: when SetConstant succeeds, the result parses cleanly with
// the new value, every byte outside the replaced value (or around the
// inserted line) is identical, other definitions are unchanged, and setting
// the old value back restores the original bytes when it was canonical.
// When it fails, it fails with ErrCannotEdit and no output.
func FuzzSetConstant(f *testing.F) {
	addCorpusSeeds(f, func(src []byte) {
		for i := range fuzzNames {
			f.Add(src, uint8(i), uint8(i), "new value", int64(i))
			f.Add(src, uint8(128+i), uint8(i), "x'\\\"$y", int64(-i))
		}
	})
	f.Add([]byte("<?php\r\ndefine( 'A', TRUE );\r\n$table_prefix = \"wp_\";\r\n/* That's all, stop editing! */\r\n"), uint8(128), uint8(0), "", int64(0))
	f.Add([]byte("<?php\ndefine('A', 'x');\n/* That's all, stop editing! */\n"), uint8(3), uint8(2), "it's \\ $x\n\"", int64(0))
	f.Fuzz(func(t *testing.T, src []byte, nameSel, kind uint8, s string, i int64) {
		name := fuzzNames[int(nameSel)%len(fuzzNames)]
		if cfg, err := Parse(src); err == nil && nameSel >= 128 && len(cfg.Defines) > 0 {
			name = cfg.Defines[int(nameSel)%len(cfg.Defines)].Name // one the file defines
		}
		lit := [3]Literal{BoolLit(i&1 == 1), IntLit(i), StringLit(s)}[int(kind)%3]
		out, err := SetConstant(src, name, lit)
		if err != nil {
			if !errors.Is(err, ErrCannotEdit) || out != nil {
				t.Fatalf("refusal %v with output %v", err, out != nil)
			}
			return
		}
		before, err := Parse(src)
		if err != nil {
			t.Fatalf("edit succeeded on input Parse rejects: %v", err)
		}
		after, err := Parse(out)
		if err != nil || after.Damaged {
			t.Fatalf("result does not parse: %v", err)
		}
		if d, ok := after.Lookup(name); !ok || !sameStatic(d.Value, lit.Value()) {
			t.Fatalf("result has %s = %+v", name, d.Value)
		}
		targets := map[string]bool{name: true}
		if summary(before, targets) != summary(after, targets) {
			t.Fatal("other definitions changed")
		}
		p := commonPrefix(src, out)
		sfx := commonPrefixRev(src[p:], out[p:])
		end := len(src) - sfx
		old, existed := before.Lookup(name)
		if existed {
			if end > p && (p < old.ValueSpan.Start || end > old.ValueSpan.End) {
				t.Fatalf("bytes changed outside the value span %+v: [%d,%d)", old.ValueSpan, p, end)
			}
			if !old.Value.Static() {
				return
			}
			back, err := SetConstant(out, name, Literal{old.Value})
			if err != nil {
				t.Fatalf("setting the old value back: %v", err)
			}
			prev := Literal{old.Value}
			canonical := prev.render(Value{}) == old.Value.Raw || // default spelling
				(lit.v.Kind == old.Value.Kind && prev.render(old.Value) == old.Value.Raw) // spelling kept
			if canonical && !bytes.Equal(back, src) {
				t.Fatal("round trip did not restore the original bytes")
			}
			return
		}
		if end != p {
			t.Fatalf("insertion removed bytes [%d,%d)", p, end)
		}
		added := string(out[p : len(out)-sfx])
		if !strings.Contains(added, "define( '"+name+"', ") || strings.Count(added, "\n") != 1 {
			t.Fatalf("inserted %q", added)
		}
	})
}

func commonPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func commonPrefixRev(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// FuzzAssume: the run-time forms (getenv('X') ?: 'fb', $_ENV/$_SERVER
// with isset or ??, getenv_docker) never panic, evaluate only to static
// values, the same way twice, and to the fallback exactly when they say so
// (issue 14, defect 6).
func FuzzAssume(f *testing.F) {
	for _, c := range runtimeCases() {
		f.Add(c.expr, "db.internal", true, c.envArray)
		f.Add(c.expr, "", false, c.envArray)
		f.Add(c.expr, "0", true, true)
	}
	for _, s := range []string{"getenv('A') ?: getenv('B') ?: 'c'", "isset($_ENV[1]) ? $_ENV[1] : 2", "getenv(\"WPD_\\x58\") ?: 'y'", "defined('X') || define('X', getenv('X') ?: 'y')"} {
		f.Add(s, "v", true, false)
	}
	f.Fuzz(func(t *testing.T, expr, val string, set, envArray bool) {
		src := []byte("<?php\ndefine('DB_HOST', " + expr + ");\n")
		cfg, err := Parse(src)
		if err != nil {
			return
		}
		for _, d := range cfg.Defines {
			env := RuntimeEnv{EnvArray: envArray}
			if set && d.Value.env != nil {
				env.Vars = map[string]string{d.Value.env.read.name: val}
			}
			v, why, ok := d.Value.Assume(env)
			if !ok {
				continue
			}
			if !v.Static() {
				t.Fatalf("%s: Assume gave a non-static %+v", expr, v)
			}
			if d.Value.env == nil {
				t.Fatalf("%s: Assume evaluated a value that reads no environment", expr)
			}
			again, why2, _ := d.Value.Assume(env)
			if !sameStatic(v, again) || why != why2 {
				t.Fatalf("%s: two evaluations differ", expr)
			}
			if strings.HasSuffix(why, "the fallback applies") && !sameStatic(v, *d.Value.env.fb) {
				t.Fatalf("%s: says the fallback applies, gives %+v", expr, v)
			}
			if !set && strings.Contains(why, "so that value applies") && v.Kind == KindString {
				t.Fatalf("%s: a string from an empty environment: %+v (%s)", expr, v, why)
			}
		}
	})
}
