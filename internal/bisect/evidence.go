package bisect

import "math"

// record holds every answer seen for one set of active candidates.
type record struct {
	set    set
	h, b   int // Healthy and Broken answers
	probed int // answers from this search's own probes (not the baseline)
}

// evidence is every answer of a search, by set, and what follows from it.
type evidence struct {
	opt     Options
	recs    []*record
	byKey   map[string]*record
	dirty   bool // answers changed since rates were computed
	qH, qB  float64
	dataRed bool // some set got both answers under TrustBoth
}

func newEvidence(opt Options) *evidence {
	return &evidence{opt: opt, byKey: map[string]*record{}, dirty: true}
}

// rec returns the record for s, creating it.
func (e *evidence) rec(s set) *record {
	k := s.key()
	if r, ok := e.byKey[k]; ok {
		return r
	}
	r := &record{set: s}
	e.byKey[k] = r
	e.recs = append(e.recs, r)
	return r
}

func (e *evidence) add(r *record, o Outcome) {
	if o == Healthy {
		r.h++
	} else {
		r.b++
	}
	e.dirty = true
	if e.opt.Trust == TrustBoth && r.h > 0 && r.b > 0 {
		e.dataRed = true
	}
}

// rates returns the miss rate qH = P(Healthy | broken) and the false-alarm
// rate qB = P(Broken | healthy): 0 for a trusted outcome, the option when
// given, else a Jeffreys estimate over the sets whose answers lean the
// other way (a Broken-leaning set's Healthy answers are taken as misses).
func (e *evidence) rates() (qH, qB float64) {
	if !e.dirty {
		return e.qH, e.qB
	}
	var missN, brokenN, alarmN, healthyN int
	for _, r := range e.recs {
		switch e.lean(r) {
		case Broken:
			missN += r.h
			brokenN += r.h + r.b
		case Healthy:
			alarmN += r.b
			healthyN += r.h + r.b
		}
	}
	e.qH = rate(e.opt.trusts(Healthy), e.opt.MissRate, missN, brokenN)
	e.qB = rate(e.opt.trusts(Broken), e.opt.FalseAlarmRate, alarmN, healthyN)
	e.dirty = false
	return e.qH, e.qB
}

// lean classifies r for rate estimation without using the rates: by a
// trusted answer when there is one, else by the majority.
func (e *evidence) lean(r *record) Outcome {
	switch {
	case e.opt.Trust == TrustBroken && r.b > 0, e.opt.Trust == TrustHealthy && r.h == 0 && r.b > 0:
		return Broken
	case e.opt.Trust == TrustHealthy && r.h > 0, e.opt.Trust == TrustBroken && r.b == 0 && r.h > 0:
		return Healthy
	case r.b > r.h:
		return Broken
	case r.h > r.b:
		return Healthy
	}
	return 0
}

func rate(trusted bool, given float64, k, n int) float64 {
	switch {
	case trusted:
		return 0
	case given > 0:
		return given
	}
	return (float64(k) + 0.5) / (float64(n) + 1)
}

// verdict returns what r's answers say and the chance that this is wrong,
// bounded by the likelihood ratio of the answers under the other truth.
// It returns 0 when the answers do not decide.
func (e *evidence) verdict(r *record) (Outcome, float64) {
	tb, th := e.opt.trusts(Broken), e.opt.trusts(Healthy)
	switch {
	case r.b > 0 && tb && r.h > 0 && th:
		return 0, 1
	case r.b > 0 && tb:
		return Broken, 0
	case r.h > 0 && th:
		return Healthy, 0
	}
	qH, qB := e.rates()
	lh := math.Pow(1-qB, float64(r.h)) * math.Pow(qB, float64(r.b)) // P(answers | healthy)
	lb := math.Pow(qH, float64(r.h)) * math.Pow(1-qH, float64(r.b)) // P(answers | broken)
	switch {
	case lh > lb:
		return Healthy, lb / lh
	case lb > lh:
		return Broken, lh / lb
	}
	return 0, 1
}

// support is the best evidence that s is want: the least doubtful verdict
// on a subset of s that is Broken, or on a superset that is Healthy.
func (e *evidence) support(s set, want Outcome) (err float64, ok bool) {
	err = 1
	for _, r := range e.recs {
		v, verr := e.verdict(r)
		if v != want {
			continue
		}
		if (want == Broken && r.set.subsetOf(s)) || (want == Healthy && s.subsetOf(r.set)) {
			if !ok || verr < err {
				err, ok = verr, true
			}
		}
	}
	return err, ok
}

// belief weighs the evidence that s is want against the evidence that it
// is not. p is the chance that s is want (0 without any support for it);
// opposed reports that the other side is better supported (p < ½).
func (e *evidence) belief(s set, want Outcome) (p float64, opposed bool) {
	other := Healthy
	if want == Healthy {
		other = Broken
	}
	ef, okF := e.support(s, want)
	ea, okA := e.support(s, other)
	switch {
	case !okF && !okA:
		return 0, false
	case !okA:
		return 1 - ef, false
	case !okF:
		return 0, true
	}
	pf, pa := (1-ef)*ea, (1-ea)*ef
	if pf+pa == 0 { // both sides certain: the oracle contradicted itself
		return 0, true
	}
	p = pf / (pf + pa)
	return p, p < 0.5
}

// infer returns the verdict on s that earlier answers imply, if any.
func (e *evidence) infer(s set) (Outcome, bool) {
	p, opposed := e.belief(s, Broken)
	switch {
	case opposed:
		return Healthy, true
	case p > 0.5:
		return Broken, true
	case p == 0:
		return 0, false
	}
	return 0, false // a tie: ask again
}
