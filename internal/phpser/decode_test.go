package phpser

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// roundTripTests are valid inputs (PHP accepts each, see
// TestPHPAcceptsWhatWeAccept) with the values they decode to.
var roundTripTests = []struct {
	name string
	in   string
	want Value
}{
	{"null", "N;", Null{}},
	{"false", "b:0;", Bool(false)},
	{"true", "b:1;", Bool(true)},
	{"zero", "i:0;", Int(0)},
	{"negative", "i:-42;", Int(-42)},
	{"max int", "i:9223372036854775807;", Int(math.MaxInt64)},
	{"min int", "i:-9223372036854775808;", Int(math.MinInt64)},
	{"float 0.1", "d:0.1;", Float{0.1, "0.1"}},
	{"float exp", "d:1.0E+25;", Float{1e25, "1.0E+25"}},
	{"float small exp", "d:1.0E-5;", Float{1e-5, "1.0E-5"}},
	{"float INF", "d:INF;", Float{math.Inf(1), "INF"}},
	{"float -INF", "d:-INF;", Float{math.Inf(-1), "-INF"}},
	{"float -0", "d:-0;", Float{math.Copysign(0, -1), "-0"}},
	{"float int text", "d:1;", Float{1, "1"}},
	{"float odd text .5", "d:.5;", Float{0.5, ".5"}},
	{"float odd text 5.", "d:5.;", Float{5, "5."}},
	{"float odd text +e", "d:+1.5e3;", Float{1500, "+1.5e3"}},
	{"float overflow", "d:1e999;", Float{math.Inf(1), "1e999"}},
	{"empty string", `s:0:"";`, String("")},
	{"utf8 counts bytes", `s:6:"héllo";`, String("héllo")},
	{"cjk", `s:9:"日本語";`, String("日本語")},
	{"binary", "s:6:\"\x00\xff\";}\n\";", String("\x00\xff\";}\n")},
	{"invalid utf8", "s:3:\"\xc3\x28\xa0\";", String("\xc3\x28\xa0")},
	{"empty array", "a:0:{}", Array{}},
	{"list with hole", `a:2:{i:0;s:1:"a";i:2;s:1:"c";}`,
		Array{{IntKey(0), String("a")}, {IntKey(2), String("c")}}},
	{"numeric string key stays string", `a:2:{s:1:"5";i:1;i:5;i:2;}`,
		Array{{StrKey("5"), Int(1)}, {IntKey(5), Int(2)}}},
	{"key order kept", `a:3:{s:1:"z";N;i:-1;b:1;s:1:"a";d:2.5;}`,
		Array{{StrKey("z"), Null{}}, {IntKey(-1), Bool(true)}, {StrKey("a"), Float{2.5, "2.5"}}}},
	{"duplicate keys kept", `a:2:{i:0;i:1;i:0;i:2;}`,
		Array{{IntKey(0), Int(1)}, {IntKey(0), Int(2)}}},
	{"nested", `a:1:{s:4:"mods";a:1:{i:0;a:0:{}}}`,
		Array{{StrKey("mods"), Array{{IntKey(0), Array{}}}}}},
	{"stdClass", `O:8:"stdClass":2:{s:1:"a";i:1;s:1:"b";a:0:{}}`,
		Object{"stdClass", Array{{StrKey("a"), Int(1)}, {StrKey("b"), Array{}}}}},
	{"private props", "O:1:\"P\":2:{s:4:\"\x00P\x00a\";i:1;s:4:\"\x00*\x00b\";N;}",
		Object{"P", Array{{StrKey("\x00P\x00a"), Int(1)}, {StrKey("\x00*\x00b"), Null{}}}}},
	{"namespaced class", `O:7:"A\B\Cde":0:{}`, Object{`A\B\Cde`, Array{}}},
	{"custom", `C:3:"Foo":4:{a;b}}`, Custom{"Foo", "a;b}"}},
	{"enum", `E:11:"Suit:Hearts";`, Enum("Suit:Hearts")},
	{"object ref", `a:2:{i:0;O:8:"stdClass":0:{}i:1;r:2;}`,
		Array{{IntKey(0), Object{"stdClass", Array{}}}, {IntKey(1), Ref{2, false}}}},
	{"ref to ref slot", `a:3:{i:0;O:8:"stdClass":0:{}i:1;r:2;i:2;r:3;}`,
		Array{{IntKey(0), Object{"stdClass", Array{}}}, {IntKey(1), Ref{2, false}}, {IntKey(2), Ref{3, false}}}},
	{"strong ref", `a:3:{i:0;i:1;i:1;i:2;i:2;R:2;}`,
		Array{{IntKey(0), Int(1)}, {IntKey(1), Int(2)}, {IntKey(2), Ref{2, true}}}},
	{"ref into custom payload", `a:2:{i:0;C:3:"Foo":22:{a:1:{i:0;O:1:"X":0:{}}}i:1;r:4;}`,
		Array{{IntKey(0), Custom{"Foo", `a:1:{i:0;O:1:"X":0:{}}`}}, {IntKey(1), Ref{4, false}}}},
	{"active_plugins", `a:2:{i:0;s:19:"akismet/akismet.php";i:1;s:9:"hello.php";}`,
		NewStringList([]string{"akismet/akismet.php", "hello.php"})},
}

func TestRoundTripTable(t *testing.T) {
	for _, tt := range roundTripTests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Unserialize([]byte(tt.in))
			if err != nil {
				t.Fatalf("Unserialize(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Unserialize(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
			if out := string(Serialize(got)); out != tt.in {
				t.Errorf("Serialize(Unserialize(%q)) = %q", tt.in, out)
			}
		})
	}
}

func TestUnserializeNaN(t *testing.T) {
	v, err := Unserialize([]byte("d:NAN;"))
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := v.(Float); !ok || !math.IsNaN(f.V) || f.Text != "NAN" {
		t.Fatalf("got %#v, want NaN Float with Text NAN", v)
	}
	if out := string(Serialize(v)); out != "d:NAN;" {
		t.Fatalf("Serialize = %q", out)
	}
}

func TestDepthLimit(t *testing.T) {
	nest := func(n int) []byte {
		return []byte(strings.Repeat("a:1:{i:0;", n) + "N;" + strings.Repeat("}", n))
	}
	if _, err := Unserialize(nest(MaxDepth)); err != nil {
		t.Fatalf("%d nested arrays (PHP accepts them): %v", MaxDepth, err)
	}
	_, err := Unserialize(nest(MaxDepth + 1))
	var se *SyntaxError
	if !errors.As(err, &se) || !strings.Contains(se.Msg, "nesting") || se.Offset != 9*MaxDepth {
		t.Fatalf("%d nested arrays: err = %v, want nesting error at byte %d", MaxDepth+1, err, 9*MaxDepth)
	}
}
