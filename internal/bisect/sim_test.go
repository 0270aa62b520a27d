package bisect

import (
	"context"
	"math/rand/v2"
	"slices"
)

// site is a simulated site: it is broken when every member of at least one
// term is active (a monotone DNF). An empty term means broken with none.
type site struct {
	n     int
	terms [][]int
	calls int
	on    []bool // scratch for truth
	// miss is the chance that a broken site answers Healthy, alarm that a
	// healthy one answers Broken; rng draws them.
	miss, alarm float64
	rng         *rand.Rand
}

func newSite(n int, terms ...[]int) *site { return &site{n: n, terms: terms} }

func (s *site) noisy(miss float64, seed uint64) *site {
	s.miss, s.rng = miss, rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	return s
}

// truth reports whether the site is really broken with active on.
func (s *site) truth(active []int) bool {
	if len(s.on) != s.n {
		s.on = make([]bool, s.n)
	}
	on := s.on
	clear(on)
	for _, a := range active {
		on[a] = true
	}
	for _, t := range s.terms {
		all := true
		for _, x := range t {
			all = all && on[x]
		}
		if all {
			return true
		}
	}
	return false
}

func (s *site) oracle(_ context.Context, active []int) (Outcome, error) {
	s.calls++
	if !s.truth(active) {
		if s.rng != nil && s.alarm > 0 && s.rng.Float64() < s.alarm {
			return Broken, nil
		}
		return Healthy, nil
	}
	if s.rng != nil && s.rng.Float64() < s.miss {
		return Healthy, nil
	}
	return Broken, nil
}

// baseline observes all-on k times, as a caller would before bisecting.
func (s *site) baseline(k int) Baseline {
	var b Baseline
	all := make([]int, s.n)
	for i := range all {
		all[i] = i
	}
	for range k {
		o, _ := s.oracle(context.Background(), all)
		if o == Broken {
			b.Broken++
		} else {
			b.Healthy++
		}
	}
	s.calls = 0
	return b
}

// sameSets reports whether got and want hold the same sets, in any order.
func sameSets(got, want [][]int) bool {
	if len(got) != len(want) {
		return false
	}
	norm := func(ss [][]int) [][]int {
		out := make([][]int, len(ss))
		for i, s := range ss {
			out[i] = slices.Sorted(slices.Values(s))
		}
		slices.SortFunc(out, slices.Compare)
		return out
	}
	g, w := norm(got), norm(want)
	for i := range g {
		if !slices.Equal(g[i], w[i]) {
			return false
		}
	}
	return true
}

func run(n int, s *site, opt Options) Result {
	res, err := Search(context.Background(), n, s.oracle, opt)
	if err != nil {
		panic(err)
	}
	return res
}
