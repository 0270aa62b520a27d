package probe

import (
	"context"
	"crypto/x509"
	"net"
	"net/http"
	"time"
)

// Defaults applied by New to zero-valued options.
const (
	DefaultTimeout        = 30 * time.Second
	DefaultMaxRedirects   = 10
	DefaultBodyLimit      = 256 << 10
	DefaultCacheBustParam = "wpdoctor"
	DefaultUserAgent      = "wpdoctor (WordPress site diagnosis; +https://github.com/wpdoctor/wpdoctor)"
)

// Options configure a Prober. The zero value is usable: every zero field
// takes the default named in its comment.
type Options struct {
	// Timeout bounds one whole Probe: every redirect hop, and reading the
	// body. Default DefaultTimeout.
	Timeout time.Duration

	// Resolve overrides name resolution like curl's --resolve: each entry
	// is "host:port:addr[,addr...]" (IPv6 in brackets). A request to
	// host:port connects to addr instead, keeping the Host header and the
	// TLS server name (SNI) of the URL: the way to reach an origin behind a
	// CDN. Addresses must be IP literals. Entries are checked by New.
	// Like curl, an entry applies to its exact host and port only: a
	// redirect from http to https needs an entry for port 443 as well.
	Resolve []string

	// ConnectTo sends requests for one host:port to another address and
	// port, like curl's --connect-to, keeping the Host header and the TLS
	// server name (SNI) of the URL: the way to reach an origin behind a CDN
	// on the port it listens on. It is applied before Resolve.
	ConnectTo []ConnectTo

	// UserAgent is sent with every request. Default DefaultUserAgent.
	UserAgent string

	// InsecureSkipVerify disables TLS certificate verification. It is
	// reported in every Result (TLSInsecure).
	InsecureSkipVerify bool

	// RootCAs, when set, replaces the system roots for TLS verification.
	RootCAs *x509.CertPool

	// MaxRedirects is the number of redirects followed before a probe is
	// classified redirect-loop. Default DefaultMaxRedirects; negative means
	// follow none (a redirect is then the final answer).
	MaxRedirects int

	// BodyLimit is the most body bytes read per answer. Default
	// DefaultBodyLimit (256 KiB).
	BodyLimit int

	// CacheBustParam is the name of the query parameter that makes each
	// probe's URL unique. Default DefaultCacheBustParam ("wpdoctor").
	CacheBustParam string

	// Header holds extra request headers (for instance Authorization for a
	// staging site behind basic auth). Cookies are never kept between
	// probes; a Cookie header set here is sent as given.
	Header http.Header

	// DialContext, when set, replaces the TCP dialer (after Resolve
	// overrides are applied). Tests use it to simulate DNS failures.
	DialContext func(ctx context.Context, network, addr string) (net.Conn, error)
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.MaxRedirects < 0 {
		o.MaxRedirects = -1
	}
	if o.BodyLimit <= 0 {
		o.BodyLimit = DefaultBodyLimit
	}
	if o.CacheBustParam == "" {
		o.CacheBustParam = DefaultCacheBustParam
	}
	if o.DialContext == nil {
		d := &net.Dialer{KeepAlive: 30 * time.Second}
		o.DialContext = d.DialContext
	}
	return o
}
