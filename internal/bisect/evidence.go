package bisect

import "math"

// answer is one oracle answer; step is the probe's Step (0: baseline).
type answer struct {
	step int
	o    Outcome
}

// record holds every answer seen for one set of active candidates.
type record struct {
	set     set
	answers []answer
	h, b    int // Healthy and Broken answers
	probed  int // answers from this search's own probes (not the baseline)
	// knownBroken: a trusted Broken answer was seen on a subset, so by
	// monotonicity every Healthy answer here was a miss; knownHealthy
	// likewise for a trusted Healthy answer on a superset. byOther: that
	// answer was on another set, so this set's answers were not selected
	// by their own outcome and may be used to estimate the rates.
	knownBroken, knownHealthy, byOther bool
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
	for _, o := range e.recs {
		r.knownBroken = r.knownBroken || (e.trustedSeen(o, Broken) && o.set.subsetOf(s))
		r.knownHealthy = r.knownHealthy || (e.trustedSeen(o, Healthy) && s.subsetOf(o.set))
	}
	r.byOther = r.knownBroken || r.knownHealthy
	e.byKey[k] = r
	e.recs = append(e.recs, r)
	return r
}

// trustedSeen reports whether r holds a trusted answer o.
func (e *evidence) trustedSeen(r *record, o Outcome) bool {
	if !e.opt.trusts(o) {
		return false
	}
	if o == Broken {
		return r.b > 0
	}
	return r.h > 0
}

// add records answer o, asked at step, for r.
func (e *evidence) add(r *record, o Outcome, step int) {
	r.answers = append(r.answers, answer{step, o})
	if o == Healthy {
		r.h++
	} else {
		r.b++
	}
	e.dirty = true
	if e.opt.Trust == TrustBoth && r.h > 0 && r.b > 0 {
		e.dataRed = true
	}
	if !e.opt.trusts(o) {
		return
	}
	for _, x := range e.recs {
		if (o == Broken && r.set.subsetOf(x.set)) || (o == Healthy && x.set.subsetOf(r.set)) {
			x.byOther = x.byOther || x != r
			x.knownBroken = x.knownBroken || o == Broken
			x.knownHealthy = x.knownHealthy || o == Healthy
		}
	}
}

// baseline counts r's answers from the caller's baseline.
func (r *record) baseline() (h, b int) {
	h, b = r.fresh(-1)
	h2, b2 := r.fresh(0)
	return h - h2, b - b2
}

// fresh counts r's answers asked after step.
func (r *record) fresh(after int) (h, b int) {
	for _, a := range r.answers {
		if a.step <= after {
			continue
		}
		if a.o == Healthy {
			h++
		} else {
			b++
		}
	}
	return h, b
}

// rates returns the miss rate qH = P(Healthy | broken) and the false-alarm
// rate qB = P(Broken | healthy): 0 for a trusted outcome, the option when
// given, else estimated from the sets whose truth is known from trusted
// answers (or, when nothing is trusted, from each set's majority).
//
// A set known broken only from its own answers is left out: it was asked
// until a Broken came, and a set whose answers were all misses would not
// be known broken, so its answers under-count misses. The caller's
// baseline is kept (its count was fixed in advance).
func (e *evidence) rates() (qH, qB float64) {
	if !e.dirty {
		return e.qH, e.qB
	}
	var missN, brokenN, alarmN, healthyN int
	for _, r := range e.recs {
		h, b := r.h, r.b
		if !r.byOther && e.opt.Trust != TrustNeither {
			h, b = r.baseline()
		}
		switch e.truth(r) {
		case Broken:
			missN += h
			brokenN += h + b
		case Healthy:
			alarmN += b
			healthyN += h + b
		}
	}
	e.qH = rate(e.opt.trusts(Healthy), e.opt.MissRate, missN, brokenN)
	e.qB = rate(e.opt.trusts(Broken), e.opt.FalseAlarmRate, alarmN, healthyN)
	e.dirty = false
	return e.qH, e.qB
}

// truth is what r's set really is, as far as rate estimation can tell
// without using the rates: known from trusted answers, else (when nothing
// is trusted) the majority of its answers.
func (e *evidence) truth(r *record) Outcome {
	switch {
	case r.knownBroken:
		return Broken
	case r.knownHealthy:
		return Healthy
	case e.opt.Trust != TrustNeither:
		return 0
	case r.b > r.h:
		return Broken
	case r.h > r.b:
		return Healthy
	}
	return 0
}

// rate is 0 for a trusted outcome, else the given rate, else an upper
// estimate of k misses in n answers: the one-sided 90% Wilson score bound,
// so that a few lucky answers do not make the search overconfident.
func rate(trusted bool, given float64, k, n int) float64 {
	switch {
	case trusted:
		return 0
	case given > 0:
		return given
	}
	const z = 1.2816 // one-sided 90%
	if n == 0 {
		return 0.5
	}
	nf := float64(n)
	p := float64(k) / nf
	centre := p + z*z/(2*nf)
	spread := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf))
	return (centre + spread) / (1 + z*z/nf)
}
