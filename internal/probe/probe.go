package probe

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Probe loads rawURL (an absolute http or https URL) once, following
// redirects, and classifies the final answer. It never returns an error:
// failures are classes (see Result.Err for the typed cause). The whole
// probe, redirects and body included, is bounded by the Prober's Timeout
// and by ctx; when ctx ends first the class is canceled.
//
// Each request carries a unique cache-bust parameter (the same one on
// every hop of a probe), Cache-Control and Pragma no-cache, and no cookies.
// When the site answers a request by redirecting to the same URL without
// the parameter, the probe goes on without it (Result.CacheBustDropped).
// Redirects are followed with GET up to MaxRedirects; a URL requested
// twice in one probe is a redirect loop. A user:password in rawURL is sent
// as basic auth to that host only, and redacted from every reported URL.
func (p *Prober) Probe(ctx context.Context, rawURL string) Result {
	return p.probe(ctx, rawURL, p.opts.Timeout)
}

// ProbeWithin is Probe with a shorter deadline for this one probe (the
// Prober's Timeout still bounds it): a caller that knows how long a healthy
// answer takes need not wait out a hang it has already seen.
func (p *Prober) ProbeWithin(ctx context.Context, rawURL string, d time.Duration) Result {
	if d <= 0 || d > p.opts.Timeout {
		d = p.opts.Timeout
	}
	return p.probe(ctx, rawURL, d)
}

func (p *Prober) probe(ctx context.Context, rawURL string, timeout time.Duration) Result {
	start := time.Now()
	r := Result{URL: rawURL, TLSInsecure: p.opts.InsecureSkipVerify}
	u, err := parseTarget(rawURL)
	if err != nil {
		r.Class, r.Reason = ClassInvalidURL, oneLine(err.Error(), 300)
		r.Err = wrapErr(rawURL, ErrInvalidURL, err)
		return r
	}
	r.URL = u.Redacted()
	origin := u
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	token := p.nextToken()
	param := p.opts.CacheBustParam
	seen := make(map[string]bool, 4)
	bustOn := true
	for {
		key := clean(u, param)
		seen[key] = true
		r.FinalURL = key
		r.Requests++
		p.requests.Add(1)
		var auth *url.Userinfo
		if origin.User != nil && strings.EqualFold(u.Host, origin.Host) {
			auth = origin.User
		}
		var extra http.Header
		if strings.EqualFold(u.Host, origin.Host) {
			extra = HeaderFrom(ctx)
		}
		tok := token
		if !bustOn {
			tok = ""
		}
		h := p.fetch(pctx, u, auth, extra, tok, start, p.opts.MaxRedirects >= 0)
		r.Total = time.Since(start)
		if h.header != nil {
			r.Status, r.HeaderBytes, r.TTFB = h.status, h.headerBytes, h.ttfb
			r.Headers, r.Server = headersOf(h.header), h.header.Get("Server")
		}
		if h.err != nil {
			p.fail(ctx, &r, h, timeout)
			return r
		}
		if h.location == nil {
			r.Body, r.BodyTruncated = h.body, h.truncated
			c := ClassifyResponse(h.status, h.header, h.body)
			r.Class, r.Reason, r.Server = c.Class, c.Reason, c.Server
			r.CDN, r.OriginFault, r.PHPError = c.CDN, c.OriginFault, c.PHPError
			return r
		}
		next := clean(h.location, param)
		r.Redirects = append(r.Redirects, Hop{URL: key, Status: h.status, Location: next})
		switch {
		case next == key && bustOn:
			// The site redirects the cache-bust parameter away (an SEO
			// plugin stripping unknown query arguments, say): that is not
			// a loop. Go on without it; no-cache headers still apply.
			bustOn, r.CacheBustDropped = false, true
			if len(r.Redirects) > p.opts.MaxRedirects {
				r.Class = ClassRedirectLoop
				r.Reason = "too many redirects: more than " + strconv.Itoa(p.opts.MaxRedirects) + " hops"
				r.Err = wrapErr(r.URL, ErrTooManyRedirects, nil)
				return r
			}
		case seen[next]:
			r.Class = ClassRedirectLoop
			r.Reason = "redirect loop: " + oneLine(next, 200) + " requested twice (" + strconv.Itoa(len(r.Redirects)) + " redirects)"
			r.Err = wrapErr(r.URL, ErrRedirectLoop, nil)
			return r
		case len(r.Redirects) > p.opts.MaxRedirects:
			r.Class = ClassRedirectLoop
			r.Reason = "too many redirects: more than " + strconv.Itoa(p.opts.MaxRedirects) + " hops, last to " + oneLine(next, 200)
			r.Err = wrapErr(r.URL, ErrTooManyRedirects, nil)
			return r
		}
		u = h.location
	}
}

// fail records a transport failure in r.
func (p *Prober) fail(ctx context.Context, r *Result, h hop, timeout time.Duration) {
	f := classifyError(ctx, h.err, h.phase, timeout)
	r.Class, r.Reason = f.class, f.reason
	if r.Status != 0 {
		r.Reason += " (after HTTP " + strconv.Itoa(r.Status) + " headers)"
		r.Body, r.BodyTruncated = h.body, h.truncated
	}
	sentinel := f.err
	if sentinel == nil {
		sentinel = ErrNetwork
	}
	r.Err = wrapErr(r.URL, sentinel, h.err)
}

// parseTarget accepts absolute http(s) URLs with a host.
func parseTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("parse probe URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("probe URL %q: %w", raw, errors.New("scheme must be http or https"))
	}
	if u.Host == "" {
		return nil, fmt.Errorf("probe URL %q: %w", raw, errors.New("no host"))
	}
	return u, nil
}
