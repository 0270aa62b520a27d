package phpser

import (
	"errors"
	"reflect"
	"testing"
)

func TestStringList(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr bool
	}{
		{`a:0:{}`, []string{}, false},
		{`a:2:{i:0;s:1:"a";i:2;s:1:"c";}`, []string{"a", "c"}, false},
		{`a:2:{i:5;s:1:"b";s:1:"x";s:1:"a";}`, []string{"b", "a"}, false},
		{`a:1:{i:0;i:1;}`, nil, true},
		{`s:1:"a";`, nil, true},
		{`N;`, nil, true},
	}
	for _, tt := range tests {
		v, err := Unserialize([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		got, err := StringList(v)
		if tt.wantErr {
			if !errors.Is(err, ErrType) {
				t.Errorf("StringList(%s) err = %v, want ErrType", tt.in, err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("StringList(%s) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNewStringList(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, "a:0:{}"},
		{[]string{"hello.php"}, `a:1:{i:0;s:9:"hello.php";}`},
		{[]string{"a/a.php", "é/é.php"}, `a:2:{i:0;s:7:"a/a.php";i:1;s:9:"é/é.php";}`},
	}
	for _, tt := range tests {
		if got := string(Serialize(NewStringList(tt.in))); got != tt.want {
			t.Errorf("NewStringList(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestFilterKeepsKeys(t *testing.T) {
	v, err := Unserialize([]byte(`a:3:{i:0;s:1:"a";i:1;s:1:"b";i:2;s:1:"c";}`))
	if err != nil {
		t.Fatal(err)
	}
	got := v.(Array).Filter(func(p Pair) bool { return p.Value != String("b") })
	if s := string(Serialize(got)); s != `a:2:{i:0;s:1:"a";i:2;s:1:"c";}` {
		t.Errorf("Filter = %s", s)
	}
	if n := len(v.(Array)); n != 3 {
		t.Errorf("Filter changed its receiver: len %d", n)
	}
	list, _ := StringList(got)
	if s := string(Serialize(NewStringList(list))); s != `a:2:{i:0;s:1:"a";i:1;s:1:"c";}` {
		t.Errorf("renumbered = %s", s)
	}
}

func TestGet(t *testing.T) {
	in := `a:4:{s:19:"akismet/akismet.php";i:1700000000;i:7;s:5:"seven";s:1:"x";i:1;s:1:"x";i:2;}`
	v, err := Unserialize([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	a := v.(Array)
	tests := []struct {
		key   string
		want  Value
		found bool
	}{
		{"akismet/akismet.php", Int(1700000000), true},
		{"7", String("seven"), true}, // as PHP: $a["7"] is $a[7]
		{"07", nil, false},
		{"x", Int(2), true}, // last duplicate wins
		{"missing", nil, false},
	}
	for _, tt := range tests {
		got, found := a.Get(tt.key)
		if found != tt.found || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Get(%q) = %#v, %v; want %#v, %v", tt.key, got, found, tt.want, tt.found)
		}
	}
	var keys []string
	for _, p := range a {
		keys = append(keys, p.Key.String())
	}
	if want := []string{"akismet/akismet.php", "7", "x", "x"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("keys in order = %q, want %q", keys, want)
	}
}

func TestKey(t *testing.T) {
	if k := IntKey(-3); k.IsString() || k.Int() != -3 || k.String() != "-3" {
		t.Errorf("IntKey(-3) = %+v", k)
	}
	if k := StrKey("5"); !k.IsString() || k.String() != "5" || k == IntKey(5) {
		t.Errorf("StrKey(5) = %+v", k)
	}
	if (Key{}) != IntKey(0) {
		t.Error("zero Key is not IntKey(0)")
	}
}

func TestSerializeNilAndBuilt(t *testing.T) {
	v := Array{
		{StrKey("n"), nil},
		{IntKey(1), Object{"stdClass", Array{{StrKey("p"), Float{V: 0.1}}}}},
		{IntKey(2), Float{V: 2, Text: "1.0"}}, // stale text is ignored
		{IntKey(3), Float{V: 1, Text: "1.0"}},
		{IntKey(4), Float{V: 3, Text: "junk"}},
	}
	want := `a:5:{s:1:"n";N;i:1;O:8:"stdClass":1:{s:1:"p";d:0.1;}i:2;d:2;i:3;d:1.0;i:4;d:3;}`
	if got := string(Serialize(v)); got != want {
		t.Errorf("Serialize = %s\nwant        %s", got, want)
	}
}
