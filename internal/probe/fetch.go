package probe

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"
)

// drainLimit is how much of a redirect's body is read (and discarded) so
// its connection can be reused.
const drainLimit = 64 << 10

// hop is one request and its answer.
type hop struct {
	status      int
	header      http.Header
	headerBytes int
	location    *url.URL // set when the answer is a redirect to follow
	body        []byte
	truncated   bool
	ttfb        time.Duration // since probe start
	err         error
	phase       phase // how far the request got (for err)
}

// tracker follows a request's progress; its hooks may run on transport
// goroutines.
type tracker struct {
	start     time.Time
	phase     atomic.Int32
	firstByte atomic.Int64 // ns since start; 0 until the first byte
}

func (t *tracker) reach(ph phase) {
	for {
		cur := t.phase.Load()
		if cur >= int32(ph) || t.phase.CompareAndSwap(cur, int32(ph)) {
			return
		}
	}
}

func (t *tracker) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		TLSHandshakeStart: func() { t.reach(phaseTLS) },
		GotConn:           func(httptrace.GotConnInfo) { t.reach(phaseSent) },
		GotFirstResponseByte: func() {
			t.firstByte.CompareAndSwap(0, int64(max(time.Since(t.start), 1)))
			t.reach(phaseHeaders)
		},
	}
}

// fetch makes one GET request for u with the cache-bust token (none when
// token is ""). When follow
// is set and the answer is a redirect with a usable Location, the body is
// drained and location set; otherwise up to BodyLimit body bytes are read.
// auth, when set, is sent as basic auth.
// extra, when set, is added to the request headers (see WithHeader).
func (p *Prober) fetch(ctx context.Context, u *url.URL, auth *url.Userinfo, extra http.Header, token string, start time.Time, follow bool) hop {
	tr := &tracker{start: start}
	target := bust(u, p.opts.CacheBustParam, token)
	if token == "" {
		target.RawQuery = u.RawQuery
	}
	req := (&http.Request{
		Method:     http.MethodGet,
		URL:        target,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     p.requestHeader(extra),
	}).WithContext(httptrace.WithClientTrace(ctx, tr.trace()))
	if auth != nil {
		pass, _ := auth.Password()
		req.SetBasicAuth(auth.Username(), pass)
	}

	resp, err := p.transport.RoundTrip(req)
	if err != nil {
		return hop{err: err, phase: phase(tr.phase.Load())}
	}
	defer resp.Body.Close()
	h := hop{
		status:      resp.StatusCode,
		header:      resp.Header,
		headerBytes: headerBlockSize(resp),
		ttfb:        time.Duration(tr.firstByte.Load()),
	}
	if h.ttfb == 0 {
		h.ttfb = time.Since(start)
	}
	if follow && isRedirect(resp.StatusCode) {
		if target := redirectTarget(u, resp.Header.Get("Location")); target != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, drainLimit))
			h.location = target
			return h
		}
	}
	tr.reach(phaseBody)
	h.body, h.truncated, h.err = readBody(resp, p.opts.BodyLimit)
	h.phase = phaseBody
	return h
}

func (p *Prober) requestHeader(extra http.Header) http.Header {
	h := make(http.Header, 8+len(p.opts.Header)+len(extra))
	for k, vs := range p.opts.Header {
		h[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	for k, vs := range extra {
		h[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	h.Set("User-Agent", p.opts.UserAgent)
	h.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	h.Set("Accept-Encoding", "gzip")
	h.Set("Cache-Control", "no-cache")
	h.Set("Pragma", "no-cache")
	return h
}

func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// redirectTarget resolves a Location against the request URL; nil when it
// is empty, unparsable or not http(s).
func redirectTarget(base *url.URL, loc string) *url.URL {
	if loc == "" {
		return nil
	}
	t, err := base.Parse(loc)
	if err != nil || (t.Scheme != "http" && t.Scheme != "https") || t.Host == "" {
		return nil
	}
	return t
}

// readBody reads at most limit decoded bytes. truncated reports that more
// remained. A gzip body is decoded (an empty gzip body is an empty body).
func readBody(resp *http.Response, limit int) (body []byte, truncated bool, err error) {
	var r io.Reader = resp.Body
	if strings.EqualFold(strings.TrimSpace(resp.Header.Get("Content-Encoding")), "gzip") {
		gz, err := gzip.NewReader(resp.Body)
		if errors.Is(err, io.EOF) {
			return nil, false, nil
		}
		if err != nil {
			return nil, false, err
		}
		defer gz.Close()
		r = gz
	}
	body, err = io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if len(body) > limit {
		return body[:limit], true, err
	}
	if err == nil {
		// Let the connection be reused: consume what follows a gzip stream.
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, drainLimit))
	}
	return body, false, err
}
