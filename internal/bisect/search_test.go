package bisect

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

var known = Options{Baseline: Baseline{Broken: 1}}

func TestSearchTable(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		terms     [][]int
		opt       Options
		kind      Kind
		sets      [][]int
		maxProbes int
	}{
		{"single", 8, [][]int{{5}}, known, Found, [][]int{{5}}, 3 + 3},
		{"single first", 8, [][]int{{0}}, known, Found, [][]int{{0}}, 3 + 3},
		{"single last", 8, [][]int{{7}}, known, Found, [][]int{{7}}, 3 + 3},
		{"one candidate", 1, [][]int{{0}}, known, Found, [][]int{{0}}, 1},
		{"conflict", 16, [][]int{{3, 11}}, known, Found, [][]int{{3, 11}}, 2*4 + 4},
		{"triple", 16, [][]int{{1, 6, 14}}, known, Found, [][]int{{1, 6, 14}}, 1 + 3*5 + 1},
		{"two crashers", 16, [][]int{{2}, {9}}, known, Found, [][]int{{2}, {9}}, 2*4 + 5},
		{"crasher and conflict", 16, [][]int{{4}, {1, 12}}, known, Found, [][]int{{4}, {1, 12}}, 30},
		{"broken with none", 16, [][]int{{}}, known, BrokenWithNone, nil, 1},
		{"healthy with all", 16, nil, Options{Baseline: Baseline{Healthy: 1}}, HealthyWithAll, nil, 0},
		{"no baseline: asks all on", 16, [][]int{{9}}, Options{}, Found, [][]int{{9}}, 1 + 4 + 3},
		{"no baseline, healthy", 16, nil, Options{}, HealthyWithAll, nil, 1},
		{"zero candidates, broken", 0, [][]int{{}}, known, BrokenWithNone, nil, 0},
		{"stop at first", 16, [][]int{{2}, {9}}, Options{Baseline: Baseline{Broken: 1}, StopAtFirst: true}, Found, [][]int{{2}}, 4 + 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(tt.n, tt.terms...)
			res := run(tt.n, s, tt.opt)
			if res.Kind != tt.kind || !sameSets(res.Sets, tt.sets) {
				t.Fatalf("got %v %v, want %v %v; probes %v", res.Kind, res.Sets, tt.kind, tt.sets, res.Probes)
			}
			check, multi := lookalikeProbes(res), 0
			for _, m := range res.Sets {
				if len(m) > 1 {
					multi++
				}
			}
			if len(res.Probes) != s.calls || s.calls-check > tt.maxProbes || check > 2*lookalikeMaxLoads*multi {
				t.Errorf("probes: logged %d, oracle calls %d, bound %d; %d lookalike loads for %d sets of several", len(res.Probes), s.calls, tt.maxProbes, check, multi)
			}
			// A set of several is 1 − lookalikeMiss sure not to be one
			// intermittent culprit.
			if want := 1.0; res.Confidence != want && (multi == 0 || res.Confidence < 1-lookalikeMiss) {
				t.Errorf("confidence %v on a deterministic oracle", res.Confidence)
			}
		})
	}
}

func TestProbeLog(t *testing.T) {
	s := newSite(32, []int{20})
	var events []Probe
	opt := Options{Baseline: Baseline{Broken: 1}, Progress: func(p Probe) { events = append(events, p) },
		Name: func(i int) string { return []string{"akismet", "jetpack"}[i%2] }}
	res := run(32, s, opt)
	if !slices.EqualFunc(events, res.Probes, func(a, b Probe) bool { return a.Step == b.Step && a.Reason == b.Reason }) {
		t.Fatalf("progress events differ from the log")
	}
	want := []struct {
		phase  Phase
		active int
		out    Outcome
		left   int
		reason string
	}{
		{PhaseNone, 0, Healthy, 32, "all off: is the cause among the candidates?"},
		{PhaseSearch, 16, Healthy, 16, "halving: 16 of 32 candidates on"},
		{PhaseSearch, 24, Broken, 8, "halving: 24 of 32 candidates on"},
		{PhaseSearch, 20, Healthy, 4, "halving: 20 of 32 candidates on"},
		{PhaseSearch, 22, Broken, 2, "halving: 22 of 32 candidates on"},
		{PhaseSearch, 21, Broken, 1, "halving: 21 of 32 candidates on"},
		{PhaseSearch, 1, Broken, 1, "check: akismet alone, 20 suspects off"},
		{PhaseOthers, 31, Healthy, 1, "others: all on except akismet: does anything else break the site?"},
	}
	if len(res.Probes) != len(want) {
		t.Fatalf("got %d probes, want %d: %+v", len(res.Probes), len(want), res.Probes)
	}
	for i, w := range want {
		p := res.Probes[i]
		if p.Step != i+1 || p.Phase != w.phase || len(p.Active) != w.active || p.Outcome != w.out || p.Left != w.left || p.Reason != w.reason {
			t.Errorf("probe %d = %+v (%d active), want %+v", i+1, p, len(p.Active), w)
		}
	}
}

func TestOracleErrorAborts(t *testing.T) {
	boom := errors.New("ssh: connection lost")
	calls := 0
	oracle := func(context.Context, []int) (Outcome, error) {
		calls++
		if calls == 3 {
			return 0, boom
		}
		return Healthy, nil
	}
	res, err := Search(context.Background(), 8, oracle, known)
	if !errors.Is(err, boom) || res.Kind != Inconclusive || len(res.Probes) != 2 {
		t.Fatalf("got %v, %v with %d probes", err, res.Kind, len(res.Probes))
	}
}

func TestBadOutcomeAndCancel(t *testing.T) {
	bad := func(context.Context, []int) (Outcome, error) { return 7, nil }
	if _, err := Search(context.Background(), 4, bad, known); !errors.Is(err, ErrBadOutcome) {
		t.Errorf("bad outcome: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Search(ctx, 4, newSite(4, []int{1}).oracle, known); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestBadOptions(t *testing.T) {
	o := newSite(4).oracle
	for _, tc := range []struct {
		n   int
		opt Options
	}{
		{-1, Options{}},
		{4, Options{Confirm: -1}},
		{4, Options{MaxProbes: -2}},
		{4, Options{MissRate: 1}},
		{4, Options{FalseAlarmRate: -0.1}},
		{4, Options{MinConfidence: 1.5}},
		{4, Options{Trust: 9}},
		{4, Options{Baseline: Baseline{Healthy: -1}}},
	} {
		if _, err := Search(context.Background(), tc.n, o, tc.opt); !errors.Is(err, ErrBadOptions) {
			t.Errorf("%d %+v: got %v", tc.n, tc.opt, err)
		}
	}
	if _, err := Search(context.Background(), 4, nil, Options{}); !errors.Is(err, ErrBadOptions) {
		t.Errorf("nil oracle: %v", err)
	}
}

func TestBudget(t *testing.T) {
	s := newSite(64, []int{10, 50})
	res := run(64, s, Options{Baseline: Baseline{Broken: 1}, MaxProbes: 5})
	if res.Kind != Inconclusive || s.calls != 5 || len(res.Probes) != 5 {
		t.Fatalf("got %v after %d calls", res.Kind, s.calls)
	}
	if len(res.Suspects) == 0 || !s.truth(res.Suspects) || len(res.Suspects) >= 64 {
		t.Errorf("suspects %v should be a known failing set narrower than all", res.Suspects)
	}
	// With the first set found and the others search cut short, the set is kept.
	s = newSite(16, []int{3}, []int{12})
	res = run(16, s, Options{Baseline: Baseline{Broken: 1}, MaxProbes: 7})
	if res.Kind != Inconclusive || !sameSets(res.Sets, [][]int{{3}}) || res.Confidence != 1 {
		t.Errorf("got %v %v conf %v", res.Kind, res.Sets, res.Confidence)
	}
}

func TestBudgetKeepsWhatItFound(t *testing.T) {
	// Four independent sets of 2–3 members outrun a budget of 64 (the
	// default without the lookalike check's share).
	s := newSite(48, []int{0, 8, 17}, []int{1, 9, 24}, []int{7, 40, 41}, []int{18, 35})
	opt := known
	opt.MaxProbes = 8 * (6 + 2)
	res := run(48, s, opt)
	if res.Kind != Inconclusive || !strings.Contains(res.Reason, "budget") || s.calls != opt.MaxProbes {
		t.Fatalf("got %v (%s) after %d probes", res.Kind, res.Reason, s.calls)
	}
	if len(res.Sets) == 0 {
		t.Fatalf("no set kept")
	}
	for _, m := range res.Sets {
		if !s.truth(m) || res.Confidence != 1 {
			t.Errorf("kept %v (conf %v), which is not a failing set", m, res.Confidence)
		}
	}
	res = run(48, newSite(48, s.terms...), Options{Baseline: Baseline{Broken: 1}, MaxProbes: 200})
	if err := checkSound(newSite(48, s.terms...), res); err != nil || len(res.Sets) != 4 {
		t.Errorf("with a budget of 200: %v, %v", err, res.Sets)
	}
}

// TestContradictoryBaseline: a deterministic search given a baseline that
// answered both ways goes on under the intermittent model.
func TestContradictoryBaseline(t *testing.T) {
	res := run(8, newSite(8, []int{1}), Options{Baseline: Baseline{Broken: 2, Healthy: 1}})
	if res.Kind != Found || !sameSets(res.Sets, [][]int{{1}}) || !res.Intermittent || res.Confidence < 0.99 ||
		!strings.Contains(res.Reason, "turned out intermittent: one set answered both ways") {
		t.Fatalf("got %v %v conf %v intermittent=%v (%s)", res.Kind, res.Sets, res.Confidence, res.Intermittent, res.Reason)
	}
}

func TestByID(t *testing.T) {
	ids := []string{"akismet", "jetpack", "woocommerce", "wordfence"}
	oracle := ByID(ids, func(_ context.Context, active []string) (Outcome, error) {
		if slices.Contains(active, "woocommerce") && slices.Contains(active, "jetpack") {
			return Broken, nil
		}
		return Healthy, nil
	})
	res, err := Search(context.Background(), len(ids), oracle, known)
	if err != nil || res.Kind != Found || !slices.Equal(Pick(ids, res.Culprits()), []string{"jetpack", "woocommerce"}) {
		t.Fatalf("got %v %v %v", err, res.Kind, res.Sets)
	}
}
