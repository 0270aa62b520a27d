package bisect

import (
	"errors"
	"fmt"
	"slices"
)

// lookalikeLoads is how many times a set that breaks the site only
// together is checked for each member that could be one intermittent
// culprit: such a culprit failing on half of the requests passes them all
// 1 time in 32, one failing on 30% 1 time in 6.
const lookalikeLoads = 5

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
		if sr.turned, err = sr.lookalike(); err != nil || sr.turned == "" {
			return kind, conf, err
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
// other member). Each is loaded lookalikeLoads times, in turn. It returns
// what showed the failure is intermittent, or "" when every load answered
// normally.
func (sr *search) lookalike() (string, error) {
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
		for i := range lookalikeLoads {
			for _, x := range drop {
				part := setOf(sr.n, without(m, x))
				reason := fmt.Sprintf("the %d candidates without %s, load %d of %d: do they break the site only together, or does one fail now and then?",
					len(m), sr.opt.Name(x), i+1, lookalikeLoads)
				o, err := sr.call(part, PhaseLookalike, reason, 1, nil)
				if err != nil {
					return "", err
				}
				sr.ev.add(sr.ev.rec(part), o, len(sr.probes))
				if o == Broken {
					return fmt.Sprintf("with %s off the others broke the site, where they had answered normally", sr.opt.Name(x)), nil
				}
			}
		}
	}
	return "", nil
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
