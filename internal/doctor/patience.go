package doctor

import (
	"slices"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/probe"
)

// patience decides how long a bisect probe may run before it counts as
// broken, from the answers already seen. A failure that is a hang (the
// site answers only when PHP-FPM's request_terminate_timeout kills the
// worker) costs the full hang on every probe that has the culprit on; once
// healthy answers have shown how long a good page takes, a probe that has
// clearly outlived them is the hang again and need not be waited out.
//
// An abandoned request keeps its PHP worker busy until the server's own
// timeout ends it. The next probe is only cut short while the pool has a
// free worker besides the ones still busy with abandoned requests;
// otherwise it would queue behind them and its time would lie. Without a
// known pool size, or with a pool of one or two, no probe is cut: with two
// workers every cut would make the next probe wait for the abandoned one,
// longer than the hang itself (TestPatienceSimulatedPool measured 102% of
// the uncut time).
type patience struct {
	hang    time.Duration   // the shortest slow failure seen (0: none)
	healthy []time.Duration // healthy answer times seen
	workers int             // the pool's pm.max_children (0: unknown)
	busy    []time.Time     // when workers held by abandoned probes free up
}

// Bounds of a cut-short deadline: never below minCut, at least cutFactor
// times the slowest healthy answer, and at most half the hang.
const (
	minCut    = 1500 * time.Millisecond
	cutFactor = 5
)

// sawFailure records a failing answer that took d.
func (p *patience) sawFailure(d time.Duration) {
	if d >= slowFailure && (p.hang == 0 || d < p.hang) {
		p.hang = d
	}
}

// sawHealthy records a healthy answer that took d.
func (p *patience) sawHealthy(d time.Duration) { p.healthy = append(p.healthy, d) }

// next returns how long to wait before the next probe (for a worker held by
// an abandoned probe to free up) and its deadline (0: the prober's own).
func (p *patience) next(now time.Time) (wait, deadline time.Duration) {
	if p.hang == 0 || len(p.healthy) == 0 || p.workers < 3 {
		return 0, 0
	}
	d := max(minCut, cutFactor*slices.Max(p.healthy))
	if d > p.hang/2 {
		return 0, 0
	}
	p.busy = slices.DeleteFunc(p.busy, func(t time.Time) bool { return !t.After(now) })
	if len(p.busy) >= p.workers-1 {
		wait = slices.MinFunc(p.busy, time.Time.Compare).Sub(now)
	}
	return wait, d
}

// answered records what a probe started at start with deadline d (0: the
// prober's own) answered, and reports whether it was cut short: a timeout
// at that deadline leaves its worker busy (abandoned), any other answer
// adds its time to the failures or the healthy answers seen.
func (p *patience) answered(start time.Time, d time.Duration, res probe.Result) (cut bool) {
	switch {
	case d > 0 && res.Class == probe.ClassTimeout:
		p.abandoned(start)
		return true
	case res.Failing():
		p.sawFailure(res.Total)
	default:
		p.sawHealthy(res.Total)
	}
	return false
}

// abandoned records a probe started at start and cut short: its worker
// stays busy until the hang it was cut from would have ended (plus a
// second's margin).
func (p *patience) abandoned(start time.Time) {
	p.busy = append(p.busy, start.Add(p.hang+time.Second))
}
