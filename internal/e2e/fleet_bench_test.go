package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

// BenchmarkLabFleet compares a fleet run over the lab's four sites with
// the slowest of the same sites diagnosed alone, and reports the fleet
// process's peak RSS per site. It uses a binary built without the race
// detector, so the memory figure is the real one. Run with -benchtime=1x:
//
//	go test -run '^$' -bench BenchmarkLabFleet -benchtime=1x ./internal/e2e/
func BenchmarkLabFleet(b *testing.B) {
	f := labtest.Facts(b)
	scen := map[string]string{"site1": "fpm-stopped", "site2": "fatal", "site3": "healthy", "site4": "crash"}
	var sites []*lab.SiteFact
	for _, name := range []string{"site1", "site2", "site3", "site4"} {
		sites = append(sites, labtest.Site(b, f, name, scen[name]))
	}
	benchFleet(b, f, sites, scen, fleetAliases(b, f, ""), sites)
}

// fleetScenarios are what the large lab fleet's sites are put into, in
// turn: a fleet is mostly healthy, with the usual failures among it.
var fleetScenarios = []string{"healthy", "crash", "healthy", "fatal", "healthy", "memory", "healthy", "theme-broken", "maintenance", "healthy", "timeout", "healthy"}

// BenchmarkLabFleetLarge is BenchmarkLabFleet on the fleet of small sites
// `wplab up --sites N` brings up (all of one account, so one SSH
// connection serves them), in the scenarios of fleetScenarios in turn; the
// slowest site alone is measured on one site of each scenario. It skips
// on a lab without fleet sites:
//
//	bin/wplab up --sites 24
//	go test -run '^$' -bench BenchmarkLabFleetLarge -benchtime=1x ./internal/e2e/
func BenchmarkLabFleetLarge(b *testing.B) {
	f := labtest.Facts(b)
	if len(f.Fleet) == 0 {
		b.Skip("the lab has no fleet sites: bin/wplab up --sites 24")
	}
	scen := map[string]string{}
	var sites, alone []*lab.SiteFact
	seen := map[string]bool{}
	var aliases strings.Builder
	for i := range f.Fleet {
		s := &f.Fleet[i]
		sc := fleetScenarios[i%len(fleetScenarios)]
		scen[s.Name] = sc
		sites = append(sites, labtest.Site(b, f, s.Name, sc))
		if !seen[sc] {
			seen[sc] = true
			alone = append(alone, s)
		}
		fmt.Fprintf(&aliases, "@%s:\n  ssh: %s@127.0.0.1:%d%s\n  key: %s\n", s.Name, s.User, f.SSHPort, s.Root, f.Key)
	}
	dir := b.TempDir()
	for name, data := range map[string]string{"wp-cli.yml": aliases.String(), "global.yml": ""} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	benchFleet(b, f, sites, scen, dir, alone)
}

// benchFleet runs the sites in alone one by one, then the fleet of the
// aliases in dir (every site), and reports the fleet's wall time against
// the slowest single run and its peak RSS per site.
func benchFleet(b *testing.B, f *lab.Facts, sites []*lab.SiteFact, scen map[string]string, dir string, alone []*lab.SiteFact) {
	bin := filepath.Join(b.TempDir(), "wpdoctor")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/wpdoctor/wpdoctor/cmd/wpdoctor").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	var slowest time.Duration
	var singleRSS int64
	for _, s := range alone {
		cmd := exec.Command(bin, append([]string{"diagnose", "--json", "-q"}, target(f, s)...)...)
		cmd.Env = append(cmd.Environ(), "WPDOCTOR_STATE_DIR="+b.TempDir())
		start := time.Now()
		_ = cmd.Run() // a broken site exits non-zero
		took := time.Since(start)
		rss := maxRSS(cmd)
		b.Logf("%s (%s) alone: %.2fs, %.1f MB RSS", s.Name, scen[s.Name], took.Seconds(), float64(rss)/1024)
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
		b.Logf("fleet of %d: %.2fs, %.1f MB RSS\n%s", len(sites), wall.Seconds(), float64(rss)/1024, errb)
	}
	b.ReportMetric(float64(len(sites)), "sites")
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
