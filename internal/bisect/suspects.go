package bisect

import "fmt"

// trySuspects tests the candidates the evidence names (Options.Suspects, S)
// before any halving. "All on except S" healthy means every failing set
// meets S (and, by monotonicity, that all off is healthy); "S alone"
// broken then puts a failing set inside S, which shrink narrows down. For a
// single log-named culprit that is two probes, and the facts behind Found
// (S breaks, none does not, all but S does not) are all among the answers.
// ok is false when an answer refutes the suspects; the answers stay in the
// evidence for the search that follows.
func (sr *search) trySuspects() (m []int, ok bool, err error) {
	s := setOf(sr.n, sr.opt.Suspects)
	k := s.count()
	if k == 0 || k == sr.n {
		return nil, false, nil
	}
	named := sr.names(s.list())
	o, err := sr.ask(fullSet(sr.n).minus(s), PhaseSuspects,
		func() string { return fmt.Sprintf("suspects off: all on except %s", named) },
		func(o Outcome) int {
			if o == Healthy {
				return k
			}
			return sr.n - k
		})
	if err != nil || o == Broken {
		return nil, false, err
	}
	o, err = sr.ask(s, PhaseSuspects,
		func() string { return fmt.Sprintf("suspects alone: only %s on", named) },
		func(Outcome) int { return k })
	if err != nil || o == Healthy {
		return nil, false, err
	}
	m, err = sr.shrink(s)
	return m, err == nil, err
}

// pool is the set the search shrinks: all candidates, or only those
// outside the suspects when "all on except the suspects" was seen broken
// (a failing set lies there, and it is the smaller pool).
func (sr *search) pool() set {
	all := fullSet(sr.n)
	if len(sr.opt.Suspects) == 0 {
		return all
	}
	rest := all.minus(setOf(sr.n, sr.opt.Suspects))
	if rest.count() > 0 {
		if v, ok := sr.ev.infer(rest); ok && v == Broken {
			return rest
		}
	}
	return all
}
