package probe

import (
	"context"
	"math"
	"net/http"
	"sync/atomic"
	"testing"
)

func TestRepeat(t *testing.T) {
	critical := readTestdata(t, "wp-critical-error.html")
	var n atomic.Int64
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1)
		switch r.URL.Path {
		case "/flaky": // every third request fails
			if i%3 == 0 {
				w.WriteHeader(502)
				_, _ = w.Write(readTestdata(t, "nginx-502.html"))
				return
			}
		case "/down":
			w.WriteHeader(500)
			_, _ = w.Write(critical)
			return
		}
		_, _ = w.Write([]byte("<title>fine</title>"))
	})
	p := newProber(t, Options{})

	cases := []struct {
		path     string
		pattern  Pattern
		failures int
		counts   map[Class]int
	}{
		{"/fine", PatternNone, 0, map[Class]int{ClassOK: 9}},
		{"/flaky", PatternIntermittent, 3, map[Class]int{ClassOK: 6, ClassGatewayError: 3}},
		{"/down", PatternSteady, 9, map[Class]int{ClassWPCriticalError: 9}},
	}
	for _, tc := range cases {
		n.Store(0)
		s := p.Repeat(ctxT(t), srv.URL+tc.path, 9)
		if s.Pattern != tc.pattern || s.Failures != tc.failures || len(s.Results) != 9 {
			t.Errorf("%s: pattern %q failures %d results %d; want %q %d 9", tc.path, s.Pattern, s.Failures, len(s.Results), tc.pattern, tc.failures)
		}
		if want := float64(tc.failures) / 9; math.Abs(s.FailureRate-want) > 1e-9 {
			t.Errorf("%s: failure rate %v, want %v", tc.path, s.FailureRate, want)
		}
		for c, k := range tc.counts {
			if s.Counts[c] != k {
				t.Errorf("%s: counts %v, want %v", tc.path, s.Counts, tc.counts)
			}
		}
	}
}

func TestRepeatStopsWhenCanceled(t *testing.T) {
	srv := serve(t, pageHandler(200, nil, []byte("x")))
	p := newProber(t, Options{})
	ctx, cancel := context.WithCancel(ctxT(t))
	cancel()
	s := p.Repeat(ctx, srv.URL, 5)
	if len(s.Results) != 0 || s.Pattern != PatternNone || p.Requests() != 0 {
		t.Errorf("canceled repeat: %d results, pattern %q, %d requests", len(s.Results), s.Pattern, p.Requests())
	}
}

func TestSummarize(t *testing.T) {
	rs := []Result{
		{Class: ClassOK, Status: 200},
		{Class: ClassWPMaintenance, Status: 503},
		{Class: ClassHTTPError, Status: 429},
		{Class: ClassTimeout},
	}
	s := Summarize("u", rs)
	if s.Failures != 1 || s.FailureRate != 0.25 || s.Pattern != PatternIntermittent || s.Counts[ClassWPMaintenance] != 1 {
		t.Errorf("summary %+v", s)
	}
	if s := Summarize("u", nil); s.Pattern != PatternNone || s.FailureRate != 0 {
		t.Errorf("empty summary %+v", s)
	}
}
