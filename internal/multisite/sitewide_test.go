package multisite

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/phpser"
)

// Three network plugins as WordPress 6 stores them.
const three = `a:3:{s:19:"akismet/akismet.php";i:1700000000;s:9:"hello.php";i:1700000123;s:31:"query-monitor/query-monitor.php";i:1712345678;}`

func TestParseSitewide(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want []NetworkPlugin
		err  error
	}{
		{"three", three, []NetworkPlugin{
			{"akismet/akismet.php", 1700000000, true}, {"hello.php", 1700000123, true}, {"query-monitor/query-monitor.php", 1712345678, true},
		}, nil},
		{"empty array", `a:0:{}`, []NetworkPlugin{}, nil},
		{"missing row", ``, []NetworkPlugin{}, nil},
		{"string time", `a:1:{s:5:"a.php";s:10:"1700000000";}`, []NetworkPlugin{{"a.php", 1700000000, true}}, nil},
		{"odd time", `a:1:{s:5:"a.php";b:1;}`, []NetworkPlugin{{"a.php", 0, false}}, nil},
		{"duplicate key: first place, last value", `a:3:{s:5:"a.php";i:1;s:5:"b.php";i:2;s:5:"a.php";i:3;}`, []NetworkPlugin{{"a.php", 3, true}, {"b.php", 2, true}}, nil},
		{"truncated", `a:1:{s:5:"a.php";i:1`, nil, phpser.ErrSyntax},
		{"wrong length", `a:1:{s:9:"a.php";i:1;}`, nil, phpser.ErrSyntax},
		{"not serialized", `akismet/akismet.php`, nil, phpser.ErrSyntax},
		{"not an array", `s:5:"a.php";`, nil, phpser.ErrType},
		{"serialized false", `b:0;`, nil, phpser.ErrType},
	}
	for _, tt := range tests {
		s, err := ParseSitewide([]byte(tt.raw))
		if tt.err != nil {
			if !errors.Is(err, tt.err) || !errors.Is(err, ErrBadSitewide) {
				t.Errorf("%s: err = %v, want %v and ErrBadSitewide", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := s.Plugins(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Plugins = %+v, want %+v", tt.name, got, tt.want)
		}
		if tt.raw != "" && string(s.Serialize()) != tt.raw {
			t.Errorf("%s: Serialize = %s, want the input back", tt.name, s.Serialize())
		}
	}
}

func TestSitewideEmptySerializesAsArray(t *testing.T) {
	s, err := ParseSitewide(nil)
	if err != nil || string(s.Serialize()) != "a:0:{}" || s.Len() != 0 {
		t.Fatalf("ParseSitewide(nil) = %s, %v", s.Serialize(), err)
	}
}

func TestSitewideWithoutAndPutBack(t *testing.T) {
	orig, err := ParseSitewide([]byte(three))
	if err != nil {
		t.Fatal(err)
	}
	files := orig.Files()
	subsets := [][]string{{}, {files[0]}, {files[1]}, {files[2]}, {files[0], files[2]}, files}
	for _, drop := range subsets {
		off := orig.Without(drop...)
		for _, f := range drop {
			if off.Has(f) {
				t.Errorf("Without(%v) still has %s", drop, f)
			}
		}
		if off.Len() != orig.Len()-len(drop) {
			t.Errorf("Without(%v) has %d entries", drop, off.Len())
		}
		if back := off.PutBack(orig, drop...); string(back.Serialize()) != three {
			t.Errorf("Without(%v).PutBack = %s, want %s", drop, back.Serialize(), three)
		}
		// Put back one at a time, in any order: the same bytes.
		back := off
		for i := len(drop) - 1; i >= 0; i-- {
			back = back.PutBack(orig, drop[i])
		}
		if string(back.Serialize()) != three {
			t.Errorf("PutBack one by one after Without(%v) = %s", drop, back.Serialize())
		}
	}
	if string(orig.Serialize()) != three {
		t.Errorf("orig changed: %s", orig.Serialize())
	}
}

func TestSitewidePutBackKeepsOthersChanges(t *testing.T) {
	orig, _ := ParseSitewide([]byte(`a:2:{s:5:"a.php";i:1;s:5:"b.php";i:2;}`))
	// While a.php was off, someone network-activated c.php.
	now, _ := ParseSitewide([]byte(`a:2:{s:5:"b.php";i:2;s:5:"c.php";i:9;}`))
	got := string(now.PutBack(orig, "a.php").Serialize())
	if want := `a:3:{s:5:"a.php";i:1;s:5:"b.php";i:2;s:5:"c.php";i:9;}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	// A file already back (re-activated meanwhile) keeps its new time; a
	// file orig never had is not invented.
	again, _ := ParseSitewide([]byte(`a:2:{s:5:"a.php";i:5;s:5:"b.php";i:2;}`))
	if got := string(again.PutBack(orig, "a.php", "z.php").Serialize()); got != `a:2:{s:5:"a.php";i:5;s:5:"b.php";i:2;}` {
		t.Errorf("got %s", got)
	}
}

func TestNewSitewide(t *testing.T) {
	orig, _ := ParseSitewide([]byte(three))
	if got := string(NewSitewide(orig.Plugins()).Serialize()); got != three {
		t.Errorf("NewSitewide(Plugins) = %s", got)
	}
}

func TestSitewideJSON(t *testing.T) {
	s, _ := ParseSitewide([]byte(`a:2:{s:5:"b.php";i:2;s:5:"a.php";i:1;}`))
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if want := `[{"file":"b.php","activated":2},{"file":"a.php","activated":1}]`; string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
	if b, _ := json.Marshal(Sitewide{}); string(b) != "[]" {
		t.Errorf("empty JSON = %s", b)
	}
}
