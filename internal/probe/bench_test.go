package probe

import (
	"bytes"
	"io"
	"net/http"
	"testing"
)

var trivialPage = []byte("<!DOCTYPE html><html><head><title>ok</title></head><body>ok</body></html>\n")

// BenchmarkProbe measures a whole probe against a trivial loopback handler:
// wpdoctor's own cost per probe plus one loopback round trip.
func BenchmarkProbe(b *testing.B) {
	srv := serve(b, pageHandler(200, []string{"Content-Type: text/html"}, trivialPage))
	p := newProber(b, Options{})
	ctx := b.Context()
	b.ReportAllocs()
	for b.Loop() {
		if r := p.Probe(ctx, srv.URL+"/?p=1"); r.Class != ClassOK {
			b.Fatalf("class %q: %s", r.Class, r.Reason)
		}
	}
}

// BenchmarkBaselineGet is the same round trip with a bare keep-alive
// http.Client: the difference with BenchmarkProbe is the Prober's
// overhead (cache-busting, tracing, classification).
func BenchmarkBaselineGet(b *testing.B) {
	srv := serve(b, pageHandler(200, []string{"Content-Type: text/html"}, trivialPage))
	c := &http.Client{Transport: &http.Transport{}}
	b.Cleanup(c.CloseIdleConnections)
	ctx := b.Context()
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/?p=1", nil)
		resp, err := c.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}
}

// BenchmarkProbeWithRedirect probes through one redirect (two requests).
func BenchmarkProbeWithRedirect(b *testing.B) {
	srv := serve(b, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" {
			http.Redirect(w, r, "/home/", http.StatusMovedPermanently)
			return
		}
		_, _ = w.Write(trivialPage)
	})
	p := newProber(b, Options{})
	ctx := b.Context()
	b.ReportAllocs()
	for b.Loop() {
		if r := p.Probe(ctx, srv.URL+"/"); r.Class != ClassOK {
			b.Fatalf("class %q", r.Class)
		}
	}
}

// BenchmarkClassifyResponse classifies a large healthy page (256 KiB, the
// default body limit) and a small error page.
func BenchmarkClassifyResponse(b *testing.B) {
	home := readTestdata(b, "wp-ok-home.html")
	big := bytes.Repeat(home, DefaultBodyLimit/len(home)+1)[:DefaultBodyLimit]
	nginx := readTestdata(b, "nginx-502.html")
	cf := readTestdata(b, "cloudflare-521.html")
	h := hdr("Server: nginx", "Content-Type: text/html")
	for _, bc := range []struct {
		name   string
		status int
		body   []byte
	}{{"ok-256KiB", 200, big}, {"nginx-502", 502, nginx}, {"cloudflare-521", 521, cf}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.body)))
			for b.Loop() {
				_ = ClassifyResponse(bc.status, h, bc.body)
			}
		})
	}
}
