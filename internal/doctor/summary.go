package doctor

import (
	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

// statusOf says whether the site is healthy, broken or intermittent. It
// judges each URL on its own: a page that always fails makes the site
// broken even when another page works (a plugin that breaks only the front
// end); only a URL that sometimes fails makes it intermittent. The rate is
// the failure rate of the worst URL.
func statusOf(rs []probe.Result) (diag.Status, float64) {
	if len(rs) == 0 {
		return diag.StatusUnreachable, 0
	}
	unreachable, maint, failing, healthy := 0, 0, 0, 0
	for _, r := range rs {
		switch {
		case r.Class == probe.ClassWPMaintenance:
			maint++
		case r.Failing():
			failing++
			if r.Status == 0 {
				unreachable++
			}
		case r.Verdict() == probe.Healthy:
			healthy++
		}
	}
	switch {
	case unreachable == len(rs):
		return diag.StatusUnreachable, 1
	case maint > 0 && failing == 0:
		return diag.StatusMaintenance, 0
	case failing == 0 && healthy == 0:
		// Only inconclusive answers (a URL that could not be sent, a
		// cancelled probe, a 4xx): nothing says the site works.
		return diag.StatusUnreachable, 0
	case failing == 0:
		return diag.StatusHealthy, 0
	}
	status, rate := diag.StatusHealthy, 0.0
	for _, p := range summarize(rs) {
		switch {
		case p.Pattern == "steady":
			status, rate = diag.StatusBroken, 1
		case p.Pattern == "intermittent" && status != diag.StatusBroken:
			status = diag.StatusIntermittent
			if p.FailureRate > rate {
				rate = p.FailureRate
			}
		}
	}
	return status, rate
}

// summarize groups the answers by URL.
func summarize(rs []probe.Result) []diag.ProbeResult {
	var out []diag.ProbeResult
	index := map[string]int{}
	for _, r := range rs {
		i, ok := index[r.URL]
		if !ok {
			i = len(out)
			index[r.URL] = i
			out = append(out, diag.ProbeResult{URL: r.URL, Classes: map[string]int{}, Statuses: map[int]int{}})
		}
		p := &out[i]
		p.Requests++
		p.Classes[string(r.Class)]++
		p.Statuses[r.Status]++
		if r.Failing() {
			p.Failures++
			p.Example = r.Reason
		} else if p.Example == "" || p.Failures == 0 {
			p.Example = r.Reason
		}
		if r.Server != "" {
			p.Server = r.Server
		}
		if r.CDN != "" {
			p.CDN = r.CDN
		}
		if r.HeaderBytes > p.HeaderBytes {
			p.HeaderBytes = r.HeaderBytes
		}
		if ms := r.TTFB.Milliseconds(); ms > p.TTFBMillis {
			p.TTFBMillis = ms
		}
	}
	for i := range out {
		p := &out[i]
		p.FailureRate = float64(p.Failures) / float64(p.Requests)
		switch {
		case p.Failures == 0:
			p.Pattern = "none"
		case p.Failures == p.Requests:
			p.Pattern = "steady"
		default:
			p.Pattern = "intermittent"
		}
	}
	return out
}

// probeSummaries summarises the site's answers, and those of the origin
// reached directly past a CDN (marked with where it was reached).
func (r *Session) probeSummaries() []diag.ProbeResult {
	site, origin := r.results, r.origin
	if r.edge != nil {
		site, origin = r.edge, r.results
	}
	out := summarize(site)
	for _, p := range summarize(origin) {
		p.Origin = r.originAt
		out = append(out, p)
	}
	return out
}
