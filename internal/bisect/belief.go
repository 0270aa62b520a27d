package bisect

import "math"

// verdict returns what r's answers say and the chance that this is wrong,
// bounded by the likelihood ratio of the answers under the other truth.
// It returns 0 when the answers do not decide.
func (e *evidence) verdict(r *record) (Outcome, float64) {
	return e.judge(r.h, r.b)
}

// judge weighs h Healthy and b Broken answers for one set.
func (e *evidence) judge(h, b int) (Outcome, float64) {
	tb, th := e.opt.trusts(Broken), e.opt.trusts(Healthy)
	switch {
	case b > 0 && tb && h > 0 && th:
		return 0, 1
	case b > 0 && tb:
		return Broken, 0
	case h > 0 && th:
		return Healthy, 0
	case h == 0 && b == 0:
		return 0, 1
	}
	qH, qB := e.rates()
	lh := math.Pow(1-qB, float64(h)) * math.Pow(qB, float64(b)) // P(answers | healthy)
	lb := math.Pow(qH, float64(h)) * math.Pow(1-qH, float64(b)) // P(answers | broken)
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
		if (want == Broken && !r.set.subsetOf(s)) || (want == Healthy && !s.subsetOf(r.set)) {
			continue
		}
		if v, verr := e.verdict(r); v == want && (!ok || verr < err) {
			err, ok = verr, true
		}
	}
	return err, ok
}

// belief weighs all the evidence that s is want against the evidence that
// it is not. p is the chance that s is want (0 without any support for it);
// opposed reports that the other side is better supported (p < ½).
func (e *evidence) belief(s set, want Outcome) (p float64, opposed bool) {
	ef, okF := e.support(s, want)
	ea, okA := e.support(s, other(want))
	return weigh(ef, okF, ea, okA)
}

// weigh combines evidence for (wrong with chance ef) and against (ea).
func weigh(ef float64, okF bool, ea float64, okA bool) (p float64, opposed bool) {
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

// certBelief is belief for a fact a conclusion rests on. Trusted answers
// count wherever they were seen (monotonicity makes them exact), but
// untrusted ones only when asked about s itself after step after: the
// answers that steered the search to a conclusion are the likeliest to be
// the false ones, so a conclusion is checked on fresh answers.
func (e *evidence) certBelief(s set, want Outcome, after int) (p float64, opposed bool) {
	if e.opt.Trust == TrustBoth {
		return e.belief(s, want)
	}
	r := e.rec(s)
	switch {
	case (want == Broken && r.knownBroken) || (want == Healthy && r.knownHealthy):
		return 1, false
	case (want == Broken && r.knownHealthy) || (want == Healthy && r.knownBroken):
		return 0, true
	}
	h, b := r.fresh(after)
	v, err := e.judge(h, b)
	switch v {
	case want:
		return 1 - err, false
	case other(want):
		return err, true
	}
	return 0, false
}

func other(o Outcome) Outcome {
	if o == Healthy {
		return Broken
	}
	return Healthy
}

// infer returns the verdict on s that earlier answers imply, if any.
func (e *evidence) infer(s set) (Outcome, bool) {
	p, opposed := e.belief(s, Broken)
	switch {
	case opposed:
		return Healthy, true
	case p > 0.5:
		return Broken, true
	}
	return 0, false // no evidence, or a tie: ask
}
