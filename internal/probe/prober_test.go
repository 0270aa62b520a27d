package probe

import (
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// Kept-alive connections are reused across probes.
func TestProbeReusesConnections(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(pageHandler(200, nil, []byte("<title>x</title>")))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	p := newProber(t, Options{})
	for range 25 {
		if r := p.Probe(ctxT(t), srv.URL); r.Class != ClassOK {
			t.Fatalf("class %q", r.Class)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for 25 sequential probes, want 1", n)
	}
}

// Concurrent probes are counted exactly (run with -race).
func TestProbeCountsConcurrently(t *testing.T) {
	var served atomic.Int64
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
			return
		}
		_, _ = w.Write([]byte("ok"))
	})
	p := newProber(t, Options{})
	const workers, each = 8, 10
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				if r := p.Probe(ctxT(t), srv.URL+"/old"); r.Requests != 2 || r.Class != ClassOK {
					t.Errorf("requests %d class %q", r.Requests, r.Class)
				}
			}
		})
	}
	wg.Wait()
	if got, want := p.Requests(), int64(workers*each*2); got != want || served.Load() != want {
		t.Errorf("Requests() = %d, server saw %d, want %d", got, served.Load(), want)
	}
}

func TestResultJSON(t *testing.T) {
	srv := serve(t, pageHandler(502, []string{"Server: cloudflare", "CF-Ray: abc-FRA"}, readTestdata(t, "nginx-502.html")))
	p := newProber(t, Options{})
	r := p.Probe(ctxT(t), srv.URL+"/")
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"class": "gateway-error", "verdict": "broken", "status": 502.0, "cdn": "cloudflare",
		"origin_fault": true, "server": "nginx/1.22.1", "requests": 1.0,
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("json %s = %v, want %v", k, m[k], v)
		}
	}
	for _, k := range []string{"ttfb_ms", "total_ms", "header_bytes", "body_bytes", "body_excerpt", "headers", "reason"} {
		if _, ok := m[k]; !ok {
			t.Errorf("json lacks %q: %s", k, b)
		}
	}
	if h := m["headers"].(map[string]any); h["cf_ray"] != "abc-FRA" {
		t.Errorf("json headers = %v", h)
	}

	// A failure carries its error text; a long body is cut in the JSON only.
	r = Result{URL: "http://x/", Class: ClassTimeout, Err: wrapErr("http://x/", ErrTimeout, nil),
		Body: []byte(strings.Repeat("é", ExcerptJSONLimit))}
	b, _ = json.Marshal(r)
	m = nil
	_ = json.Unmarshal(b, &m)
	if m["error"] != "probe http://x/: timed out" || m["verdict"] != "broken" {
		t.Errorf("json error/verdict = %v/%v", m["error"], m["verdict"])
	}
	if ex := m["body_excerpt"].(string); len(ex) > ExcerptJSONLimit || strings.ContainsRune(ex, '\uFFFD') {
		t.Errorf("excerpt %d bytes, valid cut: %v", len(ex), !strings.ContainsRune(ex, '\uFFFD'))
	}
}

func TestVerdicts(t *testing.T) {
	cases := []struct {
		class  Class
		status int
		want   Verdict
	}{
		{ClassOK, 200, Healthy},
		{ClassWhiteScreen, 200, Broken},
		{ClassWPCriticalError, 500, Broken},
		{ClassWPDBError, 500, Broken},
		{ClassWPMaintenance, 503, Maintenance},
		{ClassPHPErrorDisplayed, 200, Broken},
		{ClassGatewayError, 502, Broken},
		{ClassHTTPError, 500, Broken},
		{ClassHTTPError, 403, Inconclusive},
		{ClassHTTPError, 429, Inconclusive},
		{ClassCDNError, 521, Broken},
		{ClassCDNError, 403, Inconclusive},
		{ClassRedirectLoop, 302, Broken},
		{ClassTimeout, 0, Broken},
		{ClassConnectionRefused, 0, Broken},
		{ClassConnectionReset, 0, Broken},
		{ClassTLSError, 0, Broken},
		{ClassDNSError, 0, Broken},
		{ClassNetworkError, 0, Broken},
		{ClassCanceled, 0, Inconclusive},
		{ClassInvalidURL, 0, Inconclusive},
	}
	covered := map[Class]bool{}
	for _, tc := range cases {
		covered[tc.class] = true
		r := Result{Class: tc.class, Status: tc.status}
		if r.Verdict() != tc.want || r.Failing() != (tc.want == Broken) {
			t.Errorf("%s/%d: verdict %q failing %v, want %q", tc.class, tc.status, r.Verdict(), r.Failing(), tc.want)
		}
	}
	for _, c := range Classes() {
		if !covered[c] {
			t.Errorf("class %q has no verdict case", c)
		}
	}
}
