package bisect

import (
	"context"
	"testing"
)

// fuzzSite decodes a site from bytes: n, then terms of 1–3 members
// (an empty term when asked), and noise settings.
func fuzzSite(data []byte) (s *site, noisy bool) {
	if len(data) < 3 {
		return nil, false
	}
	n := int(data[0]) % 70
	mode := data[1]
	data = data[2:]
	var terms [][]int
	for len(data) > 0 && len(terms) < 4 {
		k := int(data[0]) % 4
		data = data[1:]
		var t []int
		for ; k > 0 && len(data) > 0 && n > 0; k-- {
			t = append(t, int(data[0])%n)
			data = data[1:]
		}
		if len(t) > 0 || mode&8 != 0 {
			terms = append(terms, t)
		}
	}
	s = newSite(n, terms...)
	if mode&1 != 0 {
		s.noisy(float64(mode>>4)/20, uint64(mode))
		return s, true
	}
	return s, false
}

// FuzzSearch checks, on arbitrary sites, that a deterministic search is
// sound (see checkSound) and agrees with the site on none/all, and that a
// noisy one (Broken trusted, misses only) never blames a set that does not
// fail, never exceeds its budget, and reports a confidence in [0,1].
func FuzzSearch(f *testing.F) {
	f.Add([]byte{16, 0, 1, 5})
	f.Add([]byte{32, 0, 2, 3, 30})
	f.Add([]byte{20, 0, 1, 2, 1, 9})
	f.Add([]byte{10, 8, 0})
	f.Add([]byte{40, 0x51, 2, 4, 27})
	f.Add([]byte{64, 0x91, 1, 63, 3, 1, 2, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		s, noisy := fuzzSite(data)
		if s == nil {
			return
		}
		all := make([]int, s.n)
		for i := range all {
			all[i] = i
		}
		opt := Options{}
		if s.truth(all) {
			opt.Baseline.Broken = 1
		} else {
			opt.Baseline.Healthy = 1
		}
		if noisy {
			opt.Trust, opt.Confirm = TrustBroken, 2
		} else {
			opt.MaxProbes = 2000 // several multi-member sets can outrun the default
		}
		res, err := Search(context.Background(), s.n, s.oracle, opt)
		if err != nil {
			t.Fatalf("search: %v", err)
		}
		if res.Confidence < 0 || res.Confidence > 1 || len(res.Probes) != s.calls {
			t.Fatalf("confidence %v, %d probes logged of %d", res.Confidence, len(res.Probes), s.calls)
		}
		if noisy {
			if max := 8 * (ceilLog2(s.n) + 2) * 2; s.calls > max {
				t.Fatalf("%d probes over the budget %d", s.calls, max)
			}
			for _, m := range res.Sets {
				if !s.truth(m) {
					t.Fatalf("blamed %v, which does not fail (terms %v)", m, s.terms)
				}
			}
			return
		}
		switch {
		case !s.truth(all):
			if res.Kind != HealthyWithAll {
				t.Fatalf("healthy site: got %v", res.Kind)
			}
		case s.truth(nil):
			if res.Kind != BrokenWithNone {
				t.Fatalf("broken with none: got %v", res.Kind)
			}
		default:
			if err := checkSound(s, res); err != nil {
				t.Fatalf("terms %v: %v", s.terms, err)
			}
		}
	})
}
