package bisect

import (
	"context"
	"errors"
)

// Outcome is one answer of the oracle.
type Outcome uint8

// The two answers. The zero Outcome is not a valid answer.
const (
	Healthy Outcome = iota + 1
	Broken
)

func (o Outcome) String() string {
	switch o {
	case Healthy:
		return "healthy"
	case Broken:
		return "broken"
	}
	return "unknown"
}

// Oracle reports whether the site is broken with exactly the candidates in
// active switched on (all others off). active is sorted, and is the
// oracle's to keep. A non-nil error aborts the search and is returned.
type Oracle func(ctx context.Context, active []int) (Outcome, error)

// Kind is the conclusion of a search.
type Kind uint8

// Conclusions. The zero Kind is Inconclusive.
const (
	// Inconclusive: the budget ran out, the answers were too noisy, or they
	// contradicted each other. Result.Reason says which.
	Inconclusive Kind = iota
	// Found: Result.Sets holds minimal failing sets.
	Found
	// BrokenWithNone: the site is broken with every candidate off, so the
	// cause is not among them.
	BrokenWithNone
	// HealthyWithAll: the site is fine with every candidate on; the failure
	// cannot be reproduced.
	HealthyWithAll
)

func (k Kind) String() string {
	switch k {
	case Found:
		return "found"
	case BrokenWithNone:
		return "broken-with-none"
	case HealthyWithAll:
		return "healthy-with-all"
	}
	return "inconclusive"
}

// Phase says which part of the search asked a probe.
type Phase uint8

// Phases of the search.
const (
	PhaseBaseline Phase = iota + 1 // all candidates on
	PhaseNone                      // all candidates off
	PhaseSearch                    // halving, and checking a found set alone
	PhaseOthers                    // all on except the sets found: anything else?
	PhaseVerify                    // asking a fact again to raise confidence
	PhaseSuspects                  // testing the candidates the evidence names
	// PhaseLookalike: a member of a set that breaks the site only
	// together, asked alone again: is it one intermittent culprit?
	PhaseLookalike
)

func (p Phase) String() string {
	switch p {
	case PhaseBaseline:
		return "baseline"
	case PhaseNone:
		return "none"
	case PhaseSearch:
		return "search"
	case PhaseOthers:
		return "others"
	case PhaseVerify:
		return "verify"
	case PhaseSuspects:
		return "suspects"
	case PhaseLookalike:
		return "lookalike"
	}
	return "unknown"
}

// Probe is one oracle call, as logged and as passed to Options.Progress.
type Probe struct {
	Step    int     // 1-based count of oracle calls
	Active  []int   // the candidates that were on (sorted)
	Outcome Outcome // the answer
	Phase   Phase
	// Left is how many candidates are still in play after this answer: the
	// members already known to be needed plus the range still searched.
	Left   int
	Reason string // short, for humans: "halving: 16 of 32 candidates on"
}

// Result is what a search concluded and how.
type Result struct {
	Kind Kind
	// Sets are disjoint minimal failing sets, sorted, in the order found.
	// Found: at least one; with several, each breaks the site on its own.
	// Inconclusive: the sets established before the search stopped.
	Sets [][]int
	// Suspects, when Inconclusive, is the smallest set known to break the
	// site that the search was still shrinking (nil when none).
	Suspects []int
	Probes   []Probe
	// Confidence in [0,1] that the conclusion is right, given the oracle
	// model: 1 when every answer it rests on is trusted.
	Confidence float64
	// MissRate and FalseAlarmRate are the rates the confidence used: the
	// chance that a broken set answers Healthy, and a healthy set Broken.
	MissRate, FalseAlarmRate float64
	Reason                   string // why the search ended, for humans
	// Intermittent: the conclusion is under the intermittent model, asked
	// for or because a deterministic search found the failure comes and
	// goes (then Reason says how).
	Intermittent bool
}

// Culprits returns the union of Sets, sorted.
func (r Result) Culprits() []int {
	var out []int
	for _, s := range r.Sets {
		out = append(out, s...)
	}
	sortInts(out)
	return out
}

// Errors.
var (
	// ErrBadOptions reports invalid arguments to Search.
	ErrBadOptions = errors.New("bisect: bad options")
	// ErrBadOutcome reports an oracle answer that is neither Healthy nor Broken.
	ErrBadOutcome = errors.New("bisect: oracle returned an invalid outcome")
)
