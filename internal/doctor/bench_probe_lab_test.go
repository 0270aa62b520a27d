package doctor_test

import (
	"context"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/connect"
	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
	"github.com/wpdoctor/wpdoctor/internal/target"
)

// BenchmarkLabProbeEconomy runs `diagnose --auto-bisect` (db strategy) on
// the scenarios whose probe count or wait the evidence cuts: a culprit the
// logs name by file (fatal, memory), a hang PHP-FPM kills after 8 s
// (timeout), and a plugin that crashes half of the requests (flaky).
// Reported: wall seconds end to end, bisect probes, all probes.
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
			for i := 0; i < b.N; i++ {
				start := time.Now()
				conn, err := connect.Open(context.Background(), target.Target{User: s.User, Host: "127.0.0.1", Port: f.SSHPort, Path: s.Root},
					connect.Options{KnownHosts: f.KnownHosts, Identities: []string{f.Key}, NoAgent: true})
				if err != nil {
					b.Fatal(err)
				}
				site, err := doctor.OpenSite(context.Background(), doctor.Access{ID: conn.ID(), Target: conn.Target.String(),
					FS: conn.FS, Shell: conn.Shell, NoShell: conn.NoShellReason, Dialer: conn.Dialer, Home: conn.Home}, s.Root, 10*time.Second)
				if err != nil {
					b.Fatal(err)
				}
				rep, err := doctor.Run(context.Background(), site, doctor.OpenOptions{StateDir: b.TempDir()},
					doctor.Answers{Bisect: true, Strategy: doctor.StrategyDB})
				took := time.Since(start)
				site.Close()
				conn.Close()
				if err != nil || rep == nil || len(rep.Verdict.Components) == 0 || rep.Verdict.Components[0] != c.culprit || !rep.Restored {
					b.Fatalf("%v %+v", err, rep)
				}
				b.ReportMetric(took.Seconds(), "s/run")
				b.ReportMetric(float64(rep.ProbeCount), "bisect-probes")
				b.ReportMetric(float64(rep.DiagnosisProbes+rep.ProbeCount), "probes")
			}
		})
	}
}
