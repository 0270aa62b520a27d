package probe

import (
	"context"
	"net/http"
)

type headerKey struct{}

// WithHeader returns a context whose probes send h as well, on every
// request to the probed URL's host (never to another host a redirect
// leads to): per-probe headers, such as the secret a probe agent on the
// site answers to. Headers set here win over Options.Header.
func WithHeader(ctx context.Context, h http.Header) context.Context {
	return context.WithValue(ctx, headerKey{}, h.Clone())
}

// HeaderFrom returns the headers WithHeader put in ctx (nil: none); for
// other Prober implementations.
func HeaderFrom(ctx context.Context) http.Header {
	h, _ := ctx.Value(headerKey{}).(http.Header)
	return h
}
