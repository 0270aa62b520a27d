package probe

import (
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
)

func TestWithParam(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "wpdoctor=v"},
		{"a=1&b=2", "a=1&b=2&wpdoctor=v"},
		{"b=2&a=1", "b=2&a=1&wpdoctor=v"}, // order kept
		{"s=%C3%A9t%C3%A9&p=a+b", "s=%C3%A9t%C3%A9&p=a+b&wpdoctor=v"},
		{"wpdoctor=old&a=1", "a=1&wpdoctor=v"},
		{"a=1&wpdoctor=old&wpdoctor&b", "a=1&b&wpdoctor=v"},
		{"wpdoct%6Fr=old", "wpdoctor=v"},
		{"wpdoctorx=1", "wpdoctorx=1&wpdoctor=v"},
	}
	for _, tc := range cases {
		if got := withParam(tc.in, "wpdoctor", "v"); got != tc.want {
			t.Errorf("withParam(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Property: after withParam the query has exactly one name=value pair, at
// the end, and every other pair of the input, in order, byte for byte.
func TestWithParamProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a=1", "b", "c=", "wpdoctor=x", "wpdoctor", "p=a+b", "q=%26", "wpdoctorz=1", "=v", ""}
	for i := 0; i < 2000; i++ {
		n := rng.IntN(6)
		in := make([]string, n)
		for j := range in {
			in[j] = parts[rng.IntN(len(parts))]
		}
		checkWithParam(t, strings.Join(in, "&"))
	}
}

func checkWithParam(t *testing.T, in string) {
	t.Helper()
	out := withParam(in, "wpdoctor", "tok")
	if !strings.HasSuffix(out, "wpdoctor=tok") {
		t.Fatalf("withParam(%q) = %q: no trailing pair", in, out)
	}
	q, err := url.ParseQuery(out)
	if err == nil && len(q["wpdoctor"]) != 1 {
		t.Fatalf("withParam(%q) = %q: %d wpdoctor values", in, out, len(q["wpdoctor"]))
	}
	var kept []string
	for p := range strings.SplitSeq(in, "&") {
		k, _, _ := strings.Cut(p, "=")
		if uk, err := url.QueryUnescape(k); err != nil || uk != "wpdoctor" {
			kept = append(kept, p)
		}
	}
	want := "wpdoctor=tok"
	if rest := strings.Join(kept, "&"); rest != "" {
		want = rest + "&" + want
	}
	if out != want {
		t.Fatalf("withParam(%q) = %q, want %q", in, out, want)
	}
}

// Every probe sends a fresh token, the no-cache headers and the wpdoctor
// User-Agent, and no cookie even after the site sets one.
func TestProbeCacheBypass(t *testing.T) {
	var (
		mu      sync.Mutex
		tokens  = map[string]bool{}
		queries []string
	)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		queries = append(queries, r.URL.RawQuery)
		tokens[r.URL.Query().Get("wpdoctor")] = true
		if r.Header.Get("Cache-Control") != "no-cache" || r.Header.Get("Pragma") != "no-cache" {
			t.Errorf("cache headers: %q %q", r.Header.Get("Cache-Control"), r.Header.Get("Pragma"))
		}
		if !strings.HasPrefix(r.UserAgent(), "wpdoctor") {
			t.Errorf("User-Agent %q", r.UserAgent())
		}
		if c := r.Header.Get("Cookie"); c != "" {
			t.Errorf("cookie sent: %q", c)
		}
		if r.Header.Get("Authorization") != "Basic dGVzdDp0ZXN0" {
			t.Errorf("extra header missing: %q", r.Header.Get("Authorization"))
		}
		http.SetCookie(w, &http.Cookie{Name: "wordpress_test_cookie", Value: "WP Cookie check"})
		_, _ = w.Write([]byte("ok"))
	})
	p := newProber(t, Options{Header: http.Header{"Authorization": {"Basic dGVzdDp0ZXN0"}}})
	const n = 20
	for range n {
		if r := p.Probe(ctxT(t), srv.URL+"/shop/?orderby=price&paged=2#reviews"); r.Class != ClassOK {
			t.Fatalf("class %q", r.Class)
		}
	}
	if len(tokens) != n {
		t.Errorf("%d distinct tokens over %d probes", len(tokens), n)
	}
	if !strings.HasPrefix(queries[0], "orderby=price&paged=2&wpdoctor=") {
		t.Errorf("query %q: existing query not kept first", queries[0])
	}
	// Two Probers (two runs) never share tokens.
	other := newProber(t, Options{})
	if a, b := p.nextToken(), other.nextToken(); a == b {
		t.Errorf("two probers produced the same token %q", a)
	}
}
