package bisect

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// A set that breaks the site only together is loaded in parts until a
// single intermittent culprit among its members, failing at the rate its
// answers so far suggest, would have failed one of those loads with
// probability 1 − lookalikeMiss; at most lookalikeMaxLoads loads per part.
const (
	lookalikeMiss     = 0.01
	lookalikeMaxLoads = 16
)

// deterministic runs the search for a site that failed every time the
// caller asked. An intermittent single culprit can look like two things
// that search finds: answers that contradict each other, and a set of two
// or more that break the site only together, since "only together" rests
// on healthy answers such a culprit gives by chance. The first is taken as
// proof, the second checked by loading each member that could be that
// culprit alone; when the failure turns out intermittent, the search goes
// on under the intermittent model with every answer so far.
func (sr *search) deterministic(given Options) (Kind, float64, error) {
	kind, conf, err := sr.run()
	switch {
	case sr.opt.Trust != TrustBoth:
		// The noise model already asks the answers it does not trust again.
		return kind, conf, err
	case errors.Is(err, errContradicted):
		sr.turned = "one set answered both ways"
	case err == nil && kind == Found:
		var miss float64
		if sr.turned, miss, err = sr.lookalike(); err != nil || sr.turned == "" {
			return kind, min(conf, 1-miss), err
		}
	default:
		return kind, conf, err
	}
	sr.opt.Intermittent = true
	if given.MinConfidence == 0 {
		sr.opt.MinConfidence = 0.99
	}
	if given.MaxProbes == 0 {
		sr.opt.MaxProbes = len(sr.probes) + 16*(ceilLog2(sr.n)+2)
	}
	sr.sets, sr.foundAt = nil, nil
	return sr.intermittent(sr.beliefFromEvidence())
}

// lookalike checks the sets found that have more than one member. A single
// intermittent culprit must have been on in every broken answer, and then
// a part of the set with it on fails now and then, where a real conflict
// never does. Two parts cover every such member: the set without one of
// them, and without another (or, with one possible culprit, without any
// other member). They are loaded in turn until each possible culprit, at
// the rate its own answers give it (ratePrior updated with the broken and
// healthy answers it was on for), would have failed one of its loads with
// probability 1 − lookalikeMiss. It returns what showed the failure is
// intermittent, or "" and the largest chance left that such a culprit
// passed every load.
func (sr *search) lookalike() (string, float64, error) {
	worst := 0.0
	for _, m := range sr.sets {
		if len(m) < 2 {
			continue
		}
		p := sr.possibleCulprits(m)
		var drop []int
		switch {
		case len(p) == 0:
			continue
		case len(p) == 1:
			drop = []int{m[0]}
			if m[0] == p[0] {
				drop = []int{m[1]}
			}
		default: // keep the likeliest in both parts
			drop = []int{p[len(p)-1], p[len(p)-2]}
		}
		rates := make([][]float64, len(p)) // each possible culprit's rate posterior
		for i, x := range p {
			rates[i] = sr.ratePosterior(x)
		}
		loads := make([]int, len(p)) // healthy loads of parts with p[i] on
		miss := func() float64 {
			w := 0.0
			for i := range p {
				w = max(w, passChance(rates[i], loads[i]))
			}
			return w
		}
		for i := 0; i < lookalikeMaxLoads && miss() > lookalikeMiss; i++ {
			for _, x := range drop {
				part := setOf(sr.n, without(m, x))
				reason := fmt.Sprintf("the %d candidates without %s, load %d: do they break the site only together, or does one fail now and then?",
					len(m), sr.opt.Name(x), i+1)
				o, err := sr.call(part, PhaseLookalike, reason, 1, nil)
				if err != nil {
					return "", 0, err
				}
				sr.ev.add(sr.ev.rec(part), o, len(sr.probes))
				if o == Broken {
					return fmt.Sprintf("with %s off the others broke the site, where they had answered normally", sr.opt.Name(x)), 0, nil
				}
				for j, c := range p {
					if part.has(c) {
						loads[j]++
					}
				}
			}
		}
		worst = max(worst, miss())
	}
	return "", worst, nil
}

// ratePosterior is the belief over rateGrid in the failure rate of x, were
// x a single intermittent culprit: ratePrior weighed by every answer with x
// on, the caller's baseline included (read once, before the check's own
// loads). Should the answers be too many to weigh, ratePrior is kept.
func (sr *search) ratePosterior(x int) []float64 {
	b, h := 0, 0
	for _, r := range sr.ev.recs {
		if r.set.has(x) {
			b += r.b
			h += r.h
		}
	}
	w := make([]float64, len(rateGrid))
	t := 0.0
	for k, p := range rateGrid {
		w[k] = ratePrior[k] * math.Pow(p, float64(b)) * math.Pow(1-p, float64(h))
		t += w[k]
	}
	if !(t > 0) {
		copy(w, ratePrior)
		t = 0
		for _, x := range w {
			t += x
		}
	}
	for k := range w {
		w[k] /= t
	}
	return w
}

// passChance is the chance that a culprit failing at a rate believed w
// answers k loads normally.
func passChance(w []float64, k int) float64 {
	c := 0.0
	for i, p := range rateGrid {
		c += w[i] * math.Pow(1-p, float64(k))
	}
	return c
}

// possibleCulprits are the members of m that were on in every broken
// answer, the one on in the fewest healthy answers first.
func (sr *search) possibleCulprits(m []int) []int {
	var out []int
	healthyOn := map[int]int{}
	for _, c := range m {
		ok := true
		for _, r := range sr.ev.recs {
			if !r.set.has(c) {
				ok = ok && r.b == 0
				continue
			}
			healthyOn[c] += r.h
		}
		if ok {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int { return healthyOn[a] - healthyOn[b] })
	return out
}
