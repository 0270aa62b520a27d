package bisect

import "math"

// probeFloor is the fewest probes any search can expect to spend, under
// the intermittent model, before it may name a culprit failing at rate
// fail among n candidates: a lower bound for TestIntermittentTargets.
//
// To name culprit c at confidence conf the belief in "outside" must fall
// to (1−conf)/conf of the belief in c, and that ratio depends on three
// counts only: broken answers (c was on in each), healthy answers with c
// on, and healthy answers with c off; "outside" is on in all of them. Every
// probe adds to one of the counts, so the best any search can do is the
// best a search that knows c (and fail) can do choosing, probe by probe,
// whether c is on. That is a small dynamic programme over the counts,
// started from the caller's three loads with all on, at least one of them
// broken (as the tests draw them). The other candidates are left out,
// which only lowers the bound.
func probeFloor(n int, fail, conf float64) float64 {
	f := &floor{fail: fail, conf: conf, priorRatio: outsidePrior / ((1 - outsidePrior) / float64(n)), memo: map[[3]int]float64{}}
	total, weight := 0.0, 0.0
	for b := 1; b <= 3; b++ {
		p := float64(choose3(b)) * math.Pow(fail, float64(b)) * math.Pow(1-fail, float64(3-b))
		total += p * f.cost(b, 3-b, 0)
		weight += p
	}
	return total / weight
}

// floor memoises the least expected number of probes still needed from
// each state (broken, healthy with c on, healthy with c off).
type floor struct {
	fail, conf, priorRatio float64
	memo                   map[[3]int]float64
}

// floorDepth caps the programme at the intermittent search's budget for
// n = 16; the probes it leaves uncounted only lower the bound.
const floorDepth = 96

func (f *floor) cost(b, hOn, hOff int) float64 {
	key := [3]int{b, hOn, hOff}
	if v, ok := f.memo[key]; ok {
		return v
	}
	v := 0.0
	if !f.settled(b, hOn, hOff) && b+hOn+hOff-3 < floorDepth {
		on := 1 + f.fail*f.cost(b+1, hOn, hOff) + (1-f.fail)*f.cost(b, hOn+1, hOff)
		off := 1 + f.cost(b, hOn, hOff+1)
		v = min(on, off)
	}
	f.memo[key] = v
	return v
}

// settled reports whether the counts let c's belief stand conf against
// "outside" alone, the rate averaged over rateGrid under ratePrior as the
// belief does.
func (f *floor) settled(b, hOn, hOff int) bool {
	var likeC, likeOutside float64
	for k, p := range rateGrid {
		x := ratePrior[k] * math.Pow(p, float64(b)) * math.Pow(1-p, float64(hOn))
		likeC += x
		likeOutside += x * math.Pow(1-p, float64(hOff))
	}
	return f.priorRatio*likeOutside/likeC <= (1-f.conf)/f.conf
}

func choose3(k int) int {
	return []int{1, 3, 3, 1}[k]
}
