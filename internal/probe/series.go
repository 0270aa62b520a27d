package probe

import "context"

// Pattern says how a failure shows across repeated probes.
type Pattern string

// The patterns.
const (
	PatternNone         Pattern = "none"         // no probe failed
	PatternIntermittent Pattern = "intermittent" // some probes failed
	PatternSteady       Pattern = "steady"       // every probe failed
)

// Series is the outcome of probing one URL several times.
type Series struct {
	URL         string        `json:"url"`
	Results     []Result      `json:"results"`
	Counts      map[Class]int `json:"counts"`   // probes per class
	Failures    int           `json:"failures"` // probes whose Failing() is true
	FailureRate float64       `json:"failure_rate"`
	Pattern     Pattern       `json:"pattern"`
}

// Repeat probes url n times, one after another, and summarises. It stops
// early when ctx ends; the probe cut short by that is not recorded.
func (p *Prober) Repeat(ctx context.Context, url string, n int) Series {
	results := make([]Result, 0, max(n, 0))
	for range n {
		if ctx.Err() != nil {
			break
		}
		r := p.Probe(ctx, url)
		if r.Class == ClassCanceled {
			break
		}
		results = append(results, r)
	}
	return Summarize(url, results)
}

// Summarize counts classes and failures in results. The failure rate is
// failures over all results (0 when there are none); maintenance, 4xx and
// other inconclusive answers count as not failing.
func Summarize(url string, results []Result) Series {
	s := Series{URL: url, Results: results, Counts: make(map[Class]int), Pattern: PatternNone}
	for _, r := range results {
		s.Counts[r.Class]++
		if r.Failing() {
			s.Failures++
		}
	}
	if len(results) > 0 {
		s.FailureRate = float64(s.Failures) / float64(len(results))
	}
	switch {
	case s.Failures == 0:
	case s.Failures == len(results):
		s.Pattern = PatternSteady
	default:
		s.Pattern = PatternIntermittent
	}
	return s
}
