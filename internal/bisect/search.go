package bisect

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// Search finds which of n candidates break the site, asking oracle.
//
// The result is always filled in, with the probes made so far. The error
// is non-nil only for bad options, an oracle error or a cancelled context;
// budget exhaustion, noise and contradictory answers give an Inconclusive
// result and a nil error.
func Search(ctx context.Context, n int, oracle Oracle, opts Options) (Result, error) {
	opt, err := opts.withDefaults(n)
	if err != nil {
		return Result{}, err
	}
	if oracle == nil {
		return Result{}, fmt.Errorf("%w: nil oracle", ErrBadOptions)
	}
	sr := &search{ctx: ctx, n: n, oracle: oracle, opt: opt, ev: newEvidence(opt), suspects: fullSet(n)}
	base := sr.ev.rec(fullSet(n))
	for range opt.Baseline.Broken {
		sr.ev.add(base, Broken, 0)
	}
	for range opt.Baseline.Healthy {
		sr.ev.add(base, Healthy, 0)
	}
	var kind Kind
	var conf float64
	if opt.Intermittent {
		kind, conf, err = sr.intermittent(sr.beliefFromEvidence())
	} else {
		kind, conf, err = sr.deterministic(opts)
	}
	if err != nil {
		kind = Inconclusive
	}
	res := sr.result(kind, conf)
	if sr.opt.Intermittent {
		res.Intermittent = true
		res.Confidence = conf
		if !opt.Intermittent {
			res.Reason += "; the failure turned out intermittent: " + sr.turned
		}
		res.Reason += fmt.Sprintf(" (intermittent model: one culprit, a priori %.0f%% likely among these candidates, the site never failing with it off; belief %.1f%%)",
			100*(1-outsidePrior), 100*conf)
	}
	switch {
	case err == nil:
	case errors.Is(err, errBudget), errors.Is(err, errUndecided),
		errors.Is(err, errContradicted), errors.Is(err, errStuck):
		res.Reason = err.Error()
		err = nil
	default:
		res.Reason = err.Error()
	}
	return res, err
}

// run is the search proper. On an error the kind is Inconclusive.
func (sr *search) run() (Kind, float64, error) {
	all, none := fullSet(sr.n), newSet(sr.n)
	if sr.ev.dataRed {
		return Inconclusive, 0, fmt.Errorf("%w (baseline)", errContradicted)
	}
	o, err := sr.ask(all, PhaseBaseline, func() string { return fmt.Sprintf("baseline: all %d candidates on", sr.n) }, nil)
	if err != nil {
		return Inconclusive, 0, err
	}
	if o == Healthy {
		allFact := []fact{{kind: factAll, set: all, want: Healthy, after: -1}}
		failed, conf, err := sr.settle(func() []fact { return allFact })
		if err != nil || failed == nil {
			return HealthyWithAll, conf, err
		}
	}
	if m, ok, err := sr.trySuspects(); err != nil {
		return Inconclusive, 0, err
	} else if ok {
		sr.sets, sr.foundAt = [][]int{m}, []int{len(sr.probes)}
		restart, conf, err := sr.settleFound()
		if err != nil || !restart {
			return Found, conf, err
		}
		sr.sets, sr.foundAt = nil, nil
	}
	for range sr.opt.MaxProbes + 1 {
		o, err := sr.ask(none, PhaseNone, func() string { return "all off: is the cause among the candidates?" }, nil)
		if err != nil {
			return Inconclusive, 0, err
		}
		if o == Broken {
			noneFact := []fact{{kind: factNone, set: none, want: Broken, after: -1}}
			failed, conf, err := sr.settle(func() []fact { return noneFact })
			if err != nil || failed == nil {
				return BrokenWithNone, conf, err
			}
		}
		m, err := sr.shrink(sr.pool())
		if err != nil {
			return Inconclusive, 0, err
		}
		sr.sets, sr.foundAt = [][]int{m}, []int{len(sr.probes)}
		restart, conf, err := sr.settleFound()
		if err != nil || !restart {
			return Found, conf, err
		}
		sr.sets, sr.foundAt = nil, nil
	}
	return Inconclusive, 0, errStuck
}

// settleFound establishes the facts behind Found, repairing the sets when
// a fact turns out false. restart means the search must start over from
// "all off" (no set is left, or the empty set looks broken).
func (sr *search) settleFound() (restart bool, conf float64, err error) {
	facts := func() []fact { return sr.foundFacts(!sr.opt.StopAtFirst) }
	for range sr.opt.MaxProbes + 16 {
		f, conf, err := sr.settle(facts)
		if err != nil || f == nil {
			return false, conf, err
		}
		switch f.kind {
		case factBroken: // only when Broken answers are not trusted
			sr.sets = slices.Delete(sr.sets, f.i, f.i+1)
			sr.foundAt = slices.Delete(sr.foundAt, f.i, f.i+1)
			if len(sr.sets) == 0 {
				return true, 0, nil
			}
		case factMinimal:
			sub := setOf(sr.n, without(sr.sets[f.i], f.x))
			if sub.count() == 0 {
				return true, 0, nil
			}
			m, err := sr.shrink(sub)
			if err != nil {
				return false, 0, err
			}
			sr.sets[f.i], sr.foundAt[f.i] = m, len(sr.probes)
		case factComplete:
			m, err := sr.shrink(f.set)
			if err != nil {
				return false, 0, err
			}
			sr.sets, sr.foundAt = append(sr.sets, m), append(sr.foundAt, len(sr.probes))
		}
	}
	return false, 0, errStuck
}

// result assembles the Result of a search that ended with kind.
func (sr *search) result(kind Kind, conf float64) Result {
	qH, qB := sr.ev.rates()
	res := Result{Kind: kind, Probes: sr.probes, Confidence: conf, MissRate: qH, FalseAlarmRate: qB}
	if kind == Found || kind == Inconclusive {
		for _, m := range sr.sets {
			res.Sets = append(res.Sets, append([]int(nil), m...))
		}
	}
	switch kind {
	case Found:
		res.Reason = fmt.Sprintf("%d failing set(s) found", len(res.Sets))
	case BrokenWithNone:
		res.Reason = "broken with every candidate off"
	case HealthyWithAll:
		res.Reason = "healthy with every candidate on"
	case Inconclusive:
		if len(sr.sets) > 0 {
			res.Confidence = sr.confidence(sr.foundFacts(false))
		}
		if c := sr.suspects.count(); c > 0 && c < sr.n {
			res.Suspects = sr.suspects.list()
		}
	}
	return res
}
