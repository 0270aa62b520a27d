package doctor_test

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/connect"
	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
	"github.com/wpdoctor/wpdoctor/internal/target"
)

// BenchmarkLabManyPlugins runs the whole `diagnose --auto-bisect` on the
// lab scenario with 75 active plugins and one crasher and reports: wall
// seconds end to end, bisect probes, requests nginx logged, and wpdoctor's
// own overhead per bisect probe (the bisect's wall time minus the site's
// response times, per probe). With db and rename the diagnosis edits
// wp-config.php for debug logging and waits 3 s for opcache; with isolated
// the probe agent logs its own requests and nothing waits (issue 12's
// target: isolated ≤ 5 s end to end).
func BenchmarkLabManyPlugins(b *testing.B) {
	f := labtest.Facts(b)
	for _, strategy := range []string{"db", "rename", "isolated"} {
		b.Run(strategy, func(b *testing.B) {
			s := labtest.Site(b, f, "site1", "many-plugins")
			for i := 0; i < b.N; i++ {
				accessBefore := lines(b, s.NginxAcc)
				start := time.Now()
				site, done := openLabSite(b, f, s)
				var bisectStart, bisectEnd time.Time
				var probeMillis int64
				var probes int
				sess, err := doctor.Open(context.Background(), site, doctor.OpenOptions{
					StateDir: b.TempDir(),
					Sink: func(e diag.Event) {
						switch {
						case e.Kind == diag.EventStage && e.Stage == "bisect" && bisectStart.IsZero():
							bisectStart = e.Time
						case e.Kind == diag.EventStage && e.Stage == "restore":
							bisectEnd = e.Time
						case e.Kind == diag.EventProbe && e.Stage == "bisect":
							probeMillis += e.Probe.Millis
							probes++
						}
					},
				})
				if err != nil {
					b.Fatal(err)
				}
				d, err := sess.Diagnose(context.Background(), doctor.DiagnoseOptions{Strategy: strategy})
				if err == nil && d.Plan != nil {
					d.Plan.Strategy = strategy
					_, err = sess.Bisect(context.Background(), d.Plan)
				}
				rep, _ := sess.Close(context.Background())
				took := time.Since(start)
				done()
				if err != nil || rep.Verdict.Components[0] != "plugin:wpd-crash" || !rep.Restored {
					b.Fatalf("%v %+v", err, rep.Verdict)
				}
				b.ReportMetric(took.Seconds(), "s/run")
				b.ReportMetric(float64(rep.ProbeCount), "bisect-probes")
				b.ReportMetric(float64(rep.DiagnosisProbes+rep.ProbeCount), "probes")
				b.ReportMetric(float64(lines(b, s.NginxAcc)-accessBefore), "nginx-requests")
				if probes > 0 {
					overhead := (bisectEnd.Sub(bisectStart).Milliseconds() - probeMillis) / int64(probes)
					b.ReportMetric(float64(overhead), "overhead-ms/probe")
				}
			}
		})
	}
}

func lines(b *testing.B, path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return bytes.Count(data, []byte("\n"))
}

// openLabSite connects to a lab site over SSH as the CLI would and opens
// the install; done closes both.
func openLabSite(b *testing.B, f *lab.Facts, s *lab.SiteFact) (site *doctor.Site, done func()) {
	b.Helper()
	conn, err := connect.Open(context.Background(), target.Target{User: s.User, Host: "127.0.0.1", Port: f.SSHPort, Path: s.Root},
		connect.Options{KnownHosts: f.KnownHosts, Identities: []string{f.Key}, NoAgent: true})
	if err != nil {
		b.Fatal(err)
	}
	site, err = doctor.OpenSite(context.Background(), doctor.Access{ID: conn.ID(), Target: conn.Target.String(),
		FS: conn.FS, Shell: conn.Shell, NoShell: conn.NoShellReason, Dialer: conn.Dialer, Home: conn.Home}, s.Root, 10*time.Second)
	if err != nil {
		conn.Close()
		b.Fatal(err)
	}
	return site, func() { site.Close(); conn.Close() }
}
