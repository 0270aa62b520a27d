package phpser

import (
	"errors"
	"strings"
	"testing"
)

// errorTests are inputs Unserialize rejects, with the offset and a
// substring of the error. TestPHPRejectsWhatWeReject checks which of them
// PHP accepts.
var errorTests = []struct {
	in     string
	offset int
	msg    string // substring of the error
}{
	{"", 0, "unexpected end"},
	{"N", 0, `want "N;"`},
	{"x", 0, "unexpected byte"},
	{"N;x", 2, "trailing data"},
	{"a:0:{};", 6, "trailing data"},
	{"b:2;", 0, "want b:0; or b:1;"},
	{"b:", 0, "want b:0; or b:1;"},
	{"i:+5;", 2, "want a number"},
	{"i:007;", 2, "leading zero"},
	{"i:-0;", 2, "-0"},
	{"i:9223372036854775808;", 2, "out of range"},
	{"i:-9223372036854775809;", 3, "out of range"},
	{"i:5", 3, `want ";"`},
	{"i:5 ;", 3, `want ";"`},
	{"d:;", 2, "invalid float"},
	{"d:1..2;", 2, "invalid float"},
	{"d:0x1p3;", 2, "invalid float"},
	{"d:1e;", 2, "invalid float"},
	{"d:nan;", 2, "invalid float"},
	{"d:1.5", 2, "unterminated float"},
	{`s:5:"abc";`, 5, "runs past the end"},
	{`s:2:"abc";`, 7, `want "\""`},
	{`s:3:"abc"`, 9, `want ";"`},
	{`s:01:"a";`, 2, "leading zero"},
	{`s:-1:"";`, 2, "want a number"},
	{`S:1:"a";`, 0, "unexpected byte"},
	{"a:99999999999:{", 2, "out of range"},
	{"a:99999:{", 2, "exceeds"},
	{"a:2:{i:0;N;}", 2, "exceeds"},
	{"a:2:{i:0;N;}xxxxxxxxx", 11, "want an int or string key"},
	{"a:1:{i:0;N;", 11, `want "}"`},
	{"a:1:{d:1;N;}", 5, "want an int or string key"},
	{"a:1:{N;N;}  ", 5, "want an int or string key"},
	{"a:1:{i:0;N;}}", 12, "trailing data"},
	{`O:3:"a-b":0:{}`, 0, "invalid class name"},
	{`O:0:"":0:{}`, 0, "invalid class name"},
	{`O:8:"stdClass":1:{}`, 15, "exceeds"},
	{`O:8:"stdClass":1:{}      `, 18, "want an int or string key"},
	{`C:3:"Foo":9:{ab}`, 10, "exceeds"},
	{`C:3:"Foo":3:{ab}`, 13, "runs past the end"},
	{`C:3:"Foo":1:{ab}`, 14, `want "}"`},
	{`E:4:"Suit";`, 0, "invalid enum name"},
	{`E:5:":Case";`, 0, "invalid enum name"},
	{"r:1;", 2, "not yet read"},
	{"R:1;", 2, "not yet read"},
	{"a:1:{i:0;r:0;}", 11, "not yet read"},
	{"a:1:{i:0;r:2;}", 11, "not yet read"},
	{"a:2:{i:0;i:1;i:1;R:3;}", 19, "not yet read"},
}

func TestUnserializeErrors(t *testing.T) {
	for _, tt := range errorTests {
		v, err := Unserialize([]byte(tt.in))
		if err == nil {
			t.Errorf("Unserialize(%q) = %#v, want error", tt.in, v)
			continue
		}
		if v != nil {
			t.Errorf("Unserialize(%q) returned value %#v with error", tt.in, v)
		}
		var se *SyntaxError
		if !errors.Is(err, ErrSyntax) || !errors.As(err, &se) {
			t.Errorf("Unserialize(%q) error %v does not wrap ErrSyntax as *SyntaxError", tt.in, err)
			continue
		}
		if se.Offset != tt.offset || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Unserialize(%q) = %v (offset %d), want %q at %d", tt.in, err, se.Offset, tt.msg, tt.offset)
		}
	}
}

// Declared counts and lengths must not drive allocation.
func TestHugeDeclaredCountsDoNotAllocate(t *testing.T) {
	for _, in := range []string{"a:2147483647:{", `s:2147483647:"`, `O:8:"stdClass":2147483647:{`, `C:1:"X":2147483647:{`} {
		allocs := testing.AllocsPerRun(10, func() {
			if _, err := Unserialize([]byte(in)); err == nil {
				t.Fatalf("Unserialize(%q) succeeded", in)
			}
		})
		if allocs > 10 {
			t.Errorf("Unserialize(%q): %v allocations", in, allocs)
		}
	}
}

func TestRefTagErrors(t *testing.T) {
	for _, in := range []string{"r", "R", "r;", "R1;", "a:1:{i:0;r}"} {
		_, err := Unserialize([]byte(in))
		var se *SyntaxError
		if !errors.As(err, &se) || !strings.Contains(se.Msg, `:"`) {
			t.Errorf("Unserialize(%q) = %v, want a missing-colon error", in, err)
		}
	}
}
