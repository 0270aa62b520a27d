package doctor

import (
	"testing"
	"time"
)

func TestPatience(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	ms := time.Millisecond
	cases := []struct {
		name          string
		p             patience
		wait, cutAt   time.Duration
		afterAbandon  bool // abandon one probe at t0 first
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
		{name: "pool of two waits for the abandoned worker", p: patience{hang: 8 * time.Second, healthy: []time.Duration{80 * ms}, workers: 2},
			cutAt: minCut, afterAbandon: true, waitAfter: 9 * time.Second, deadlineAfter: minCut},
		{name: "pool of four does not", p: patience{hang: 8 * time.Second, healthy: []time.Duration{80 * ms}, workers: 4},
			cutAt: minCut, afterAbandon: true, deadlineAfter: minCut},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.p
			wait, d := p.next(t0)
			if wait != c.wait || d != c.cutAt {
				t.Fatalf("next: wait %v deadline %v, want %v %v", wait, d, c.wait, c.cutAt)
			}
			if !c.afterAbandon {
				return
			}
			p.abandoned(t0)
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
