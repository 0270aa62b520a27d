package probe

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestProbeClasses serves each kind of page over real HTTP and checks the
// class, the verdict and the headers of interest.
func TestProbeClasses(t *testing.T) {
	cases := []struct {
		path    string
		status  int
		headers []string
		file    string
		class   Class
		verdict Verdict
		check   func(t *testing.T, r Result)
	}{
		{"/ok", 200, []string{"Server: nginx/1.22.1", "X-Powered-By: PHP/8.2.18"}, "wp-ok-home.html", ClassOK, Healthy,
			func(t *testing.T, r Result) {
				if r.Headers.Server != "nginx/1.22.1" || r.Headers.XPoweredBy != "PHP/8.2.18" {
					t.Errorf("headers = %+v", r.Headers)
				}
			}},
		{"/white", 200, nil, "", ClassWhiteScreen, Broken, nil},
		{"/critical", 500, nil, "wp-critical-error.html", ClassWPCriticalError, Broken, nil},
		{"/db", 500, nil, "wp-db-error.html", ClassWPDBError, Broken, nil},
		{"/maintenance", 503, []string{"Retry-After: 600"}, "wp-maintenance.html", ClassWPMaintenance, Maintenance,
			func(t *testing.T, r Result) {
				if r.Headers.RetryAfter != "600" {
					t.Errorf("Retry-After = %q, want 600", r.Headers.RetryAfter)
				}
			}},
		{"/php", 200, nil, "php-fatal-uncaught.html", ClassPHPErrorDisplayed, Broken,
			func(t *testing.T, r Result) {
				if !strings.Contains(r.PHPError, "broken-plugin/broken-plugin.php:14") {
					t.Errorf("PHPError = %q", r.PHPError)
				}
			}},
		{"/nginx502", 502, []string{"Server: nginx/1.22.1"}, "nginx-502.html", ClassGatewayError, Broken,
			func(t *testing.T, r Result) {
				if r.Server != "nginx/1.22.1" {
					t.Errorf("Server = %q", r.Server)
				}
			}},
		{"/apache503", 503, []string{"Server: Apache/2.4.57 (Debian)"}, "apache-503.html", ClassGatewayError, Broken, nil},
		{"/empty500", 500, nil, "", ClassHTTPError, Broken, nil},
		{"/notfound", 404, nil, "", ClassHTTPError, Inconclusive, nil},
		{"/cf521", 521, []string{"Server: cloudflare", "CF-Ray: 8838c6a4cd2f9b1e-FRA"}, "cloudflare-521.html", ClassCDNError, Broken,
			func(t *testing.T, r Result) {
				if r.CDN != CDNCloudflare || r.OriginFault || r.Headers.CFRay != "8838c6a4cd2f9b1e-FRA" {
					t.Errorf("cdn=%q origin_fault=%v cf-ray=%q", r.CDN, r.OriginFault, r.Headers.CFRay)
				}
			}},
		{"/cf-origin502", 502, []string{"Server: cloudflare", "CF-Ray: 1-FRA", "Via: 1.1 varnish", "X-Cache: MISS"}, "nginx-502.html", ClassGatewayError, Broken,
			func(t *testing.T, r Result) {
				if r.CDN != CDNCloudflare || !r.OriginFault {
					t.Errorf("cdn=%q origin_fault=%v, want cloudflare/true", r.CDN, r.OriginFault)
				}
				if r.Headers.Via != "1.1 varnish" || r.Headers.XCache != "MISS" {
					t.Errorf("headers = %+v", r.Headers)
				}
			}},
	}
	mux := http.NewServeMux()
	for _, tc := range cases {
		var body []byte
		if tc.file != "" {
			body = readTestdata(t, tc.file)
		}
		mux.HandleFunc(tc.path, pageHandler(tc.status, tc.headers, body))
	}
	srv := serve(t, mux.ServeHTTP)
	p := newProber(t, Options{})
	for _, tc := range cases {
		t.Run(strings.TrimPrefix(tc.path, "/"), func(t *testing.T) {
			r := p.Probe(ctxT(t), srv.URL+tc.path)
			if r.Class != tc.class || r.Status != tc.status {
				t.Fatalf("class, status = %q, %d; want %q, %d (reason %q, err %v)", r.Class, r.Status, tc.class, tc.status, r.Reason, r.Err)
			}
			if r.Verdict() != tc.verdict || r.Failing() != (tc.verdict == Broken) {
				t.Errorf("verdict = %q, failing = %v; want %q", r.Verdict(), r.Failing(), tc.verdict)
			}
			if r.Err != nil {
				t.Errorf("Err = %v, want nil for an HTTP answer", r.Err)
			}
			if r.Requests != 1 || r.HeaderBytes <= 0 || r.TTFB <= 0 || r.Total < r.TTFB {
				t.Errorf("requests=%d header_bytes=%d ttfb=%v total=%v", r.Requests, r.HeaderBytes, r.TTFB, r.Total)
			}
			if want := srv.URL + tc.path; r.FinalURL != want {
				t.Errorf("FinalURL = %q, want %q", r.FinalURL, want)
			}
			if tc.file != "" && !bytes.Equal(r.Body, readTestdata(t, tc.file)) {
				t.Errorf("body differs from served page (%d bytes)", len(r.Body))
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

func TestProbeGzipBody(t *testing.T) {
	page := readTestdata(t, "wp-critical-error.html")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(page)
	_ = zw.Close()
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept-Encoding") != "gzip" {
			t.Errorf("Accept-Encoding = %q", r.Header.Get("Accept-Encoding"))
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(500)
		if r.URL.Path == "/gz" {
			_, _ = w.Write(gz.Bytes())
		}
	})
	p := newProber(t, Options{})
	r := p.Probe(ctxT(t), srv.URL+"/gz")
	if r.Class != ClassWPCriticalError || !bytes.Equal(r.Body, page) {
		t.Errorf("gzip page: class %q, %d body bytes; want critical error, %d bytes", r.Class, len(r.Body), len(page))
	}
	r = p.Probe(ctxT(t), srv.URL+"/empty")
	if r.Class != ClassHTTPError || len(r.Body) != 0 || r.Err != nil {
		t.Errorf("empty gzip body: class %q, body %q, err %v", r.Class, r.Body, r.Err)
	}
}

func TestProbeHugeBodyBounded(t *testing.T) {
	const served = 64 << 20
	written := make(chan int, 1)
	srv := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		chunk := bytes.Repeat([]byte("<p>lorem ipsum</p>\n"), 3000)
		n := 0
		for n < served {
			m, err := w.Write(chunk)
			n += m
			if err != nil {
				break
			}
		}
		written <- n
	})
	const limit = 256 << 10
	p := newProber(t, Options{BodyLimit: limit})
	r := p.Probe(ctxT(t), srv.URL)
	if r.Class != ClassOK || len(r.Body) != limit || !r.BodyTruncated {
		t.Fatalf("class %q, %d body bytes, truncated %v; want ok, %d, true", r.Class, len(r.Body), r.BodyTruncated, limit)
	}
	if n := <-written; n >= served {
		t.Errorf("server wrote all %d bytes: the prober did not stop reading", n)
	}
}

func TestProbeHeaderBytes(t *testing.T) {
	cases := []struct {
		name, head, body string
	}{
		{"content-length",
			"HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/html; charset=UTF-8\r\nLink: <https://example.test/wp-json/>; rel=\"https://api.w.org/\"\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 5\r\n\r\n",
			"hello"},
		{"chunked",
			"HTTP/1.1 502 Bad Gateway\r\nServer: nginx\r\nTransfer-Encoding: chunked\r\nX-Powered-By: PHP/8.3.6\r\n\r\n",
			"5\r\nhello\r\n0\r\n\r\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			addr := rawServer(t, func(c net.Conn) { _, _ = c.Write([]byte(tc.head + tc.body)) })
			p := newProber(t, Options{})
			r := p.Probe(ctxT(t), "http://"+addr+"/")
			if r.HeaderBytes != len(tc.head) {
				t.Errorf("HeaderBytes = %d, want %d", r.HeaderBytes, len(tc.head))
			}
			if string(r.Body) != "hello" {
				t.Errorf("body = %q", r.Body)
			}
		})
	}
}

func TestProbeInvalidURL(t *testing.T) {
	p := newProber(t, Options{})
	for _, u := range []string{"example.com/", "ftp://example.com/", "http://", "http://[::1"} {
		r := p.Probe(ctxT(t), u)
		if r.Class != ClassInvalidURL || !errors.Is(r.Err, ErrInvalidURL) || r.Requests != 0 {
			t.Errorf("%q: class %q, err %v, requests %d", u, r.Class, r.Err, r.Requests)
		}
	}
	if p.Requests() != 0 {
		t.Errorf("Requests() = %d after invalid URLs", p.Requests())
	}
}

// A user:password in the URL becomes basic auth for that host and never
// appears in what is reported.
func TestProbeURLCredentials(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if u, pw, ok := r.BasicAuth(); !ok || u != "staging" || pw != "s3cret" {
			w.WriteHeader(401)
			return
		}
		if r.URL.Path == "/" {
			http.Redirect(w, r, "/home/", http.StatusFound)
			return
		}
		_, _ = w.Write([]byte("<title>staging</title>"))
	})
	p := newProber(t, Options{})
	u := strings.Replace(srv.URL, "http://", "http://staging:s3cret@", 1) + "/"
	r := p.Probe(ctxT(t), u)
	if r.Class != ClassOK {
		t.Fatalf("class %q status %d", r.Class, r.Status)
	}
	b, _ := json.Marshal(r)
	if strings.Contains(string(b), "s3cret") {
		t.Errorf("password in the result: %s", b)
	}
}

func TestProbeMalformedAnswer(t *testing.T) {
	addr := rawServer(t, func(c net.Conn) { _, _ = c.Write([]byte("hello there\r\n\r\n")) })
	p := newProber(t, Options{})
	r := p.Probe(ctxT(t), "http://"+addr+"/")
	if r.Class != ClassNetworkError || !errors.Is(r.Err, ErrNetwork) || !r.Failing() {
		t.Errorf("class %q err %v; want network-error", r.Class, r.Err)
	}
}

// TestProbeWithin: a per-probe deadline shorter than the Prober's cuts a
// hanging answer short and says so; a longer one is capped by the Prober's.
func TestProbeWithin(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	p, err := New(Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	res := p.ProbeWithin(t.Context(), srv.URL+"/", 300*time.Millisecond)
	if res.Class != ClassTimeout || res.Total > 5*time.Second || !strings.Contains(res.Reason, "300ms") {
		t.Fatalf("class %s after %v: %s", res.Class, res.Total, res.Reason)
	}
	short, err := New(Options{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	res = short.ProbeWithin(t.Context(), srv.URL+"/", time.Hour)
	if res.Class != ClassTimeout || res.Total > 5*time.Second || !strings.Contains(res.Reason, "200ms") {
		t.Fatalf("capped: class %s after %v: %s", res.Class, res.Total, res.Reason)
	}
}
