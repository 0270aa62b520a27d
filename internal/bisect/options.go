package bisect

import (
	"fmt"
	"strconv"
)

// Trust says which answers of the oracle are taken at their word.
type Trust uint8

// Trust policies. The zero value trusts both answers: a deterministic site.
const (
	// TrustBoth: every answer is final. An oracle that answers the same set
	// both ways, or a set that breaks the site only together one of whose
	// parts fails when loaded again, shows the failure is intermittent: the
	// search goes on under the intermittent model (lookalike.go).
	TrustBoth Trust = iota
	// TrustBroken: Broken is final; Healthy is asked again until Confirm
	// answers agree (an intermittent crash can look healthy).
	TrustBroken
	// TrustHealthy: Healthy is final; Broken is confirmed (spurious errors).
	TrustHealthy
	// TrustNeither: both answers are confirmed; a set's verdict needs one
	// answer to lead the other by Confirm.
	TrustNeither
)

// Baseline is what the caller already saw with every candidate on. These
// answers count as evidence but not as probes.
type Baseline struct {
	Broken, Healthy int
}

// Options tune a search. The zero value is a deterministic search with no
// baseline and the default budget.
type Options struct {
	// Baseline answers for "all on"; when empty, the search asks itself.
	Baseline Baseline
	Trust    Trust
	// Confirm is how many agreeing answers an untrusted outcome needs
	// (default 3 when any outcome is untrusted, else 1).
	Confirm int
	// MissRate is the chance that a broken set answers Healthy, and
	// FalseAlarmRate that a healthy set answers Broken. Zero means: 0 for a
	// trusted outcome, otherwise the one-sided 90% upper bound (Wilson) of
	// the rate seen on sets whose truth trusted answers established, the
	// baseline included; ½ before there is any such answer.
	MissRate, FalseAlarmRate float64
	// MinConfidence below which a conclusion is re-checked or, when the
	// budget runs out, reported Inconclusive (default 0.95).
	MinConfidence float64
	// MaxProbes caps the oracle calls (default 8·(⌈log2 n⌉+2)·Confirm, plus
	// 2·lookalikeMaxLoads for the lookalike check when every answer is
	// trusted, and 16·(⌈log2 n⌉+2) more when a search turns intermittent).
	MaxProbes int
	// Suspects are the candidates the evidence names (a fatal error in a
	// plugin's file, say). They are tested first: all on except them, then
	// them alone. A log-named culprit is then found and verified in two
	// probes; when the test refutes them, the search goes on as without
	// suspects, keeping what the two answers showed.
	Suspects []int
	// Intermittent searches under the intermittent model (see
	// intermittent.go): one culprit, failing at a rate learned from the
	// answers, the site never failing with it off. Trust and Confirm are
	// not used; MinConfidence defaults to 0.99.
	Intermittent bool
	// StopAtFirst skips the search for further, independent failing sets.
	StopAtFirst bool
	// Progress, when set, is called after every probe (on the caller's
	// goroutine; it must not modify the Probe's Active slice).
	Progress func(Probe)
	// Name renders a candidate in probe reasons (default "#i").
	Name func(i int) string
}

// withDefaults validates o for n candidates and fills in the defaults.
func (o Options) withDefaults(n int) (Options, error) {
	switch {
	case n < 0:
		return o, fmt.Errorf("%w: %d candidates", ErrBadOptions, n)
	case o.Trust > TrustNeither:
		return o, fmt.Errorf("%w: trust %d", ErrBadOptions, o.Trust)
	case o.Confirm < 0 || o.MaxProbes < 0:
		return o, fmt.Errorf("%w: negative confirm or budget", ErrBadOptions)
	case o.Baseline.Broken < 0 || o.Baseline.Healthy < 0:
		return o, fmt.Errorf("%w: negative baseline count", ErrBadOptions)
	case !(o.MissRate >= 0 && o.MissRate < 1) || !(o.FalseAlarmRate >= 0 && o.FalseAlarmRate < 1):
		return o, fmt.Errorf("%w: rates must be in [0,1)", ErrBadOptions)
	case !inRange(o.Suspects, n):
		return o, fmt.Errorf("%w: suspect out of range", ErrBadOptions)
	case !(o.MinConfidence >= 0 && o.MinConfidence <= 1):
		return o, fmt.Errorf("%w: min confidence %v not in [0,1]", ErrBadOptions, o.MinConfidence)
	}
	if o.Confirm == 0 {
		o.Confirm = 1
		if o.Trust != TrustBoth {
			o.Confirm = 3
		}
	}
	if o.MinConfidence == 0 {
		o.MinConfidence = 0.95
		if o.Intermittent {
			o.MinConfidence = 0.99
		}
	}
	if o.MaxProbes == 0 {
		o.MaxProbes = 8 * (ceilLog2(n) + 2) * o.Confirm
		if o.Trust == TrustBoth {
			o.MaxProbes += 2 * lookalikeMaxLoads
		}
		if o.Intermittent {
			o.MaxProbes = 16 * (ceilLog2(n) + 2)
		}
	}
	if o.Name == nil {
		o.Name = func(i int) string { return "#" + strconv.Itoa(i) }
	}
	return o, nil
}

func (o Options) trusts(out Outcome) bool {
	switch o.Trust {
	case TrustBoth:
		return true
	case TrustBroken:
		return out == Broken
	case TrustHealthy:
		return out == Healthy
	}
	return false
}

// ceilLog2 returns ⌈log2 n⌉ (0 for n ≤ 1).
func ceilLog2(n int) int {
	k := 0
	for 1<<k < n {
		k++
	}
	return k
}

func inRange(idx []int, n int) bool {
	for _, i := range idx {
		if i < 0 || i >= n {
			return false
		}
	}
	return true
}
