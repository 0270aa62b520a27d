package bisect

import (
	"fmt"
	"testing"
)

// TestSuspectNamedByLogsTakesTwoProbes: for every n and culprit position, a
// culprit the evidence names is found and verified in two probes, with
// full confidence, the "anything else?" check included.
func TestSuspectNamedByLogsTakesTwoProbes(t *testing.T) {
	for _, n := range sizes() {
		if n < 2 {
			continue
		}
		for c := range n {
			s := newSite(n, []int{c})
			res := run(n, s, Options{Baseline: Baseline{Broken: 1}, Suspects: []int{c}})
			if res.Kind != Found || !sameSets(res.Sets, [][]int{{c}}) || res.Confidence != 1 {
				t.Fatalf("n=%d c=%d: got %v %v conf %v", n, c, res.Kind, res.Sets, res.Confidence)
			}
			if s.calls > 2 {
				t.Fatalf("n=%d c=%d: %d probes, want ≤ 2: %v", n, c, s.calls, res.Probes)
			}
			for _, p := range res.Probes {
				if p.Phase != PhaseSuspects {
					t.Fatalf("n=%d c=%d: probe in phase %v", n, c, p.Phase)
				}
			}
		}
	}
}

// TestSuspectsRefuted: wrong suspects cost at most two extra probes over
// the plain bound, and never a wrong answer.
func TestSuspectsRefuted(t *testing.T) {
	cases := []struct {
		name     string
		n        int
		terms    [][]int
		suspects []int
		want     [][]int
		extra    int // probes allowed over the plain search's bound
	}{
		// "all on except 3" is broken: one probe, then the search runs on
		// the other 31, a smaller pool.
		{"innocent suspect", 32, [][]int{{20}}, []int{3}, [][]int{{20}}, 1},
		// A group with the culprit in it is narrowed down inside the group.
		{"group holds the culprit", 32, [][]int{{7}}, []int{2, 7, 30}, [][]int{{7}}, 0},
		// The suspect needs a partner outside: "suspect alone" is healthy.
		{"suspect with a partner", 32, [][]int{{4, 17}}, []int{4}, [][]int{{4, 17}}, 2},
		// Two independent crashers, the logs named one.
		{"second crasher", 32, [][]int{{5}, {26}}, []int{5}, [][]int{{5}, {26}}, 2},
		{"all named", 4, [][]int{{1}}, []int{0, 1, 2, 3}, [][]int{{1}}, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			plain := newSite(c.n, c.terms...)
			run(c.n, plain, known)
			s := newSite(c.n, c.terms...)
			res := run(c.n, s, Options{Baseline: Baseline{Broken: 1}, Suspects: c.suspects})
			// A set of several is 1 − lookalikeMiss sure not to be one
			// intermittent culprit.
			if res.Kind != Found || !sameSets(res.Sets, c.want) || res.Confidence < 1-lookalikeMiss || (len(c.want[0]) == 1 && res.Confidence != 1) {
				t.Fatalf("got %v %v conf %v; probes %v", res.Kind, res.Sets, res.Confidence, res.Probes)
			}
			if s.calls > plain.calls+c.extra {
				t.Errorf("%d probes with suspects, %d without (allowed +%d)", s.calls, plain.calls, c.extra)
			}
			t.Logf("%d probes with suspects %v, %d without", s.calls, c.suspects, plain.calls)
		})
	}
}

// TestSuspectsNeverWrong: over every single culprit and every wrong
// single suspect of small sites, the answer is the culprit.
func TestSuspectsNeverWrong(t *testing.T) {
	for n := 2; n <= 24; n++ {
		for c := range n {
			for g := range n {
				s := newSite(n, []int{c})
				res := run(n, s, Options{Baseline: Baseline{Broken: 1}, Suspects: []int{g}})
				if res.Kind != Found || !sameSets(res.Sets, [][]int{{c}}) {
					t.Fatalf("n=%d culprit %d suspect %d: %v %v", n, c, g, res.Kind, res.Sets)
				}
				_, total := boundSingle(n)
				if g != c && s.calls > total+1 {
					t.Fatalf("n=%d culprit %d suspect %d: %d probes > %d+1", n, c, g, s.calls, total)
				}
			}
		}
	}
}

func TestSuspectOutOfRange(t *testing.T) {
	for _, bad := range []int{-1, 8} {
		_, err := Search(t.Context(), 8, newSite(8, []int{1}).oracle, Options{Suspects: []int{bad}})
		if err == nil {
			t.Errorf("suspect %d of 8 accepted", bad)
		}
	}
}

// TestSuspectNoisy: an intermittent (50%) culprit named by the logs, with
// Broken trusted: right answers at the stated confidence, probe counts
// logged.
func TestSuspectNoisy(t *testing.T) {
	const n, seeds = 16, 300
	for _, miss := range []float64{0.3, 0.5, 0.7} {
		t.Run(fmt.Sprint(miss), func(t *testing.T) {
			var probes, worst, wrong int
			for seed := range seeds {
				s := newSite(n, []int{9}).noisy(miss, uint64(seed)+1)
				b := s.baseline(3)
				for b.Broken == 0 {
					b = s.baseline(3)
				}
				res := run(n, s, Options{Baseline: b, Trust: TrustBroken, Suspects: []int{9}})
				probes += s.calls
				worst = max(worst, s.calls)
				if res.Kind != Found || !sameSets(res.Sets, [][]int{{9}}) {
					wrong++
				}
			}
			t.Logf("miss %.1f: mean %.1f probes, worst %d, wrong or inconclusive %d/%d", miss, float64(probes)/seeds, worst, wrong, seeds)
			if float64(wrong)/seeds > 0.05 {
				t.Errorf("%d/%d runs not found", wrong, seeds)
			}
		})
	}
}
