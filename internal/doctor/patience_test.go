package doctor

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/probe"
)

func TestPatience(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	ms := time.Millisecond
	cases := []struct {
		name          string
		p             patience
		wait, cutAt   time.Duration
		abandons      int // probes abandoned at t0 before the next
		waitAfter     time.Duration
		deadlineAfter time.Duration
	}{
		{name: "no hang seen", p: patience{healthy: []time.Duration{80 * ms}, workers: 4}},
		{name: "no healthy answer yet", p: patience{hang: 8 * time.Second, workers: 4}},
		{name: "pool unknown", p: patience{hang: 8 * time.Second, healthy: []time.Duration{80 * ms}}},
		{name: "pool of one", p: patience{hang: 8 * time.Second, healthy: []time.Duration{80 * ms}, workers: 1}},
		{name: "fast site", p: patience{hang: 8 * time.Second, healthy: []time.Duration{80 * ms, 120 * ms}, workers: 4}, cutAt: minCut},
		{name: "slow healthy pages", p: patience{hang: 20 * time.Second, healthy: []time.Duration{900 * ms}, workers: 4}, cutAt: 4500 * ms},
		{name: "healthy nearly as slow as the hang", p: patience{hang: 8 * time.Second, healthy: []time.Duration{3 * time.Second}, workers: 4}},
		{name: "pool of two", p: patience{hang: 8 * time.Second, healthy: []time.Duration{80 * ms}, workers: 2}},
		{name: "pool of three waits for the second abandoned worker", p: patience{hang: 8 * time.Second, healthy: []time.Duration{80 * ms}, workers: 3},
			cutAt: minCut, abandons: 2, waitAfter: 9 * time.Second, deadlineAfter: minCut},
		{name: "pool of four does not", p: patience{hang: 8 * time.Second, healthy: []time.Duration{80 * ms}, workers: 4},
			cutAt: minCut, abandons: 1, deadlineAfter: minCut},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.p
			wait, d := p.next(t0)
			if wait != c.wait || d != c.cutAt {
				t.Fatalf("next: wait %v deadline %v, want %v %v", wait, d, c.wait, c.cutAt)
			}
			if c.abandons == 0 {
				return
			}
			for range c.abandons {
				p.abandoned(t0)
			}
			wait, d = p.next(t0)
			if wait != c.waitAfter || d != c.deadlineAfter {
				t.Fatalf("after abandoning: wait %v deadline %v, want %v %v", wait, d, c.waitAfter, c.deadlineAfter)
			}
			// Once the worker is free again, no wait.
			if wait, _ = p.next(t0.Add(10 * time.Second)); wait != 0 {
				t.Errorf("wait %v after the worker freed up", wait)
			}
		})
	}
}

func TestPatienceSeesTheShortestHang(t *testing.T) {
	var p patience
	p.sawFailure(200 * time.Millisecond) // a fast failure is not a hang
	if p.hang != 0 {
		t.Fatalf("hang %v from a fast failure", p.hang)
	}
	p.sawFailure(9 * time.Second)
	p.sawFailure(8 * time.Second)
	p.sawFailure(30 * time.Second)
	if p.hang != 8*time.Second {
		t.Errorf("hang %v, want 8s", p.hang)
	}
}

// simPool is a PHP-FPM pool of a few workers on a virtual clock: a request
// with the culprit on holds its worker until the server kills it at hang,
// a healthy one for a few milliseconds; a request that finds no free
// worker queues. A cut-short probe leaves its worker busy.
type simPool struct {
	free       []time.Time // when each worker is free
	hang, fast time.Duration
}

// serve runs a request sent at now and returns how long the client waits
// for its answer, and whether it queued.
func (s *simPool) serve(now time.Time, culprit bool) (took time.Duration, queued bool) {
	w := 0
	for i := range s.free {
		if s.free[i].Before(s.free[w]) {
			w = i
		}
	}
	start := now
	if s.free[w].After(now) {
		start, queued = s.free[w], true
	}
	d := s.fast
	if culprit {
		d = s.hang
	}
	s.free[w] = start.Add(d)
	return s.free[w].Sub(now), queued
}

// runSimulatedBisect sends probes through patience to the pool, as
// bisectProbe does: the diagnosis' two hangs and two healthy answers, then
// the sets given, each after the wait and within the deadline patience
// gives. It returns the answers that lied (a healthy set counted broken, or
// the reverse), the probes that queued, and the time taken.
func runSimulatedBisect(p *patience, pool *simPool, sets []bool) (lies, queued int, took time.Duration) {
	t0 := time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)
	now := t0
	answer := func(d time.Duration, culprit bool) probe.Result {
		if culprit {
			return probe.Result{Status: 502, Class: probe.ClassGatewayError, Total: d}
		}
		return probe.Result{Status: 200, Class: probe.ClassOK, Total: d}
	}
	for _, culprit := range []bool{true, true, false, false} {
		d, _ := pool.serve(now, culprit)
		p.answered(now, 0, answer(d, culprit))
		now = now.Add(d)
	}
	for _, culprit := range sets {
		wait, deadline := p.next(now)
		now = now.Add(wait)
		d, q := pool.serve(now, culprit)
		if q {
			queued++
		}
		res := answer(d, culprit)
		if deadline > 0 && d > deadline {
			res, d = probe.Result{Class: probe.ClassTimeout, Total: deadline}, deadline
		}
		p.answered(now, deadline, res)
		now = now.Add(d)
		if res.Failing() != culprit {
			lies++
		}
	}
	return lies, queued, now.Sub(t0)
}

// TestPatienceSimulatedPool: a bisect's probes against a simulated pool
// that stays busy with the requests it abandons. With the pool's real size
// no probe queues and none lies, and the hangs cost a fraction of their
// full time (a pool of two is never cut: it would wait for its worker
// every time, longer than the hang); told the pool
// is larger than it is, the same rule queues a healthy probe behind the
// abandoned ones and calls it broken — what the worker count is for.
func TestPatienceSimulatedPool(t *testing.T) {
	const hang, fast = 10 * time.Second, 60 * time.Millisecond
	rng := rand.New(rand.NewPCG(7, 15))
	for _, c := range []struct {
		workers int
		most    float64 // of the uncut time
	}{{2, 1}, {3, 0.7}, {5, 0.5}, {8, 0.5}} {
		var lies, queued int
		var cut, full time.Duration
		for run := 0; run < 200; run++ {
			sets := make([]bool, 12)
			for i := range sets {
				sets[i] = rng.IntN(2) == 0
			}
			pool := &simPool{free: make([]time.Time, c.workers), hang: hang, fast: fast}
			l, q, took := runSimulatedBisect(&patience{workers: c.workers}, pool, sets)
			lies, queued, cut = lies+l, queued+q, cut+took
			pool = &simPool{free: make([]time.Time, c.workers), hang: hang, fast: fast}
			_, _, took = runSimulatedBisect(&patience{}, pool, sets) // no pool size: nothing is cut
			full += took
		}
		t.Logf("pool of %d: %d lies, %d queued, %.0f%% of the time the full hangs take", c.workers, lies, queued, 100*cut.Seconds()/full.Seconds())
		if lies != 0 || queued != 0 {
			t.Errorf("pool of %d: %d answers lied, %d probes queued", c.workers, lies, queued)
		}
		if cut.Seconds() > c.most*full.Seconds() {
			t.Errorf("pool of %d: %v with cut-short probes, %v without: want at most %.0f%%", c.workers, cut, full, 100*c.most)
		}
	}
	// The control: a pool of two the rule believes has eight workers.
	pool := &simPool{free: make([]time.Time, 2), hang: hang, fast: fast}
	lies, queued, _ := runSimulatedBisect(&patience{workers: 8}, pool, []bool{true, true, false, false})
	if lies == 0 || queued == 0 {
		t.Errorf("a pool of two taken for eight: %d lies, %d queued; want the healthy probe queued and called broken", lies, queued)
	}
}
