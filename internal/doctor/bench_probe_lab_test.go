package doctor_test

import (
	"context"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// BenchmarkLabProbeEconomy runs `diagnose --auto-bisect` (db strategy) on
// the scenarios whose probe count or wait the evidence cuts: a culprit the
// logs name by file (fatal, memory), a hang PHP-FPM kills after 10 s (the scenario)
// (timeout), and a plugin that crashes half of the requests (flaky).
// Reported, as means over the b.N runs: wall seconds end to end, bisect
// probes, all probes; and the most bisect probes one run took. A flaky run
// whose every diagnosis probe answered normally rightly ends healthy (1 in
// 16): it is counted in healthy-runs and left out of the means.
func BenchmarkLabProbeEconomy(b *testing.B) {
	f := labtest.Facts(b)
	for _, c := range []struct{ scenario, culprit string }{
		{"fatal", "plugin:wpd-fatal"},
		{"memory", "plugin:wpd-memory-hog"},
		{"timeout", "plugin:wpd-timeout"},
		{"flaky", "plugin:wpd-flaky"},
	} {
		b.Run(c.scenario, func(b *testing.B) {
			s := labtest.Site(b, f, "site1", c.scenario)
			var secs, bisectProbes, probes, worst, healthy float64
			for i := 0; i < b.N; i++ {
				start := time.Now()
				site, done := openLabSite(b, f, s)
				rep, err := doctor.Run(context.Background(), site, doctor.OpenOptions{StateDir: b.TempDir()},
					doctor.Answers{Bisect: true, Strategy: doctor.StrategyDB})
				took := time.Since(start)
				done()
				if err == nil && rep != nil && c.scenario == "flaky" && rep.Verdict.Kind == diag.KindHealthy && rep.Restored {
					healthy++
					continue
				}
				if err != nil || rep == nil || len(rep.Verdict.Components) == 0 || rep.Verdict.Components[0] != c.culprit || !rep.Restored {
					b.Fatalf("%v %+v", err, rep)
				}
				secs += took.Seconds()
				bisectProbes += float64(rep.ProbeCount)
				probes += float64(rep.DiagnosisProbes + rep.ProbeCount)
				worst = max(worst, float64(rep.ProbeCount))
			}
			runs := max(float64(b.N)-healthy, 1)
			b.ReportMetric(healthy, "healthy-runs")
			b.ReportMetric(secs/runs, "s/run")
			b.ReportMetric(bisectProbes/runs, "bisect-probes")
			b.ReportMetric(probes/runs, "probes")
			b.ReportMetric(worst, "bisect-probes-worst")
		})
	}
}
