package probe

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzClassifyResponse checks invariants of the classifier on any answer:
// it never panics, the class is known, the reason is one non-empty line,
// a 2xx/3xx is never an HTTP or gateway error, and a CDN error is >= 400.
func FuzzClassifyResponse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err == nil {
			f.Add(502, "cloudflare", b)
			f.Add(200, "", b)
		}
	}
	f.Add(500, "", []byte{})
	f.Add(200, "nginx", []byte("<b>Fatal error</b>:  x in <b>/a.php</b> on line <b>1</b>"))
	f.Add(200, "", []byte("PHP Fatal error:  y in /b.php:2\n"))
	known := map[Class]bool{}
	for _, c := range Classes() {
		known[c] = true
	}
	f.Fuzz(func(t *testing.T, status int, server string, body []byte) {
		h := http.Header{}
		if server != "" {
			h.Set("Server", server)
		}
		c := ClassifyResponse(status, h, body)
		if !known[c.Class] {
			t.Fatalf("unknown class %q", c.Class)
		}
		if c.Reason == "" || strings.ContainsAny(c.Reason, "\r\n") || !utf8.ValidString(c.Reason) {
			t.Fatalf("reason %q is not one valid line", c.Reason)
		}
		if strings.ContainsAny(c.PHPError, "\r\n") || len(c.PHPError) > 600 {
			t.Fatalf("php error %q is not one bounded line", c.PHPError)
		}
		if status >= 200 && status < 400 && (c.Class == ClassHTTPError || c.Class == ClassGatewayError || c.Class == ClassCDNError) {
			t.Fatalf("status %d classified %q", status, c.Class)
		}
		if c.Class == ClassCDNError && c.CDN == "" {
			t.Fatalf("cdn-error without a CDN name")
		}
		if c.OriginFault && c.CDN == "" {
			t.Fatalf("origin fault without a CDN")
		}
	})
}

// FuzzParseResolve checks that an accepted entry formats back to an entry
// that parses to the same value.
func FuzzParseResolve(f *testing.F) {
	for _, s := range []string{"example.test:80:127.0.0.1", "[::1]:443:[::1],127.0.0.1", "a:1:", "x:99999:1.2.3.4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := ParseResolve(s)
		if err != nil {
			return
		}
		again, err := ParseResolve(e.String())
		if err != nil || again.String() != e.String() {
			t.Fatalf("%q -> %q -> %q, %v", s, e.String(), again.String(), err)
		}
		if e.Port < 1 || e.Port > 65535 || len(e.Addrs) == 0 {
			t.Fatalf("%q accepted as %+v", s, e)
		}
	})
}

// FuzzWithParam checks the cache-bust rewrite on any query.
func FuzzWithParam(f *testing.F) {
	for _, s := range []string{"", "a=1&b=2", "wpdoctor=1", "&&", "wpdoct%6Fr=2&x", "%zz=1&wpdoctor"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		checkWithParam(t, q)
		u := &url.URL{Scheme: "http", Host: "example.test", Path: "/", RawQuery: q}
		if got := clean(bust(u, "wpdoctor", "tok"), "wpdoctor"); got != clean(u, "wpdoctor") {
			t.Fatalf("clean(bust(u)) = %q, clean(u) = %q", got, clean(u, "wpdoctor"))
		}
	})
}
