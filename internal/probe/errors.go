package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"time"
)

// Sentinel errors wrapped by Result.Err, one per class of failure; use
// errors.Is. The underlying error (a *net.OpError, an x509 error, ...) is
// wrapped too.
var (
	ErrTimeout          = errors.New("timed out")
	ErrConnRefused      = errors.New("connection refused")
	ErrConnReset        = errors.New("connection reset or closed without an answer")
	ErrTLS              = errors.New("TLS failure")
	ErrDNS              = errors.New("host name not resolved")
	ErrNetwork          = errors.New("network failure")
	ErrRedirectLoop     = errors.New("redirect loop")
	ErrTooManyRedirects = errors.New("too many redirects")
	ErrInvalidURL       = errors.New("invalid URL")
)

// phase is how far a request got, for explaining timeouts and resets.
type phase int32

const (
	phaseConnect phase = iota // resolving and connecting
	phaseTLS                  // TLS handshake
	phaseSent                 // connected, request being written or sent
	phaseHeaders              // first byte received, reading headers
	phaseBody                 // reading the body
)

func (ph phase) String() string {
	return [...]string{
		"while connecting",
		"during the TLS handshake",
		"waiting for the answer (request sent)",
		"while reading the response headers",
		"while reading the body",
	}[ph]
}

// failure is a classified transport error.
type failure struct {
	class  Class
	reason string
	err    error
}

// classifyError places a transport error. parent is the caller's context
// (to tell a cancellation from our own timeout), ph how far the request
// got, timeout the Prober's timeout.
func classifyError(parent context.Context, err error, ph phase, timeout time.Duration) failure {
	var (
		dnsErr   *net.DNSError
		netErr   net.Error
		certErr  *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostErr  x509.HostnameError
		invalid  x509.CertificateInvalidError
		recErr   tls.RecordHeaderError
		alertErr tls.AlertError
	)
	msg := oneLine(err.Error(), 300)
	switch {
	case parent.Err() != nil:
		return failure{ClassCanceled, "probe canceled " + ph.String() + ": " + oneLine(parent.Err().Error(), 100), context.Cause(parent)}
	case errors.As(err, &dnsErr):
		why := "not found"
		if dnsErr.IsTimeout {
			why = "lookup timed out"
		} else if !dnsErr.IsNotFound {
			why = oneLine(dnsErr.Err, 100)
		}
		return failure{ClassDNSError, "cannot resolve " + dnsErr.Name + ": " + why, ErrDNS}
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return failure{ClassTimeout, "no complete answer within " + timeout.String() + ", " + ph.String(), ErrTimeout}
	case errors.Is(err, syscall.ECONNREFUSED):
		return failure{ClassConnectionRefused, "connection refused: nothing listens on that address and port", ErrConnRefused}
	case errors.As(err, &certErr), errors.As(err, &unknown), errors.As(err, &hostErr),
		errors.As(err, &invalid), errors.As(err, &recErr), errors.As(err, &alertErr):
		return failure{ClassTLSError, "TLS: " + tlsReason(err, msg), ErrTLS}
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF),
		strings.Contains(msg, "connection reset"), strings.Contains(msg, "server closed"):
		what := "connection reset"
		if !errors.Is(err, syscall.ECONNRESET) {
			what = "connection closed"
		}
		if ph <= phaseSent {
			what += " with no answer (empty reply from server)"
		}
		return failure{ClassConnectionReset, what + " " + ph.String(), ErrConnReset}
	case ph == phaseTLS:
		return failure{ClassTLSError, "TLS: " + msg, ErrTLS}
	}
	return failure{ClassNetworkError, msg, ErrNetwork}
}

// tlsReason names the certificate problem in plain words.
func tlsReason(err error, msg string) string {
	var (
		unknown x509.UnknownAuthorityError
		hostErr x509.HostnameError
		invalid x509.CertificateInvalidError
		recErr  tls.RecordHeaderError
	)
	switch {
	case errors.As(err, &unknown):
		return "certificate signed by an unknown authority (self-signed or missing intermediate)"
	case errors.As(err, &hostErr):
		return "certificate is not valid for this host name: " + oneLine(hostErr.Error(), 200)
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "certificate expired or not yet valid: " + oneLine(invalid.Error(), 200)
	case errors.As(err, &recErr):
		return "the server did not answer with TLS (plain HTTP on an HTTPS port?)"
	}
	return msg
}

// wrapErr builds Result.Err: what was done, the sentinel, the cause.
func wrapErr(url string, sentinel, cause error) error {
	if cause == nil || cause == sentinel { //nolint:errorlint // identity: the cause is the sentinel itself, not wrapped
		return fmt.Errorf("probe %s: %w", url, sentinel)
	}
	return fmt.Errorf("probe %s: %w: %w", url, sentinel, cause)
}
