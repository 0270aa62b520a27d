package multisite

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// FuzzSitewide: ParseSitewide never panics; what it rejects wraps
// ErrBadSitewide; what it accepts serializes back to the input, and taking
// out any one plugin then putting it back gives the same bytes again.
func FuzzSitewide(f *testing.F) {
	for _, s := range []string{three, `a:0:{}`, ``, `a:1:{s:5:"a.php";s:1:"x";}`, `a:2:{i:0;i:1;s:1:"0";i:2;}`, `a:1:{s:1:"a";i:1`, `b:0;`, `N;`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		s, err := ParseSitewide(raw)
		if err != nil {
			if !errors.Is(err, ErrBadSitewide) {
				t.Fatalf("ParseSitewide(%q): %v does not wrap ErrBadSitewide", raw, err)
			}
			return
		}
		if strings.TrimSpace(string(raw)) == "" {
			return
		}
		if out := s.Serialize(); !bytes.Equal(out, raw) {
			t.Fatalf("Serialize(ParseSitewide(%q)) = %q", raw, out)
		}
		for _, f := range s.Files() {
			if back := s.Without(f).PutBack(s, f).Serialize(); !bytes.Equal(back, raw) {
				t.Fatalf("%q: Without(%q).PutBack = %q", raw, f, back)
			}
		}
	})
}
