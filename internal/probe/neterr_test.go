package probe

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestProbeTimeout(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow-body" {
			w.WriteHeader(200)
			_, _ = w.Write([]byte("<html><body>start"))
			w.(http.Flusher).Flush()
		}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	const timeout = 150 * time.Millisecond
	p := newProber(t, Options{Timeout: timeout})
	cases := []struct {
		path, phase string
		status      int
	}{
		{"/slow-headers", "waiting for the answer", 0},
		{"/slow-body", "while reading the body", 200},
	}
	for _, tc := range cases {
		r := p.Probe(ctxT(t), srv.URL+tc.path)
		if r.Class != ClassTimeout || !errors.Is(r.Err, ErrTimeout) || !errors.Is(r.Err, context.DeadlineExceeded) {
			t.Fatalf("%s: class %q, err %v; want timeout wrapping ErrTimeout and DeadlineExceeded", tc.path, r.Class, r.Err)
		}
		if !strings.Contains(r.Reason, tc.phase) || r.Status != tc.status {
			t.Errorf("%s: reason %q, status %d; want phase %q, status %d", tc.path, r.Reason, r.Status, tc.phase, tc.status)
		}
		if r.Total < timeout || r.Total > timeout+2*time.Second {
			t.Errorf("%s: total %v, want about %v", tc.path, r.Total, timeout)
		}
		if !r.Failing() {
			t.Errorf("%s: a timeout must be failing", tc.path)
		}
	}
}

func TestProbeCanceledIsNotAFailure(t *testing.T) {
	srv := serve(t, func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	p := newProber(t, Options{Timeout: 10 * time.Second})
	ctx, cancel := context.WithCancel(ctxT(t))
	time.AfterFunc(50*time.Millisecond, cancel)
	r := p.Probe(ctx, srv.URL)
	if r.Class != ClassCanceled || !errors.Is(r.Err, context.Canceled) || r.Failing() || r.Verdict() != Inconclusive {
		t.Errorf("class %q, err %v, verdict %q; want canceled, inconclusive", r.Class, r.Err, r.Verdict())
	}
}

func TestProbeConnectionReset(t *testing.T) {
	cases := []struct {
		name   string
		handle func(c net.Conn)
		reason string
	}{
		{"empty reply", func(c net.Conn) {}, "empty reply"},
		{"reset", func(c net.Conn) { _ = c.(*net.TCPConn).SetLinger(0) }, "connection reset"},
		{"closed mid body", func(c net.Conn) {
			_, _ = c.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<html>partial"))
		}, "after HTTP 200 headers"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			addr := rawServer(t, tc.handle)
			p := newProber(t, Options{Timeout: 5 * time.Second})
			r := p.Probe(ctxT(t), "http://"+addr+"/")
			if r.Class != ClassConnectionReset || !errors.Is(r.Err, ErrConnReset) || !r.Failing() {
				t.Fatalf("class %q, err %v; want connection-reset", r.Class, r.Err)
			}
			if !strings.Contains(r.Reason, tc.reason) {
				t.Errorf("reason %q, want %q", r.Reason, tc.reason)
			}
		})
	}
}

func TestProbeConnectionRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	p := newProber(t, Options{Timeout: 5 * time.Second})
	r := p.Probe(ctxT(t), "http://"+addr+"/")
	if r.Class != ClassConnectionRefused || !errors.Is(r.Err, ErrConnRefused) || r.Status != 0 || !r.Failing() {
		t.Errorf("class %q, err %v, status %d; want connection-refused", r.Class, r.Err, r.Status)
	}
	if r.Requests != 1 || p.Requests() != 1 {
		t.Errorf("requests = %d / %d, want 1 (a refused attempt counts)", r.Requests, p.Requests())
	}
}

func TestProbeDNSError(t *testing.T) {
	// A resolver whose DNS transport always fails: the real lookup path,
	// without contacting any server.
	offline := &net.Resolver{PreferGo: true, Dial: func(context.Context, string, string) (net.Conn, error) {
		return nil, errors.New("offline test resolver")
	}}
	notFound := func(_ context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		return nil, &net.OpError{Op: "dial", Net: network, Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
	}
	cases := []struct {
		name   string
		dial   func(context.Context, string, string) (net.Conn, error)
		reason string
	}{
		{"resolver", (&net.Dialer{Resolver: offline}).DialContext, "cannot resolve nonexistent.invalid"},
		{"not found", notFound, "cannot resolve nonexistent.invalid: not found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newProber(t, Options{Timeout: 5 * time.Second, DialContext: tc.dial})
			r := p.Probe(ctxT(t), "http://nonexistent.invalid/")
			var dnsErr *net.DNSError
			if r.Class != ClassDNSError || !errors.Is(r.Err, ErrDNS) || !errors.As(r.Err, &dnsErr) || !r.Failing() {
				t.Fatalf("class %q, err %v; want dns-error wrapping *net.DNSError", r.Class, r.Err)
			}
			if !strings.Contains(r.Reason, tc.reason) {
				t.Errorf("reason %q, want %q", r.Reason, tc.reason)
			}
		})
	}
}

func TestProbeTLS(t *testing.T) {
	tlsSrv := serveTLS(t, pageHandler(200, nil, readTestdata(t, "wp-ok-home.html")))
	plain := serve(t, pageHandler(200, nil, []byte("plain")))
	port := tlsSrv.URL[strings.LastIndexByte(tlsSrv.URL, ':')+1:]
	trusted := tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs

	cases := []struct {
		name   string
		opts   Options
		url    string
		class  Class
		reason string
	}{
		{"untrusted", Options{}, tlsSrv.URL, ClassTLSError, "unknown authority"},
		{"insecure", Options{InsecureSkipVerify: true}, tlsSrv.URL, ClassOK, ""},
		{"trusted", Options{RootCAs: trusted}, tlsSrv.URL, ClassOK, ""},
		{"wrong name", Options{RootCAs: trusted, Resolve: []string{"wrong.test:" + port + ":127.0.0.1"}},
			"https://wrong.test:" + port + "/", ClassTLSError, "not valid for this host name"},
		{"plain http on https", Options{}, strings.Replace(plain.URL, "http:", "https:", 1), ClassTLSError, "did not answer with TLS"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.Timeout = 5 * time.Second
			p := newProber(t, tc.opts)
			r := p.Probe(ctxT(t), tc.url)
			if r.Class != tc.class || !strings.Contains(r.Reason, tc.reason) {
				t.Fatalf("class %q reason %q; want %q containing %q (err %v)", r.Class, r.Reason, tc.class, tc.reason, r.Err)
			}
			if tc.class == ClassTLSError && !errors.Is(r.Err, ErrTLS) {
				t.Errorf("err %v does not wrap ErrTLS", r.Err)
			}
			if r.TLSInsecure != tc.opts.InsecureSkipVerify {
				t.Errorf("TLSInsecure = %v", r.TLSInsecure)
			}
		})
	}
}
