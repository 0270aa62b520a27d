package bisect

import (
	"context"
	"errors"
	"fmt"
)

// Reasons a search stops early without an oracle error; run turns them
// into an Inconclusive result.
var (
	errBudget       = errors.New("probe budget exhausted")
	errUndecided    = errors.New("answers too noisy to decide")
	errContradicted = errors.New("the oracle answered the same set both ways")
	errStuck        = errors.New("no progress")
)

// search is the state of one run.
type search struct {
	ctx    context.Context
	n      int
	oracle Oracle
	opt    Options
	ev     *evidence
	probes []Probe
	// suspects is the smallest set known to fail that is being shrunk.
	suspects set
	sets     [][]int // minimal failing sets found so far
	foundAt  []int   // for each set, the probe count when it was found
	// turned says why a deterministic search went on under the
	// intermittent model (see deterministic).
	turned string
}

// ask returns the verdict on s, inferring it from earlier answers when they
// decide it, else asking the oracle (and again, per the trust policy).
// reason is only rendered when a probe is made; left maps the answer to
// Probe.Left.
func (sr *search) ask(s set, ph Phase, reason func() string, left func(Outcome) int) (Outcome, error) {
	if v, ok := sr.ev.infer(s); ok {
		return v, nil
	}
	return sr.probe(s, ph, reason(), left)
}

// probe asks the oracle about s for one round: until a trusted answer, or
// until Confirm answers this round with one outcome leading by Confirm
// over all of s's answers, or 3·Confirm answers this round.
func (sr *search) probe(s set, ph Phase, reason string, left func(Outcome) int) (Outcome, error) {
	r := sr.ev.rec(s)
	c := sr.opt.Confirm
	for round := 1; ; round++ {
		o, err := sr.call(s, ph, reason, round, left)
		if err != nil {
			return 0, err
		}
		sr.ev.add(r, o, len(sr.probes))
		r.probed++
		if sr.ev.dataRed {
			return 0, errContradicted
		}
		if sr.opt.trusts(o) || (round >= c && abs(r.h-r.b) >= c) || round >= 3*c {
			break
		}
	}
	v, _ := sr.ev.verdict(r)
	if v == 0 {
		return 0, fmt.Errorf("%w: %d healthy and %d broken answers for one set", errUndecided, r.h, r.b)
	}
	return v, nil
}

// call makes one oracle call and logs it.
func (sr *search) call(s set, ph Phase, reason string, round int, left func(Outcome) int) (Outcome, error) {
	if len(sr.probes) >= sr.opt.MaxProbes {
		return 0, fmt.Errorf("%w (%d probes)", errBudget, sr.opt.MaxProbes)
	}
	if err := sr.ctx.Err(); err != nil {
		return 0, fmt.Errorf("bisect: before probe %d: %w", len(sr.probes)+1, err)
	}
	active := s.list()
	o, err := sr.oracle(sr.ctx, append([]int(nil), active...))
	if err != nil {
		return 0, fmt.Errorf("bisect: probe %d (%d active): %w", len(sr.probes)+1, len(active), err)
	}
	if o != Healthy && o != Broken {
		return 0, fmt.Errorf("probe %d: %w: %d", len(sr.probes)+1, ErrBadOutcome, o)
	}
	if round > 1 {
		reason = fmt.Sprintf("repeat %d: %s", round, reason)
	}
	p := Probe{Step: len(sr.probes) + 1, Active: active, Outcome: o, Phase: ph, Reason: reason}
	if left != nil {
		p.Left = left(o)
	} else {
		p.Left = sr.suspects.count()
	}
	sr.probes = append(sr.probes, p)
	if sr.opt.Progress != nil {
		sr.opt.Progress(p)
	}
	return o, nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
