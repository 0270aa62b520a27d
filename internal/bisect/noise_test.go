package bisect

import (
	"fmt"
	"testing"
)

// noiseTally counts the conclusions of many seeded noisy runs.
type noiseTally struct {
	runs, correct, inconclusive int
	wrong, confidentWrong       int
	probes                      int
	expectedWrong               float64 // Σ(1−confidence) over the answered runs
}

func (t noiseTally) String() string {
	return fmt.Sprintf("runs %d: correct %d, inconclusive %d, wrong %d (confident %d; Σ(1-conf) %.1f), mean probes %.1f",
		t.runs, t.correct, t.inconclusive, t.wrong, t.confidentWrong, t.expectedWrong, float64(t.probes)/float64(t.runs))
}

type noiseCase struct {
	name  string
	terms [][]int
	kind  Kind
}

var noiseCases = []noiseCase{
	{"single", [][]int{{13}}, Found},
	{"pair", [][]int{{4, 27}}, Found},
	{"two crashers", [][]int{{8}, {21}}, Found},
	{"none", [][]int{{}}, BrokenWithNone},
}

// noisyRuns runs one case seeds times on an n=32 site whose broken sets
// answer Healthy with probability miss (and healthy sets Broken with
// probability alarm); the caller saw all-on 3 times first.
func noisyRuns(c noiseCase, miss, alarm float64, seeds int, opt Options) noiseTally {
	const n = 32
	var t noiseTally
	for seed := range seeds {
		s := newSite(n, c.terms...).noisy(miss, uint64(seed)+1)
		s.alarm = alarm
		// The caller saw the failure at least once before bisecting.
		for opt.Baseline = s.baseline(3); opt.Baseline.Broken == 0; {
			opt.Baseline = s.baseline(3)
		}
		res := run(n, s, opt)
		t.runs++
		t.probes += s.calls
		if res.Kind != Inconclusive {
			t.expectedWrong += 1 - res.Confidence
		}
		switch {
		case res.Kind == Inconclusive:
			t.inconclusive++
		case res.Kind == c.kind && (c.kind != Found || sameSets(res.Sets, c.terms)):
			t.correct++
		default:
			t.wrong++
			if res.Confidence >= opt.MinConfidence {
				t.confidentWrong++
			}
		}
	}
	return t
}

// TestNoiseNeverConfidentlyWrong: Broken trusted, Confirm 3. A conclusion
// is reported only at confidence ≥ MinConfidence, so among the runs that
// are not Inconclusive the error rate must stay within 1−MinConfidence
// (twice that at the 70% miss rate, where the rate estimate itself is
// shaky). The rates measured are logged with -v.
func TestNoiseNeverConfidentlyWrong(t *testing.T) {
	seeds := 400
	if testing.Short() {
		seeds = 100
	}
	for _, tc := range []struct {
		miss, minConf, slack float64
	}{
		{0.1, 0.95, 1}, {0.3, 0.95, 1}, {0.5, 0.95, 1}, {0.7, 0.95, 2},
		{0.3, 0.99, 1}, {0.5, 0.99, 1},
	} {
		opt := Options{Trust: TrustBroken, Confirm: 3, MinConfidence: tc.minConf}
		for _, c := range noiseCases {
			tally := noisyRuns(c, tc.miss, 0, seeds, opt)
			t.Logf("miss %.1f min %.2f %-12s %v", tc.miss, tc.minConf, c.name, tally)
			answered := float64(tally.runs - tally.inconclusive)
			if float64(tally.wrong) > tc.slack*(1-tc.minConf)*answered {
				t.Errorf("miss %.1f %s: error rate above %.0f%%: %v", tc.miss, c.name, 100*tc.slack*(1-tc.minConf), tally)
			}
			if tc.miss <= 0.3 && tally.correct < tally.runs*9/10 {
				t.Errorf("miss %.1f %s: too few correct answers: %v", tc.miss, c.name, tally)
			}
		}
	}
}

// TestNoiseBothWays: spurious errors as well as missed crashes, nothing
// trusted.
func TestNoiseBothWays(t *testing.T) {
	seeds := 200
	if testing.Short() {
		seeds = 50
	}
	opt := Options{Trust: TrustNeither, Confirm: 3, MinConfidence: 0.95}
	for _, c := range noiseCases[:2] {
		tally := noisyRuns(c, 0.2, 0.05, seeds, opt)
		t.Logf("miss 0.2 alarm 0.05 %-6s %v", c.name, tally)
		if float64(tally.wrong) > 0.05*float64(tally.runs-tally.inconclusive) {
			t.Errorf("%s: error rate above 5%%: %v", c.name, tally)
		}
	}
}

// TestNoiseSpuriousErrors: a site that sometimes errors while healthy (a
// 502 under load), Healthy trusted.
func TestNoiseSpuriousErrors(t *testing.T) {
	opt := Options{Trust: TrustHealthy, Confirm: 3, MinConfidence: 0.95}
	for _, c := range noiseCases[:3] {
		tally := noisyRuns(c, 0, 0.2, 200, opt)
		t.Logf("alarm 0.2 %-12s %v", c.name, tally)
		if float64(tally.wrong) > 0.05*float64(tally.runs-tally.inconclusive) || tally.correct < tally.runs*9/10 {
			t.Errorf("%s: %v", c.name, tally)
		}
	}
}
