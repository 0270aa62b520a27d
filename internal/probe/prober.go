package probe

import (
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// Prober probes one site. Create it with New; it is safe for concurrent
// use and keeps connections alive between probes, so that its own cost per
// probe stays far below the site's. It keeps no cookies.
type Prober struct {
	opts      Options
	transport *http.Transport
	nonce     string        // random, distinguishes this Prober's URLs
	seq       atomic.Uint64 // probes started
	requests  atomic.Int64  // HTTP requests made, redirect hops included
}

// New returns a Prober configured by opts (zero fields take defaults). It
// fails only for a Resolve entry it cannot parse (wrapping ErrBadResolve)
// or a ConnectTo address that is not host:port.
//
// Requests use HTTP/1.1 and never a proxy from the environment: probes
// measure the path to the site itself.
func New(opts Options) (*Prober, error) {
	opts = opts.withDefaults()
	d, err := newDialer(opts.DialContext, opts.Resolve, opts.ConnectTo)
	if err != nil {
		return nil, fmt.Errorf("new prober: %w", err)
	}
	var nonce [4]byte
	_, _ = rand.Read(nonce[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return &Prober{
		opts:  opts,
		nonce: hex.EncodeToString(nonce[:]),
		transport: &http.Transport{
			Proxy:       nil,
			DialContext: d.DialContext,
			TLSClientConfig: &tls.Config{
				InsecureSkipVerify: opts.InsecureSkipVerify, //nolint:gosec // opt-in, reported in every Result
				RootCAs:            opts.RootCAs,
				MinVersion:         tls.VersionTLS12,
			},
			DisableCompression:  true, // gzip is requested and decoded by fetch, keeping headers intact
			MaxIdleConns:        16,
			MaxIdleConnsPerHost: 4,
			IdleConnTimeout:     90 * time.Second,
		},
	}, nil
}

// Requests returns how many HTTP requests this Prober has made so far,
// counting each redirect hop (and each attempt that failed to connect).
func (p *Prober) Requests() int64 { return p.requests.Load() }

// Close closes idle kept-alive connections. The Prober stays usable.
func (p *Prober) Close() { p.transport.CloseIdleConnections() }

// nextToken returns the cache-bust value for a new probe: unique per
// Prober and per probe.
func (p *Prober) nextToken() string {
	return p.nonce + "-" + strconv.FormatUint(p.seq.Add(1), 10)
}
