package probe

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func redirectServer(t *testing.T) (url string, seenQueries *[]string) {
	t.Helper()
	var queries []string
	mux := http.NewServeMux()
	mux.HandleFunc("/a", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/b?x=1", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		http.Redirect(w, r, "c", http.StatusFound) // relative to /b
	})
	mux.HandleFunc("/c", func(w http.ResponseWriter, r *http.Request) {
		queries = append(queries, r.URL.RawQuery)
		_, _ = w.Write([]byte("<title>C</title>"))
	})
	mux.HandleFunc("/loop1", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop2", http.StatusFound)
	})
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop1", http.StatusTemporaryRedirect)
	})
	// Like a canonical-URL redirect that echoes the query it was given.
	mux.HandleFunc("/self", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/self?"+r.URL.RawQuery, http.StatusMovedPermanently)
	})
	// Like an SEO plugin that strips unknown query arguments.
	mux.HandleFunc("/strict", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" {
			http.Redirect(w, r, "/strict", http.StatusMovedPermanently)
			return
		}
		_, _ = w.Write([]byte("<title>strict</title>"))
	})
	mux.HandleFunc("/n/", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/n/"))
		http.Redirect(w, r, "/n/"+strconv.Itoa(n+1), http.StatusFound)
	})
	srv := serve(t, mux.ServeHTTP)
	return srv.URL, &queries
}

func TestProbeFollowsRedirects(t *testing.T) {
	base, queries := redirectServer(t)
	p := newProber(t, Options{})
	r := p.Probe(ctxT(t), base+"/a")
	if r.Class != ClassOK || r.Status != 200 || r.FinalURL != base+"/c" {
		t.Fatalf("class %q status %d final %q", r.Class, r.Status, r.FinalURL)
	}
	want := []Hop{
		{URL: base + "/a", Status: 301, Location: base + "/b?x=1"},
		{URL: base + "/b?x=1", Status: 302, Location: base + "/c"},
	}
	if len(r.Redirects) != len(want) {
		t.Fatalf("redirects = %+v", r.Redirects)
	}
	for i := range want {
		if r.Redirects[i] != want[i] {
			t.Errorf("hop %d = %+v, want %+v", i, r.Redirects[i], want[i])
		}
	}
	if r.Requests != 3 || p.Requests() != 3 {
		t.Errorf("requests = %d (prober %d), want 3", r.Requests, p.Requests())
	}
	// Every hop carries the probe's cache-bust parameter, once, after the
	// query the redirect gave.
	if len(*queries) != 2 || !strings.HasPrefix((*queries)[0], "x=1&wpdoctor=") {
		t.Fatalf("queries seen = %q", *queries)
	}
	token := strings.TrimPrefix((*queries)[0], "x=1&wpdoctor=")
	if (*queries)[1] != "wpdoctor="+token {
		t.Errorf("hop queries %q: want the same token on each hop", *queries)
	}

	r = p.Probe(ctxT(t), base+"/a")
	if r.Requests != 3 || p.Requests() != 6 {
		t.Errorf("second probe: requests = %d (prober %d), want 3 (6)", r.Requests, p.Requests())
	}
}

func TestProbeRedirectLoops(t *testing.T) {
	base, _ := redirectServer(t)
	cases := []struct {
		name     string
		path     string
		max      int
		sentinel error
		requests int
		reason   string
	}{
		{"two-step loop", "/loop1", 0, ErrRedirectLoop, 2, "/loop1 requested twice"},
		{"self redirect with echoed cache-bust", "/self", 0, ErrRedirectLoop, 2, "/self requested twice"},
		{"endless chain, default limit", "/n/0", 0, ErrTooManyRedirects, DefaultMaxRedirects + 1, "more than 10 hops"},
		{"endless chain, limit 3", "/n/0", 3, ErrTooManyRedirects, 4, "more than 3 hops"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newProber(t, Options{MaxRedirects: tc.max})
			r := p.Probe(ctxT(t), base+tc.path)
			if r.Class != ClassRedirectLoop || !errors.Is(r.Err, tc.sentinel) || !r.Failing() {
				t.Fatalf("class %q err %v; want redirect-loop wrapping %v", r.Class, r.Err, tc.sentinel)
			}
			if r.Requests != tc.requests || p.Requests() != int64(tc.requests) || len(r.Redirects) != tc.requests {
				t.Errorf("requests %d, prober %d, hops %d; want %d", r.Requests, p.Requests(), len(r.Redirects), tc.requests)
			}
			if !strings.Contains(r.Reason, tc.reason) {
				t.Errorf("reason %q, want %q", r.Reason, tc.reason)
			}
		})
	}
}

// A site that redirects the cache-bust parameter away is not a loop: the
// probe goes on without it and says so.
func TestProbeCacheBustRedirectedAway(t *testing.T) {
	base, _ := redirectServer(t)
	p := newProber(t, Options{})
	r := p.Probe(ctxT(t), base+"/strict")
	if r.Class != ClassOK || !r.CacheBustDropped || r.Requests != 2 || r.FinalURL != base+"/strict" {
		t.Errorf("class %q dropped %v requests %d final %q; want ok, true, 2", r.Class, r.CacheBustDropped, r.Requests, r.FinalURL)
	}
}

func TestProbeNoFollow(t *testing.T) {
	base, _ := redirectServer(t)
	p := newProber(t, Options{MaxRedirects: -1})
	r := p.Probe(ctxT(t), base+"/a")
	if r.Class != ClassOK || r.Status != 301 || len(r.Redirects) != 0 || r.Requests != 1 {
		t.Errorf("class %q status %d hops %d requests %d; want the 301 itself", r.Class, r.Status, len(r.Redirects), r.Requests)
	}
}
