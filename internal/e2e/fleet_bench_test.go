package e2e

import (
	"context"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// BenchmarkLabFleet compares a fleet run over the lab's four sites with
// the slowest of the same sites diagnosed alone, and reports the fleet
// process's peak RSS per site in flight. It uses a binary built without
// the race detector, so the memory figure is the real one. Run with
// -benchtime=1x:
//
//	go test -run '^$' -bench BenchmarkLabFleet -benchtime=1x ./internal/e2e/
func BenchmarkLabFleet(b *testing.B) {
	f := labtest.Facts(b)
	scen := map[string]string{"site1": "fpm-stopped", "site2": "fatal", "site3": "healthy", "site4": "crash"}
	sites := map[string]*lab.SiteFact{}
	for _, name := range []string{"site1", "site2", "site3", "site4"} {
		sites[name] = labtest.Site(b, f, name, scen[name])
	}
	bin := filepath.Join(b.TempDir(), "wpdoctor")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/wpdoctor/wpdoctor/cmd/wpdoctor").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	dir := fleetAliases(b, f, "")
	var slowest time.Duration
	var singleRSS int64
	for name, s := range sites {
		cmd := exec.Command(bin, append([]string{"diagnose", "--json", "-q"}, target(f, s)...)...)
		cmd.Env = append(cmd.Environ(), "WPDOCTOR_STATE_DIR="+b.TempDir())
		start := time.Now()
		_ = cmd.Run() // a broken site exits non-zero
		took := time.Since(start)
		rss := maxRSS(cmd)
		b.Logf("%s (%s) alone: %.2fs, %.1f MB RSS", name, scen[name], took.Seconds(), float64(rss)/1024)
		slowest = max(slowest, took)
		singleRSS = max(singleRSS, rss)
	}
	var wall time.Duration
	var rss int64
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		cmd, _, errb := fleetCmd(ctx, bin, dir, b.TempDir(), "@all", "--known-hosts", f.KnownHosts)
		start := time.Now()
		_ = cmd.Run()
		wall = time.Since(start)
		rss = maxRSS(cmd)
		cancel()
		b.Logf("fleet: %.2fs, %.1f MB RSS\n%s", wall.Seconds(), float64(rss)/1024, errb)
	}
	b.ReportMetric(wall.Seconds(), "fleet-s")
	b.ReportMetric(slowest.Seconds(), "slowest-site-s")
	b.ReportMetric(wall.Seconds()/slowest.Seconds(), "fleet/slowest")
	b.ReportMetric(float64(rss)/1024/float64(len(sites)), "fleet-MB-RSS/site")
	b.ReportMetric(float64(singleRSS)/1024, "single-MB-RSS")
}

// maxRSS is the peak resident set of a finished command, in KiB.
func maxRSS(cmd *exec.Cmd) int64 {
	if cmd.ProcessState == nil {
		return 0
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss
	}
	return 0
}
