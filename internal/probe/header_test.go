package probe

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// TestWithHeader: a context's headers go with that probe only, on every hop
// to the probed host and never to another host a redirect leads to; the
// agent's answer header is reported.
func TestWithHeader(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]string{}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen["other"] = r.Header.Get("X-WPDoctor-Probe")
		mu.Unlock()
		_, _ = w.Write([]byte("<title>elsewhere</title>"))
	}))
	defer other.Close()
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.Path] = r.Header.Get("X-WPDoctor-Probe")
		mu.Unlock()
		switch r.URL.Path {
		case "/hop":
			http.Redirect(w, r, "/page", http.StatusFound)
		case "/away":
			http.Redirect(w, r, other.URL+"/", http.StatusFound)
		default:
			if r.Header.Get("X-WPDoctor-Probe") != "" {
				w.Header().Set("X-WPDoctor-Agent", "1")
			}
			_, _ = w.Write([]byte("<title>page</title>"))
		}
	}))
	defer site.Close()
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := WithHeader(context.Background(), http.Header{"X-Wpdoctor-Probe": {"s3cret"}})
	r := p.Probe(ctx, site.URL+"/hop")
	if seen["/hop"] != "s3cret" || seen["/page"] != "s3cret" || r.Headers.WPDoctorAgent != "1" {
		t.Errorf("headers seen %v, agent %q", seen, r.Headers.WPDoctorAgent)
	}
	p.Probe(ctx, site.URL+"/away")
	if seen["other"] != "" {
		t.Errorf("the header went to another host: %q", seen["other"])
	}
	clear(seen)
	r = p.Probe(context.Background(), site.URL+"/page")
	if seen["/page"] != "" || r.Headers.WPDoctorAgent != "" {
		t.Errorf("a probe without the header sent %q (agent %q)", seen["/page"], r.Headers.WPDoctorAgent)
	}
}
