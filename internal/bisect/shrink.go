package bisect

import "fmt"

// shrink returns a minimal failing subset of pool, which must already be
// judged Broken while the empty set is judged Healthy.
//
// It keeps the members found to be needed (fixed) and the suspects still
// unresolved (rest, in a fixed order) with fixed ∪ rest failing. Each round
// first asks whether fixed alone fails (skipped while fixed is empty: the
// empty set is healthy); if not, it binary-searches the shortest prefix of
// rest that fails with fixed. The last member of that prefix is needed:
// without it the prefix was healthy. It joins fixed and the rest shrinks to
// the prefix before it. A round costs at most 1 + ⌈log2 |rest|⌉ probes.
func (sr *search) shrink(pool set) ([]int, error) {
	var fixed []int
	rest := pool.list()
	sr.suspects = pool
	for len(rest) > 0 {
		if len(fixed) > 0 {
			f := setOf(sr.n, fixed)
			left := func(o Outcome) int {
				if o == Broken {
					return len(fixed)
				}
				return len(fixed) + len(rest)
			}
			reason := func() string { return fmt.Sprintf("check: %s alone, %d suspects off", sr.names(fixed), len(rest)) }
			o, err := sr.ask(f, PhaseSearch, reason, left)
			if err != nil {
				return fixed, err
			}
			if o == Broken {
				sr.suspects = f
				break
			}
			if err := sr.recheckBaseline(len(fixed), len(rest)); err != nil {
				return fixed, err
			}
		}
		// Invariant: fixed ∪ rest[:lo] healthy, fixed ∪ rest[:hi] broken.
		lo, hi := 0, len(rest)
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			s := setOf(sr.n, append(append([]int(nil), fixed...), rest[:mid]...))
			left := func(o Outcome) int {
				if o == Broken {
					return len(fixed) + mid - lo
				}
				return len(fixed) + hi - mid
			}
			reason := func() string { return sr.halvingReason(fixed, mid, len(rest)) }
			o, err := sr.ask(s, PhaseSearch, reason, left)
			if err != nil {
				return fixed, err
			}
			if o == Broken {
				hi = mid
				sr.suspects = s
			} else {
				lo = mid
			}
		}
		fixed = append(fixed, rest[hi-1])
		rest = rest[:hi-1]
		sr.suspects = setOf(sr.n, append(append([]int(nil), fixed...), rest...))
	}
	out := append([]int(nil), fixed...)
	sortInts(out)
	return out, nil
}

// recheckBaseline asks "all on" again when two or more members have been
// found needed only because the caller's baseline said all on fails: a
// baseline that does not reproduce would otherwise make every candidate
// look needed, one ⌈log2 n⌉ round at a time. It costs one probe, only for
// failing sets of three or more that contain the last two candidates.
func (sr *search) recheckBaseline(fixed, rest int) error {
	all := fullSet(sr.n)
	if fixed < 2 || fixed+rest != sr.n || sr.ev.rec(all).probed > 0 {
		return nil
	}
	_, err := sr.probe(all, PhaseBaseline, "re-check: all on (only the caller's baseline says it fails)", nil)
	return err
}

func (sr *search) halvingReason(fixed []int, on, of int) string {
	if len(fixed) == 0 {
		return fmt.Sprintf("halving: %d of %d candidates on", on, of)
	}
	return fmt.Sprintf("halving: %d of %d suspects on, with %s (needed)", on, of, sr.names(fixed))
}

// names renders up to three candidates and a count of the others.
func (sr *search) names(idx []int) string {
	const show = 3
	s := ""
	for i, x := range idx {
		if i == show {
			return fmt.Sprintf("%s and %d more", s, len(idx)-show)
		}
		if i > 0 {
			s += ", "
		}
		s += sr.opt.Name(x)
	}
	if s == "" {
		return "nothing"
	}
	return s
}
