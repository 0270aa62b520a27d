package wpconfig

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files of the corpus test")

// corpusEnv is where corpus files pretend to live when resolving values.
var corpusEnv = Env{
	File:      "/srv/www/site/wp-config.php",
	Constants: map[string]Value{"ABSPATH": strValue("/srv/www/site/")},
}

// TestCorpus parses every file in testdata/corpus and compares a readable
// description of the result with its .golden.json file (go test -update
// rewrites them; review the diff).
func TestCorpus(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			got := describeFile(t, src)
			golden := f + ".golden.json"
			if *update {
				b, _ := json.MarshalIndent(got, "", "  ")
				if err := os.WriteFile(golden, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			raw, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden (run go test -update): %v", err)
			}
			var want []string
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("mismatch for %s\n got: %s\nwant: %s", f, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
			}
		})
	}
	if n < 20 {
		t.Errorf("corpus has %d files, want at least 20", n)
	}
}

// describeFile parses src and checks the invariants every result must keep,
// then describes it one fact per line.
func describeFile(t *testing.T, src []byte) []string {
	t.Helper()
	cfg, err := Parse(src)
	if err != nil {
		return []string{"error: " + err.Error()}
	}
	checkInvariants(t, src, cfg)
	out := []string{fmt.Sprintf("style=%s damaged=%v bom=%v crlf=%v", cfg.Style, cfg.Damaged, cfg.BOM, cfg.CRLF)}
	for _, d := range cfg.Diagnostics {
		out = append(out, "diag "+d.String())
	}
	for _, d := range cfg.Defines {
		out = append(out, describeDefine(cfg, d))
	}
	for _, d := range cfg.TablePrefixes {
		out = append(out, describeDefine(cfg, d))
	}
	for _, in := range cfg.Includes {
		s := fmt.Sprintf("L%d %s %s [%s]", in.Line, in.Kind, describeValue(in.Path), in.Cond)
		if in.Settings {
			s += " settings"
		}
		out = append(out, s)
	}
	return out
}

func describeDefine(cfg *Config, d Define) string {
	flags := []string{d.Form.String(), d.Cond.String()}
	for _, f := range []struct {
		on   bool
		name string
	}{{d.Effective, "effective"}, {d.Shadowable, "shadowable"}, {d.Recovered, "recovered"}, {d.DynamicName, "dynamic-name"}} {
		if f.on {
			flags = append(flags, f.name)
		}
	}
	s := fmt.Sprintf("L%d %s = %s [%s]", d.Line, d.Name, describeValue(d.Value), strings.Join(flags, ","))
	if d.Value.Kind == KindDependent {
		r, ok := d.Value.Resolve(corpusEnv)
		if d.Effective && d.Form != FormAssign {
			r, ok = cfg.Resolve(d.Name, corpusEnv)
		}
		if ok {
			s += " => " + describeValue(r)
		} else {
			s += " => unresolved"
		}
	}
	return s
}

func describeValue(v Value) string {
	switch v.Kind {
	case KindString:
		return fmt.Sprintf("string:%q", v.Str)
	case KindInt:
		return fmt.Sprintf("int:%d", v.Int)
	case KindFloat:
		return fmt.Sprintf("float:%g", v.Float)
	case KindBool:
		return fmt.Sprintf("bool:%v", v.Bool)
	case KindNull:
		return "null"
	case KindDependent:
		return "dependent:" + v.Raw
	}
	s := fmt.Sprintf("dynamic(%s):%s", v.Reason, v.Raw)
	if v.EnvVar != "" {
		s += " env=" + v.EnvVar
	}
	if v.Fallback != nil {
		s += " fallback=" + describeValue(*v.Fallback)
	}
	return s
}

// checkInvariants verifies what must hold for any parse result: spans point
// at the recorded source text, at most one effective definition per name,
// and lines match offsets.
func checkInvariants(t *testing.T, src []byte, cfg *Config) {
	t.Helper()
	effective := map[string]int{}
	all := append(append([]Define(nil), cfg.Defines...), cfg.TablePrefixes...)
	for _, d := range all {
		vs, ss := d.ValueSpan, d.StmtSpan
		if vs.Start < 0 || vs.End > len(src) || vs.Start > vs.End || ss.Start < 0 || ss.End > len(src) {
			t.Errorf("%s: span out of range: %+v %+v", d.Name, vs, ss)
			continue
		}
		if !d.Recovered && (vs.Start < ss.Start || vs.End > ss.End) {
			t.Errorf("%s: value span %+v outside statement %+v", d.Name, vs, ss)
		}
		if got := string(src[vs.Start:vs.End]); got != d.Value.Raw {
			t.Errorf("%s: value span holds %q, Raw is %q", d.Name, got, d.Value.Raw)
		}
		if d.Line < 1 || d.Line > lineAt(src, len(src)) {
			t.Errorf("%s: line %d out of range", d.Name, d.Line)
		}
		if d.Effective {
			effective[d.Name]++
		}
		if d.Value.Kind == KindDynamic && d.Value.Go() != nil {
			t.Errorf("%s: dynamic value carries a Go value %v", d.Name, d.Value.Go())
		}
	}
	for name, n := range effective {
		if n > 1 {
			t.Errorf("%s: %d effective definitions", name, n)
		}
	}
}
