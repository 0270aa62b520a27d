package bisect

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// oneByOne is the manual method the search replaces: switch one candidate
// off at a time, all others on, until the site is healthy. It returns the
// probes made and the candidate blamed (-1 when none).
func oneByOne(s *site) (probes, blamed int) {
	for i := range s.n {
		active := make([]int, 0, s.n-1)
		for j := range s.n {
			if j != i {
				active = append(active, j)
			}
		}
		if o, _ := s.oracle(context.Background(), active); o == Healthy {
			return s.calls, i
		}
	}
	return s.calls, -1
}

// probeRow is the probe counts of one n, deterministic oracle, baseline
// supplied by the caller; every oracle call counted.
type probeRow struct {
	n                           int
	singleWorst, singleMean     float64 // one culprit, over every position
	locateWorst                 float64 // one culprit, without the others check
	pairWorst, pairMean         float64 // conflicting pair, over pairs(n), without the lookalike check (lookalikeProbes)
	pairs                       int
	naiveSingleMean, naiveWorst float64 // one-by-one, one culprit
	naivePairMean               float64 // one-by-one on a pair (finds one half)
}

func measure(n int) probeRow {
	r := probeRow{n: n}
	opt := Options{Baseline: Baseline{Broken: 1}}
	for c := range n {
		s := newSite(n, []int{c})
		res := run(n, s, opt)
		r.singleWorst = max(r.singleWorst, float64(s.calls))
		r.singleMean += float64(s.calls) / float64(n)
		r.locateWorst = max(r.locateWorst, float64(locateProbes(res)))
		k, _ := oneByOne(newSite(n, []int{c}))
		r.naiveWorst = max(r.naiveWorst, float64(k))
		r.naiveSingleMean += float64(k) / float64(n)
	}
	ps := samplePairs(n)
	r.pairs = len(ps)
	for _, p := range ps {
		s := newSite(n, []int{p[0], p[1]})
		find := s.calls - lookalikeProbes(run(n, s, opt))
		r.pairWorst = max(r.pairWorst, float64(find))
		r.pairMean += float64(find) / float64(len(ps))
		k, _ := oneByOne(newSite(n, []int{p[0], p[1]}))
		r.naivePairMean += float64(k) / float64(len(ps))
	}
	return r
}

// samplePairs is every pair for n ≤ 64, else 2000 seeded random pairs.
func samplePairs(n int) [][2]int {
	if n <= 64 {
		return pairs(n)
	}
	rng := rand.New(rand.NewPCG(uint64(n), 11))
	var out [][2]int
	for len(out) < 2000 {
		if a, b := rng.IntN(n), rng.IntN(n); a != b {
			out = append(out, [2]int{min(a, b), max(a, b)})
		}
	}
	return out
}

var tableSizes = []int{8, 16, 32, 64, 128, 256}

// TestProbeTable prints the probe table (go test -run ProbeTable -v) and
// checks the worst cases against the documented bounds.
func TestProbeTable(t *testing.T) {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%5s | %-22s | %-9s | %-28s | %-22s\n", "n", "one culprit worst/mean", "(locate)", "pair worst/mean (+check)", "one-by-one mean/worst")
	for _, n := range tableSizes {
		r := measure(n)
		fmt.Fprintf(&b, "%5d | %9.0f / %-10.2f | %-9.0f | %9.0f / %-6.2f (%5d pairs) | %6.1f / %-4.0f (pair %.1f)\n",
			n, r.singleWorst, r.singleMean, r.locateWorst, r.pairWorst, r.pairMean, r.pairs, r.naiveSingleMean, r.naiveWorst, r.naivePairMean)
		locate, total := boundSingle(n)
		_, pairTotal := boundPair(n)
		if r.singleWorst > float64(total) || r.locateWorst > float64(locate) || r.pairWorst > float64(pairTotal) {
			t.Errorf("n=%d: worst cases %v exceed the bounds %d/%d/%d", n, r, total, locate, pairTotal)
		}
		if r.naiveSingleMean != float64(n+1)/2 || r.naiveWorst != float64(n) {
			t.Errorf("n=%d: one-by-one reference is off: %+v", n, r)
		}
	}
	t.Log(b.String())
}

// BenchmarkProbeCounts reports, per n, the probe counts as metrics (the
// ns/op is the CPU cost of one search for a culprit in the middle).
func BenchmarkProbeCounts(b *testing.B) {
	for _, n := range tableSizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			r := measure(n)
			for b.Loop() {
				run(n, newSite(n, []int{n / 2}), Options{Baseline: Baseline{Broken: 1}})
			}
			b.ReportMetric(r.singleWorst, "single-worst")
			b.ReportMetric(r.singleMean, "single-mean")
			b.ReportMetric(r.locateWorst, "locate-worst")
			b.ReportMetric(r.pairWorst, "pair-worst")
			b.ReportMetric(r.pairMean, "pair-mean")
			b.ReportMetric(r.naiveSingleMean, "onebyone-mean")
			b.ReportMetric(r.naiveWorst, "onebyone-worst")
		})
	}
}
