package bisect

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// sizes is every n up to 64 and some larger ones.
func sizes() []int {
	var ns []int
	for n := 1; n <= 64; n++ {
		ns = append(ns, n)
	}
	return append(ns, 65, 100, 127, 128, 129, 200, 255, 256)
}

// Documented bounds, m = ⌈log2 n⌉ (see the package doc).
func boundSingle(n int) (locate, total int) { m := ceilLog2(n); return m + 2, m + 3 }
func boundPair(n int) (locate, total int)   { m := ceilLog2(n); return 2*m + 3, 2*m + 4 }
func boundTwoIndependent(n int) int         { return 2*ceilLog2(n) + 5 }

// locateProbes counts the probes made before the search for other,
// independent failing sets, without the lookalike check.
func locateProbes(res Result) int {
	k := 0
	for _, p := range res.Probes {
		if p.Phase != PhaseOthers && p.Phase != PhaseLookalike {
			k++
		}
	}
	return k
}

// lookalikeProbes counts the probes that checked a set breaking the site
// only together was not one intermittent culprit (lookalike.go).
func lookalikeProbes(res Result) int {
	k := 0
	for _, p := range res.Probes {
		if p.Phase == PhaseLookalike {
			k++
		}
	}
	return k
}

func TestPropertySingleCulprit(t *testing.T) {
	for _, n := range sizes() {
		locate, total := boundSingle(n)
		for c := range n {
			s := newSite(n, []int{c})
			res := run(n, s, Options{Baseline: Baseline{Broken: 1}})
			if res.Kind != Found || !sameSets(res.Sets, [][]int{{c}}) || res.Confidence != 1 {
				t.Fatalf("n=%d c=%d: got %v %v conf %v", n, c, res.Kind, res.Sets, res.Confidence)
			}
			if s.calls > total || locateProbes(res) > locate {
				t.Fatalf("n=%d c=%d: %d probes (%d to locate) > bound %d (%d)", n, c, s.calls, locateProbes(res), total, locate)
			}
			// StopAtFirst makes exactly the locating probes.
			s2 := newSite(n, []int{c})
			if res2 := run(n, s2, Options{Baseline: Baseline{Broken: 1}, StopAtFirst: true}); s2.calls != locateProbes(res) || !sameSets(res2.Sets, res.Sets) {
				t.Fatalf("n=%d c=%d: StopAtFirst made %d probes, want %d", n, c, s2.calls, locateProbes(res))
			}
		}
	}
}

// pairs returns every pair for n ≤ 64 (n ≤ 16 with -short), else 300
// seeded random pairs and the extreme ones.
func pairs(n int) [][2]int {
	var out [][2]int
	if n <= 64 && (n <= 16 || !testing.Short()) {
		for a := range n {
			for b := a + 1; b < n; b++ {
				out = append(out, [2]int{a, b})
			}
		}
		return out
	}
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	for len(out) < 300 {
		a, b := rng.IntN(n), rng.IntN(n)
		if a != b {
			out = append(out, [2]int{min(a, b), max(a, b)})
		}
	}
	return append(out, [2]int{0, 1}, [2]int{n - 2, n - 1}, [2]int{0, n - 1})
}

func TestPropertyConflictingPair(t *testing.T) {
	for _, n := range sizes()[1:] {
		locate, total := boundPair(n)
		for _, p := range pairs(n) {
			s := newSite(n, []int{p[0], p[1]})
			res := run(n, s, Options{Baseline: Baseline{Broken: 1}})
			if res.Kind != Found || !sameSets(res.Sets, [][]int{{p[0], p[1]}}) {
				t.Fatalf("n=%d pair=%v: got %v %v", n, p, res.Kind, res.Sets)
			}
			check := lookalikeProbes(res)
			if find := s.calls - check; find > total || locateProbes(res) > locate || check < 2 || check > 2*lookalikeMaxLoads {
				t.Fatalf("n=%d pair=%v: %d probes (%d to locate) > bound %d (%d), %d lookalike loads", n, p, find, locateProbes(res), total, locate, check)
			}
		}
	}
}

func TestPropertyTwoIndependent(t *testing.T) {
	for _, n := range sizes()[1:] {
		bound := boundTwoIndependent(n)
		for _, p := range pairs(n) {
			s := newSite(n, []int{p[0]}, []int{p[1]})
			res := run(n, s, Options{Baseline: Baseline{Broken: 1}})
			if res.Kind != Found || !sameSets(res.Sets, [][]int{{p[0]}, {p[1]}}) {
				t.Fatalf("n=%d crashers=%v: got %v %v", n, p, res.Kind, res.Sets)
			}
			if s.calls > bound {
				t.Fatalf("n=%d crashers=%v: %d probes > bound %d", n, p, s.calls, bound)
			}
		}
	}
}

func TestPropertyBrokenWithNoneAndHealthyWithAll(t *testing.T) {
	for _, n := range sizes() {
		for _, terms := range [][][]int{{{}}, {{}, {n / 2}}, {{n - 1}, {}}} {
			s := newSite(n, terms...)
			res := run(n, s, Options{Baseline: Baseline{Broken: 1}})
			if res.Kind != BrokenWithNone || s.calls != 1 || res.Confidence != 1 {
				t.Fatalf("n=%d terms=%v: got %v after %d probes", n, terms, res.Kind, s.calls)
			}
		}
		s := newSite(n)
		res := run(n, s, Options{})
		if res.Kind != HealthyWithAll || s.calls != 1 || res.Probes[0].Phase != PhaseBaseline {
			t.Fatalf("n=%d healthy: got %v after %d probes", n, res.Kind, s.calls)
		}
	}
}

// randomSite draws a monotone site: up to 3 terms of 1–3 members.
func randomSite(rng *rand.Rand, n int) *site {
	var terms [][]int
	for range 1 + rng.IntN(3) {
		var t []int
		for range 1 + rng.IntN(min(3, n)) {
			t = append(t, rng.IntN(n))
		}
		terms = append(terms, t)
	}
	return newSite(n, terms...)
}

// checkSound verifies a deterministic Found result against the site: every
// set fails and is minimal, the sets are disjoint, and with all of them off
// the site is healthy.
func checkSound(s *site, res Result) error {
	if res.Kind != Found {
		return fmt.Errorf("kind %v (%s)", res.Kind, res.Reason)
	}
	seen := map[int]bool{}
	for _, m := range res.Sets {
		if !s.truth(m) {
			return fmt.Errorf("set %v does not fail", m)
		}
		for _, x := range m {
			if s.truth(without(m, x)) {
				return fmt.Errorf("set %v is not minimal: fails without %d", m, x)
			}
			if seen[x] {
				return fmt.Errorf("sets overlap at %d", x)
			}
			seen[x] = true
		}
	}
	var rest []int
	for i := range s.n {
		if !seen[i] {
			rest = append(rest, i)
		}
	}
	if s.truth(rest) {
		return fmt.Errorf("still broken with %v off", res.Culprits())
	}
	return nil
}

func TestPropertyRandomSites(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		n := 1 + rng.IntN(80)
		s := randomSite(rng, n)
		res := run(n, s, Options{Baseline: Baseline{Broken: 1}})
		if err := checkSound(s, res); err != nil {
			t.Fatalf("case %d n=%d terms=%v: %v", i, n, s.terms, err)
		}
	}
}

// TestArbitraryOracleTerminates: an oracle that is not monotone (or not even
// consistent) must not make the search loop, exceed its budget or blame a
// set it never saw fail.
func TestArbitraryOracleTerminates(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range 2000 {
		n := 1 + rng.IntN(7)
		table := make([]Outcome, 1<<n)
		for j := range table {
			table[j] = Outcome(1 + rng.IntN(2))
		}
		flaky := i%2 == 1
		var seen = map[int]bool{}
		oracle := func(_ context.Context, active []int) (Outcome, error) {
			k := 0
			for _, a := range active {
				k |= 1 << a
			}
			o := table[k]
			if flaky && rng.IntN(4) == 0 {
				o = 3 - o
			}
			if o == Broken {
				seen[k] = true
			}
			return o, nil
		}
		opt := Options{Baseline: Baseline{Broken: 1}}
		if flaky {
			opt.Trust = Trust(rng.IntN(4))
		}
		res, err := Search(context.Background(), n, oracle, opt)
		o, _ := opt.withDefaults(n)
		if res.Intermittent { // the search turned intermittent, with a budget of its own
			o.MaxProbes += 16 * (ceilLog2(n) + 2)
		}
		if err != nil || len(res.Probes) > o.MaxProbes {
			t.Fatalf("case %d: %v after %d probes", i, err, len(res.Probes))
		}
		if res.Kind != Found {
			continue
		}
		for _, m := range res.Sets {
			k := 0
			for _, a := range m {
				k |= 1 << a
			}
			if !seen[k] && k != 1<<n-1 {
				t.Fatalf("case %d: blamed %v, never seen failing", i, m)
			}
		}
	}
}
