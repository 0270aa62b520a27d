package bisect

import "fmt"

// factKind names what a conclusion rests on.
type factKind uint8

const (
	factAll      factKind = iota + 1 // all on is healthy (HealthyWithAll)
	factNone                         // all off is broken (BrokenWithNone)
	factBroken                       // sets[i] breaks the site
	factMinimal                      // sets[i] without x does not
	factComplete                     // all on except the sets found does not
)

// fact is one claim a conclusion rests on: set is want.
type fact struct {
	kind factKind
	set  set
	want Outcome
	i, x int // for factBroken and factMinimal: sets[i], member x
	// after: only answers asked after this step count, unless trusted
	// (see certBelief).
	after int
}

// foundFacts lists the claims behind Found with the current sets: each set
// fails, fails no more without any one member, and (unless StopAtFirst)
// nothing fails once all of them are off.
func (sr *search) foundFacts(withComplete bool) []fact {
	var fs []fact
	off, last := newSet(sr.n), 0
	for i, m := range sr.sets {
		at := sr.foundAt[i]
		last = max(last, at)
		fs = append(fs, fact{kind: factBroken, set: setOf(sr.n, m), want: Broken, i: i, after: at})
		for _, x := range m {
			fs = append(fs, fact{kind: factMinimal, set: setOf(sr.n, without(m, x)), want: Healthy, i: i, x: x, after: at})
		}
		for _, x := range m {
			off[x/64] |= 1 << (x % 64)
		}
	}
	if withComplete {
		fs = append(fs, fact{kind: factComplete, set: fullSet(sr.n).minus(off), want: Healthy, after: last})
	}
	return fs
}

// confidence is the product of the beliefs in fs.
func (sr *search) confidence(fs []fact) float64 {
	c := 1.0
	for _, f := range fs {
		p, _ := sr.ev.certBelief(f.set, f.want, f.after)
		c *= p
	}
	return c
}

// settle raises the joint belief in facts() to MinConfidence by asking the
// weakest fact's own set again (a fact with no evidence yet is weakest).
// It returns the first fact whose evidence turns against it, or nil and the
// joint confidence once it is high enough.
func (sr *search) settle(facts func() []fact) (*fact, float64, error) {
	for iter := 0; iter <= sr.opt.MaxProbes+16; iter++ {
		fs := facts()
		conf, weakest, wp := 1.0, -1, 2.0
		for i, f := range fs {
			p, opposed := sr.ev.certBelief(f.set, f.want, f.after)
			if opposed {
				return &fs[i], 0, nil
			}
			conf *= p
			if p < wp {
				weakest, wp = i, p
			}
		}
		if conf >= sr.opt.MinConfidence || weakest < 0 {
			return nil, conf, nil
		}
		f := fs[weakest]
		ph := PhaseVerify
		if f.kind == factComplete && wp == 0 {
			ph = PhaseOthers
		}
		if _, err := sr.probe(f.set, ph, sr.factReason(f, wp), nil); err != nil {
			return nil, conf, err
		}
	}
	return nil, 0, errStuck
}

func (sr *search) factReason(f fact, p float64) string {
	var what string
	switch f.kind {
	case factAll:
		what = "all on"
	case factNone:
		what = "all off"
	case factBroken:
		what = sr.names(sr.sets[f.i]) + " alone"
	case factMinimal:
		what = fmt.Sprintf("%s without %s", sr.names(without(sr.sets[f.i], f.x)), sr.opt.Name(f.x))
		if len(sr.sets[f.i]) == 1 {
			what = "all off"
		}
	case factComplete:
		off := sr.names(sr.culprits())
		if p == 0 {
			return fmt.Sprintf("others: all on except %s: does anything else break the site?", off)
		}
		what = "all on except " + off
	}
	return fmt.Sprintf("verify: %s (confidence so far %.2f)", what, p)
}

// culprits is the union of the sets found so far, sorted.
func (sr *search) culprits() []int { return Result{Sets: sr.sets}.Culprits() }
