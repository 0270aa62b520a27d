package probe

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ExcerptJSONLimit is the most body bytes a Result carries in its JSON form
// (body_excerpt); Result.Body itself holds up to the Prober's BodyLimit.
const ExcerptJSONLimit = 4 << 10

// Result is one probe: the final answer after redirects, what it means,
// and how long it took. Results are values; a zero Result is not valid.
type Result struct {
	URL      string // the URL given to Probe
	FinalURL string // the last URL requested, without the cache-bust parameter
	Status   int    // final HTTP status; 0 when no answer was received
	Class    Class
	Reason   string // one human-readable line

	// Server is the software that generated an error page, when the page
	// says so ("nginx/1.22.1", "Apache/2.4.57", "LiteSpeed"), else the
	// Server header of the answer.
	Server string
	// CDN names the CDN the answer came through ("cloudflare", "fastly",
	// "akamai", "sucuri", "cloudfront"), or "".
	CDN string
	// OriginFault is true when a CDN relayed an error answer produced by
	// the origin (for instance nginx's 502 page behind Cloudflare). It is
	// false when the CDN generated the error page itself (ClassCDNError;
	// Reason then says what the CDN reports about the origin), and when no
	// CDN was seen.
	OriginFault bool
	// PHPError is the first PHP fatal/parse error printed in the body by
	// display_errors, with its file and line, or "".
	PHPError string

	Headers     Headers // response headers of interest (final answer)
	HeaderBytes int     // size of the final answer's header block, see headerBlockSize

	Body          []byte // body prefix, at most the Prober's BodyLimit (decoded if gzip)
	BodyTruncated bool   // the body was longer than Body

	TTFB  time.Duration // probe start to the first byte of the final answer
	Total time.Duration // probe start to the end of reading

	Redirects   []Hop // the redirects followed, in order
	Requests    int   // HTTP requests this probe made (one per hop)
	TLSInsecure bool  // certificate verification was disabled

	// CacheBustDropped reports that the site redirected the cache-bust
	// parameter away, so later hops went without it (a cache in front of
	// the site may then have answered).
	CacheBustDropped bool

	// Err is set when there was no usable answer (timeout, refused, reset,
	// TLS, DNS, redirect loop, canceled, invalid URL). It wraps one of the
	// sentinel errors (ErrTimeout, ...) and the underlying error. An HTTP
	// error answer (a 502 page, say) is not an Err: see Class.
	Err error
}

// Hop is one redirect followed.
type Hop struct {
	URL      string `json:"url"`      // URL requested, without the cache-bust parameter
	Status   int    `json:"status"`   // its 3xx status
	Location string `json:"location"` // absolute target, without the cache-bust parameter
}

// Headers are the response headers of interest.
type Headers struct {
	Server      string `json:"server,omitempty"`
	XPoweredBy  string `json:"x_powered_by,omitempty"`
	CFRay       string `json:"cf_ray,omitempty"`
	Via         string `json:"via,omitempty"`
	XCache      string `json:"x_cache,omitempty"`
	RetryAfter  string `json:"retry_after,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	// WPDoctorAgent is X-WPDoctor-Agent: wpdoctor's probe agent ran for
	// this request (it answers only requests carrying the run's secret).
	WPDoctorAgent string `json:"wpdoctor_agent,omitempty"`
	// WPDoctorLog is X-WPDoctor-Log: "1" when the agent's per-request
	// debug log was in force for this request.
	WPDoctorLog string `json:"wpdoctor_log,omitempty"`
}

func headersOf(h http.Header) Headers {
	return Headers{
		Server:      h.Get("Server"),
		XPoweredBy:  h.Get("X-Powered-By"),
		CFRay:       h.Get("Cf-Ray"),
		Via:         strings.Join(h.Values("Via"), ", "),
		XCache:      strings.Join(h.Values("X-Cache"), ", "),
		RetryAfter:  h.Get("Retry-After"),
		ContentType: h.Get("Content-Type"),

		WPDoctorAgent: h.Get("X-WPDoctor-Agent"),
		WPDoctorLog:   h.Get("X-WPDoctor-Log"),
	}
}

// Verdict says whether this answer means the site is broken; see Verdict.
func (r Result) Verdict() Verdict { return verdict(r.Class, r.Status) }

// Failing reports whether this answer means the site is broken: gateway,
// CDN (5xx) and other 5xx errors, WordPress's critical and database error
// pages, white screens, displayed PHP fatals, timeouts, resets, refusals,
// TLS/DNS failures and redirect loops. Maintenance mode, 4xx answers and
// canceled probes are not failing; check Verdict to tell them apart.
func (r Result) Failing() bool { return r.Verdict() == Broken }

// MarshalJSON renders a Result with durations in milliseconds, the error as
// text and at most ExcerptJSONLimit bytes of body (valid UTF-8).
func (r Result) MarshalJSON() ([]byte, error) {
	var errText string
	if r.Err != nil {
		errText = r.Err.Error()
	}
	return json.Marshal(struct {
		URL           string  `json:"url"`
		FinalURL      string  `json:"final_url,omitempty"`
		Status        int     `json:"status"`
		Class         Class   `json:"class"`
		Verdict       Verdict `json:"verdict"`
		Reason        string  `json:"reason"`
		Server        string  `json:"server,omitempty"`
		CDN           string  `json:"cdn,omitempty"`
		OriginFault   bool    `json:"origin_fault"`
		PHPError      string  `json:"php_error,omitempty"`
		Headers       Headers `json:"headers"`
		HeaderBytes   int     `json:"header_bytes"`
		BodyBytes     int     `json:"body_bytes"`
		BodyTruncated bool    `json:"body_truncated"`
		BodyExcerpt   string  `json:"body_excerpt"`
		TTFBms        float64 `json:"ttfb_ms"`
		TotalMs       float64 `json:"total_ms"`
		Redirects     []Hop   `json:"redirects,omitempty"`
		Requests      int     `json:"requests"`
		TLSInsecure   bool    `json:"tls_insecure,omitempty"`
		BustDropped   bool    `json:"cache_bust_dropped,omitempty"`
		Error         string  `json:"error,omitempty"`
	}{
		r.URL, r.FinalURL, r.Status, r.Class, r.Verdict(), r.Reason,
		r.Server, r.CDN, r.OriginFault, r.PHPError, r.Headers, r.HeaderBytes,
		len(r.Body), r.BodyTruncated, excerpt(r.Body, ExcerptJSONLimit),
		ms(r.TTFB), ms(r.Total), r.Redirects, r.Requests, r.TLSInsecure, r.CacheBustDropped, errText,
	})
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// excerpt returns at most n bytes of b, cut on a rune boundary, with
// invalid UTF-8 replaced.
func excerpt(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
		for i := 0; i < utf8.UTFMax && len(b) > 0 && !utf8.Valid(b); i++ {
			b = b[:len(b)-1]
		}
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// headerBlockSize is the size in bytes of the answer's header block in
// HTTP/1.1 wire form: status line, one "Name: value\r\n" line per value,
// and the blank line. net/http does not expose the raw bytes, so the block
// is rebuilt from the parsed header (Transfer-Encoding, which net/http
// moves out of the header, is added back); it is exact unless the server
// used folded lines or unusual spacing around the colon.
func headerBlockSize(resp *http.Response) int {
	n := len(resp.Proto) + 1 + len(statusText(resp)) + 2
	for k, vs := range resp.Header {
		for _, v := range vs {
			n += len(k) + 2 + len(v) + 2
		}
	}
	for _, te := range resp.TransferEncoding {
		n += len("Transfer-Encoding: ") + len(te) + 2
	}
	return n + 2
}

// statusText is the status line after the protocol ("502 Bad Gateway").
func statusText(resp *http.Response) string {
	if resp.Status != "" {
		return resp.Status
	}
	return strconv.Itoa(resp.StatusCode) + " " + http.StatusText(resp.StatusCode)
}
