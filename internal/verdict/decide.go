package verdict

import (
	"fmt"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

// Input is everything the decision rests on.
type Input struct {
	Status   diag.Status
	Probes   []probe.Result // every answer the diagnosis got
	Events   []logs.Event   // log entries written while wpdoctor probed
	Layout   logs.Layout    // to blame file paths
	Findings []diag.Finding // from the checks; Cause marks those that explain a failure
	// FailureRate of the probes (0..1), for intermittent failures.
	FailureRate float64
	// Origin are the answers of the origin reached directly at OriginAt
	// past a CDN that answered with its own error page, when the origin
	// answered well (when it failed too, its answers are the Probes).
	// OriginWhy says why the origin could not be reached, when it was not.
	Origin    []probe.Result
	OriginAt  string
	OriginWhy string
}

// Decide names the cause of the failure with its evidence. When the
// evidence does not name a component, the verdict says so and recommends
// bisecting.
func Decide(in Input) diag.Verdict {
	if in.Status == diag.StatusHealthy {
		return diag.Verdict{Kind: diag.KindHealthy, Components: []string{}, Basis: "probes", Confidence: 0.9,
			Cause: fmt.Sprintf("every probe (%d) answered normally", len(in.Probes))}
	}
	v := decide(in)
	if v.Components == nil {
		v.Components = []string{}
	}
	if in.Status == diag.StatusIntermittent {
		v.Cause += fmt.Sprintf(" — intermittent: %s of the requests failed", pct(in.FailureRate))
		v.Confidence *= 0.85
	}
	return v
}

func decide(in Input) diag.Verdict {
	s := collect(in.Events, in.Layout)
	failing := failingExample(in.Probes)
	rules := []func(Input, signals, probe.Result) (diag.Verdict, bool){
		unreachable, cdnFault, fpmDown, maintenance, fatalError, killedByTimeout, upstreamTimeout,
		headersTooBig, workerCrash, workerLost, fpmBusy, database, causeFinding, cdnPage,
	}
	for _, rule := range rules {
		if v, ok := rule(in, s, failing); ok {
			return v
		}
	}
	return diag.Verdict{
		Kind: diag.KindUnknown, Basis: "probes", Confidence: 0.3, RecommendBisect: true,
		Cause: fmt.Sprintf("the site answers %s, and no log wpdoctor could read says why", describe(failing)),
		Fix:   "Bisect the plugins, the theme, must-use plugins and drop-ins (wpdoctor diagnose --auto-bisect), and check the logs wpdoctor could not read.",
	}
}

func failingExample(rs []probe.Result) probe.Result {
	for _, r := range rs {
		if r.Failing() || r.Class == probe.ClassWPMaintenance {
			return r
		}
	}
	if len(rs) > 0 {
		return rs[0]
	}
	return probe.Result{}
}

func describe(r probe.Result) string {
	if r.Status != 0 {
		return fmt.Sprintf("%d (%s)", r.Status, r.Class)
	}
	return string(r.Class)
}

func httpEvidence(r probe.Result) diag.Evidence {
	text := fmt.Sprintf("GET %s → %s", r.URL, describe(r))
	if r.Reason != "" {
		text += ": " + r.Reason
	}
	return diag.Evidence{Source: "http", Text: text}
}

func unreachable(in Input, _ signals, r probe.Result) (diag.Verdict, bool) {
	for _, p := range in.Probes {
		switch p.Class {
		case probe.ClassDNSError, probe.ClassTLSError, probe.ClassConnectionRefused:
		default:
			return diag.Verdict{}, false
		}
	}
	if len(in.Probes) == 0 {
		return diag.Verdict{}, false
	}
	cause := map[probe.Class][2]string{
		probe.ClassDNSError:          {"server:dns", "the site's name does not resolve"},
		probe.ClassTLSError:          {"server:tls", "the TLS handshake fails"},
		probe.ClassConnectionRefused: {"server:web-server-down", "nothing listens on the site's address: the web server is down"},
	}[r.Class]
	return diag.Verdict{Kind: diag.KindServer, Components: []string{cause[0]}, Basis: "probes", Confidence: 0.85,
		Cause: cause[1], Evidence: []diag.Evidence{httpEvidence(r)},
		Fix: "Check DNS, the certificate and that the web server runs (systemctl status nginx / apache2)."}, true
}

// cdnFault blames the CDN whose own error page the site answers with, but
// only when the origin, reached directly past it, answered well.
func cdnFault(in Input, _ signals, r probe.Result) (diag.Verdict, bool) {
	if r.Class != probe.ClassCDNError || r.OriginFault || len(in.Origin) == 0 {
		return diag.Verdict{}, false
	}
	for _, o := range in.Origin {
		if o.Failing() {
			return diag.Verdict{}, false
		}
	}
	ev := []diag.Evidence{httpEvidence(r)}
	o := in.Origin[0]
	ev = append(ev, diag.Evidence{Source: "http", Text: fmt.Sprintf("GET %s reached directly at %s, past %s → %s", o.URL, in.OriginAt, r.CDN, describe(o))})
	return diag.Verdict{Kind: diag.KindServer, Components: []string{"server:cdn-" + strings.ToLower(r.CDN)}, Basis: "probes", Confidence: 0.9,
		Cause:    fmt.Sprintf("%s answers the error itself (%s), while the origin, reached directly, answers normally", r.CDN, r.Reason),
		Evidence: ev,
		Fix:      "The fault is between the CDN and the origin or in the CDN: check the CDN's status page, its origin settings (address, port, TLS mode) and whether a firewall lets the CDN's addresses reach the origin."}, true
}

// cdnPage: a CDN's own error page with the origin not reached directly and
// no log naming a cause. It says what the CDN saw of the hop behind it; it
// is not a verdict on which of them fails.
func cdnPage(in Input, _ signals, r probe.Result) (diag.Verdict, bool) {
	if r.Class != probe.ClassCDNError || r.OriginFault || len(in.Origin) > 0 {
		return diag.Verdict{}, false
	}
	why := in.OriginWhy
	if why == "" {
		why = "it was not tried"
	}
	return diag.Verdict{Kind: diag.KindUnknown, Basis: "probes", Confidence: 0.3, RecommendBisect: true,
		Cause:    fmt.Sprintf("%s answers with its own error page (%s), and the origin could not be reached directly (%s): that page tells what the CDN saw of the origin, not whether the origin or the CDN fails", r.CDN, r.Reason, why),
		Evidence: []diag.Evidence{httpEvidence(r)},
		Fix:      "Probe the origin directly (--resolve host:port:origin-ip) to tell an origin fault from a CDN fault, and read the origin's logs."}, true
}

func fpmDown(_ Input, s signals, r probe.Result) (diag.Verdict, bool) {
	if len(s.fpmDown) == 0 && len(s.fpmDenied) == 0 {
		return diag.Verdict{}, false
	}
	server, pass, status := web(r), "fastcgi_pass", "502"
	if server == "Apache" {
		pass = "SetHandler (or ProxyPassMatch)"
	}
	if r.Status != 0 {
		status = fmt.Sprint(r.Status)
	}
	if len(s.fpmDown) == 0 {
		return diag.Verdict{Kind: diag.KindServer, Components: []string{"server:php-fpm-socket-permission"}, Basis: "logs", Confidence: 0.9,
			Cause:    fmt.Sprintf("%s may not open PHP-FPM's socket (permission denied), so every PHP request fails with %s", server, status),
			Evidence: evidence(s.fpmDenied, 3), Fix: fmt.Sprintf("Set listen.owner/listen.group (or listen.mode) in the PHP-FPM pool to the user %s runs as, then reload PHP-FPM.", server)}, true
	}
	e := s.fpmDown[0]
	return diag.Verdict{Kind: diag.KindServer, Components: []string{"server:php-fpm-down"}, Basis: "logs", Confidence: 0.95,
		Cause:    fmt.Sprintf("PHP-FPM is not answering on %s: %s cannot connect to it, so every PHP request fails with %s", upstreamOf(e), server, status),
		Evidence: evidence(s.fpmDown, 3),
		Fix:      fmt.Sprintf("Start PHP-FPM (e.g. systemctl start php8.2-fpm) and check its log for why it stopped; make sure %s's %s names the socket the pool listens on.", server, pass)}, true
}

func upstreamOf(e logs.Event) string {
	if e.Upstream != "" {
		return strings.TrimSuffix(strings.TrimPrefix(e.Upstream, "fastcgi://"), ":")
	}
	return "its socket"
}

func maintenance(in Input, _ signals, r probe.Result) (diag.Verdict, bool) {
	if r.Class != probe.ClassWPMaintenance {
		return diag.Verdict{}, false
	}
	return diag.Verdict{Kind: diag.KindCore, Components: []string{}, Basis: "probes", Confidence: 0.9,
		Cause:    "WordPress is in maintenance mode: a .maintenance file in the WordPress root (left behind by an interrupted update) makes every page answer 503",
		Evidence: []diag.Evidence{httpEvidence(r)},
		Fix:      "Delete the .maintenance file in the WordPress root, then finish or redo the update that was interrupted."}, true
}
