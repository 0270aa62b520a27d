package probe

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseResolve(t *testing.T) {
	cases := []struct {
		in   string
		want string // String() of the entry; "" means an error
	}{
		{"example.test:80:127.0.0.1", "example.test:80:127.0.0.1"},
		{"WWW.Example.TEST:443:127.0.0.1,127.0.0.2", "www.example.test:443:127.0.0.1,127.0.0.2"},
		{"example.test:443:[::1]", "example.test:443:[::1]"},
		{"[::1]:8443:127.0.0.1", "[::1]:8443:127.0.0.1"},
		{"example.test:443:::1", "example.test:443:[::1]"}, // brackets optional after the port
		{"example.test:0:127.0.0.1", ""},
		{"example.test:65536:127.0.0.1", ""},
		{"example.test:http:127.0.0.1", ""},
		{"example.test:80:localhost", ""},
		{"example.test:80:", ""},
		{"example.test:80", ""},
		{":80:127.0.0.1", ""},
		{"", ""},
	}
	for _, tc := range cases {
		e, err := ParseResolve(tc.in)
		if tc.want == "" {
			if err == nil || !errors.Is(err, ErrBadResolve) {
				t.Errorf("ParseResolve(%q) = %v, %v; want ErrBadResolve", tc.in, e, err)
			}
			continue
		}
		if err != nil || e.String() != tc.want {
			t.Errorf("ParseResolve(%q) = %q, %v; want %q", tc.in, e, err, tc.want)
		}
	}
	if _, err := New(Options{Resolve: []string{"bad"}}); !errors.Is(err, ErrBadResolve) {
		t.Errorf("New with a bad resolve entry: %v", err)
	}
}

// The override connects to 127.0.0.1 but keeps the Host header (and, over
// TLS, the SNI server name and certificate check) of the URL.
func TestProbeResolveOverride(t *testing.T) {
	hosts := make(chan string, 1)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hosts <- r.Host
		_, _ = w.Write([]byte("<title>origin</title>"))
	})
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	p := newProber(t, Options{Timeout: 5 * time.Second, Resolve: []string{"example.test:" + port + ":127.0.0.1"}})
	r := p.Probe(ctxT(t), "http://example.test:"+port+"/")
	if r.Class != ClassOK {
		t.Fatalf("class %q reason %q", r.Class, r.Reason)
	}
	if got, want := <-hosts, "example.test:"+port; got != want {
		t.Errorf("server saw Host %q, want %q", got, want)
	}
	if r.FinalURL != "http://example.test:"+port+"/" {
		t.Errorf("FinalURL = %q", r.FinalURL)
	}

	names := make(chan string, 1)
	tlsSrv := serveTLS(t, func(w http.ResponseWriter, r *http.Request) {
		names <- r.TLS.ServerName + " " + r.Host
		_, _ = w.Write([]byte("<title>origin</title>"))
	})
	tport := tlsSrv.URL[strings.LastIndexByte(tlsSrv.URL, ':')+1:]
	roots := tlsSrv.Client().Transport.(*http.Transport).TLSClientConfig.RootCAs
	p = newProber(t, Options{Timeout: 5 * time.Second, RootCAs: roots,
		Resolve: []string{"example.com:" + tport + ":127.0.0.2,127.0.0.1"}}) // first address refuses
	r = p.Probe(ctxT(t), "https://example.com:"+tport+"/")
	if r.Class != ClassOK || r.TLSInsecure {
		t.Fatalf("TLS through override: class %q reason %q", r.Class, r.Reason)
	}
	if got, want := <-names, "example.com example.com:"+tport; got != want {
		t.Errorf("server saw SNI and Host %q, want %q", got, want)
	}
}

// A host without an override is dialled as usual.
func TestProbeResolveOnlyMatchingHostPort(t *testing.T) {
	srv := serve(t, pageHandler(200, nil, []byte("x")))
	p := newProber(t, Options{Resolve: []string{"other.test:1:127.0.0.1"}})
	if r := p.Probe(ctxT(t), srv.URL); r.Class != ClassOK {
		t.Errorf("class %q reason %q", r.Class, r.Reason)
	}
}

// ConnectTo sends the URL's host:port to another address and port, keeping
// the Host header; it wins over a Resolve entry for the same host:port, and
// a bad address is refused by New.
func TestProbeConnectTo(t *testing.T) {
	hosts := make(chan string, 1)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hosts <- r.Host
		_, _ = w.Write([]byte("<title>origin</title>"))
	})
	addr := strings.TrimPrefix(srv.URL, "http://")
	p := newProber(t, Options{Timeout: 5 * time.Second,
		Resolve:   []string{"shop.test:80:127.0.0.2", "shop.test:81:127.0.0.2"}, // nothing listens there
		ConnectTo: []ConnectTo{{From: "SHOP.test:80", To: addr}}})
	r := p.Probe(ctxT(t), "http://shop.test/")
	if r.Class != ClassOK {
		t.Fatalf("class %q reason %q", r.Class, r.Reason)
	}
	if got := <-hosts; got != "shop.test" {
		t.Errorf("server saw Host %q, want shop.test", got)
	}
	if r := p.Probe(ctxT(t), "http://shop.test:81/"); r.Class == ClassOK {
		t.Errorf("another port was sent to the override too")
	}
	if _, err := New(Options{ConnectTo: []ConnectTo{{From: "shop.test:80", To: "no-port"}}}); err == nil {
		t.Errorf("New accepted a connect-to address without a port")
	}
}
