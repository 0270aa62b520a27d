package phpser

import "testing"

// Expectations follow WordPress's is_serialized($data) with $strict = true.
func TestIsSerialized(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"twentytwentythree", false},
		{"", false},
		{"N;", true},
		{"  N;\n", true},
		{"b:1;", true},
		{"b:0;", true},
		{"i:5;", true},
		{"i:-5;", true},
		{"i:5}", false},
		{"d:1.0E+25;", true},
		{"d:INF;", false}, // WordPress's regex has no letters besides E
		{"i:;", false},
		{"a:0:{}", true},
		{"a:1:{i:0;s:1:\"a\";}", true},
		{"a:x:{}", false},
		{"a:0:", false},
		{`s:1:"a";`, true},
		{`s:1:"a"`, false},
		{`s:1:a;`, false},
		{`s:x:"a";`, false},
		{`O:8:"stdClass":0:{}`, true},
		{`E:11:"Suit:Hearts";`, true},
		{`C:3:"Foo":1:{x}`, false},
		{"r:1;", false},
		{"x:1;", false},
		{"a:", false},
		{"a;1:", false},
		{"\x00a:0:{}\x0b", true},
	}
	for _, tt := range tests {
		if got := IsSerialized([]byte(tt.in)); got != tt.want {
			t.Errorf("IsSerialized(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
