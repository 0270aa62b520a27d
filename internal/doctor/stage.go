package doctor

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/bisect"
	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

// stage is one family of components to search (plugins, theme, must-use
// plugins, drop-ins): their IDs and a way to put the site in a state.
type stage struct {
	name  string
	comps []string // plugin:<slug>, theme:<slug>, mu-plugin:<file>, drop-in:<file>
	// apply puts the site in the state where comps[i] is on iff on[i].
	// It must go through r.changes (the journal).
	apply func(ctx context.Context, on []bool) error
}

// stageProbe is one probe of a stage, with the logs it produced.
type stageProbe struct {
	on     []bool
	broken bool
	events []logs.Event
}

// stageRun is a stage's search and what it saw.
type stageRun struct {
	st     stage
	res    bisect.Result
	probes []stageProbe
	before int64 // prober requests when the stage began
	// suspects are the stage's components the diagnosis named.
	suspects []string
	started  time.Time
	took     time.Duration // the whole stage
	onSite   time.Duration // of which waiting on the site's answers
}

// suspectsIn returns the indices in comps of the components named.
func suspectsIn(comps, named []string) []int {
	var out []int
	for i, c := range comps {
		for _, n := range named {
			if c == n {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// search bisects a stage's components. The caller knows the site is broken
// with every component of the stage on (the baseline).
func (r *Session) search(ctx context.Context, st stage, baseline bisect.Baseline) (*stageRun, error) {
	sr := &stageRun{st: st, before: r.prober.Requests(), started: r.clock.Now()}
	defer func() { sr.took = r.clock.Now().Sub(sr.started) }()
	r.ev.stage(diag.StageBisect, fmt.Sprintf("bisecting %d %s", len(st.comps), st.name))
	var last *diag.ProbeEvent // the probe Progress reports on
	oracle := func(ctx context.Context, active []int) (bisect.Outcome, error) {
		on := make([]bool, len(st.comps))
		for _, i := range active {
			on[i] = true
		}
		if err := st.apply(ctx, on); err != nil {
			return 0, fmt.Errorf("switch %s: %w", st.name, err)
		}
		res, err := r.bisectProbe(ctx)
		if err != nil {
			return 0, err
		}
		sr.onSite += res.Total
		evs := r.readLogs(ctx, diag.StageBisect)
		r.events = append(r.events, evs...)
		sp := stageProbe{on: on, broken: res.Failing(), events: evs}
		sr.probes = append(sr.probes, sp)
		var onIDs, offIDs []string
		for i, c := range st.comps {
			if on[i] {
				onIDs = append(onIDs, c)
			} else {
				offIDs = append(offIDs, c)
			}
		}
		last = &diag.ProbeEvent{
			Step: len(sr.probes), URL: res.URL, Status: res.Status, Class: string(res.Class), Broken: sp.broken,
			Millis: res.Total.Milliseconds(), On: onIDs, Off: offIDs, Reason: res.Reason,
			Intention: fmt.Sprintf("%d of %d %s on", len(onIDs), len(st.comps), st.name),
		}
		if sp.broken {
			return bisect.Broken, nil
		}
		return bisect.Healthy, nil
	}
	intermittent := baseline.Healthy > 0
	progress := func(p bisect.Probe) {
		if last == nil {
			return
		}
		ev := *last
		last = nil
		ev.Left = p.Left
		if p.Left > 1 {
			ev.Remaining = expectedProbes(p.Left, intermittent) - 1
		}
		r.ev.send(diag.Event{Kind: diag.EventProbe, Stage: diag.StageBisect, Probe: &ev})
	}
	opts := bisect.Options{Baseline: baseline, Name: func(i int) string { return st.comps[i] }, Progress: progress,
		Suspects: suspectsIn(st.comps, r.rep.Verdict.Components)}
	for _, i := range opts.Suspects {
		sr.suspects = append(sr.suspects, st.comps[i])
	}
	if len(sr.suspects) > 0 {
		r.ev.step(diag.StageBisect, "the evidence names "+idsOf(sr.suspects)+": testing that first")
	}
	if intermittent {
		// The failure is intermittent: a healthy answer may be a miss.
		// The search weighs each answer by the failure rate it learns and
		// stops at 99% belief.
		opts.Intermittent = true
	}
	res, err := bisect.Search(ctx, len(st.comps), oracle, opts)
	sr.res = res
	return sr, err
}

// bisectProbe loads the failing URL once, cut short when the answers seen
// show it is the hang again (see patience).
func (r *Session) bisectProbe(ctx context.Context) (probe.Result, error) {
	p := r.patienceFor()
	within, ok := r.prober.(DeadlineProber)
	if !ok {
		res := r.prober.Probe(r.probeContext(ctx), r.failingURL)
		return res, ctx.Err()
	}
	wait, d := p.next(r.clock.Now())
	if wait > 0 {
		r.ev.step(diag.StageBisect, fmt.Sprintf("waiting %s for the PHP worker an abandoned probe still holds", wait.Round(time.Millisecond)))
		if err := r.clock.Sleep(ctx, wait); err != nil {
			return probe.Result{}, err
		}
	}
	start := r.clock.Now()
	res := within.ProbeWithin(r.probeContext(ctx), r.failingURL, d)
	if ctx.Err() != nil {
		return res, ctx.Err()
	}
	if p.answered(start, d, res) {
		res.Reason = fmt.Sprintf("no answer within %s, while healthy pages answered within %s and the failure hangs for %s: counted as that hang",
			d, slices.Max(p.healthy).Round(time.Millisecond), p.hang.Round(time.Millisecond))
		r.cutProbes++
	}
	return res, nil
}

// patienceFor returns the run's patience, seeded with the diagnosis' probes
// and the pool size of the PHP-FPM pool that serves the site.
func (r *Session) patienceFor() *patience {
	if r.patience != nil {
		return r.patience
	}
	p := &patience{}
	for _, res := range r.results {
		p.answered(time.Time{}, 0, res)
	}
	if r.server != nil && r.server.Pool != nil && !r.server.Pool.MaxChildren.Invalid {
		p.workers = r.server.Pool.MaxChildren.Value
	}
	r.patience = p
	return p
}

// summary describes a finished stage for the report.
func (sr *stageRun) summary(probes int) diag.BisectStage {
	s := diag.BisectStage{Name: sr.st.name, Candidates: len(sr.st.comps), Probes: probes, Outcome: sr.res.Kind.String(),
		Confidence: sr.res.Confidence, Reason: sr.res.Reason, Suspects: sr.suspects,
		Millis: sr.took.Milliseconds(), SiteMillis: sr.onSite.Milliseconds(), Intermittent: sr.res.Intermittent}
	for _, i := range sr.res.Culprits() {
		s.Culprits = append(s.Culprits, sr.st.comps[i])
	}
	for _, p := range sr.res.Probes {
		switch p.Phase {
		case bisect.PhaseOthers:
			s.OthersProbes++
		case bisect.PhaseLookalike:
			s.LookalikeProbes++
		}
	}
	return s
}

// culpritEvidence collects, from the probes where the culprits were on and
// the site broke, the log entries that show the failure, plus what the
// probes themselves prove.
func (sr *stageRun) culpritEvidence() []diag.Evidence {
	culprits := sr.res.Culprits()
	var out []diag.Evidence
	var seen = map[string]int{}
	for _, p := range sr.probes {
		allOn := true
		for _, c := range culprits {
			allOn = allOn && p.on[c]
		}
		if !allOn || !p.broken {
			continue
		}
		for _, e := range p.events {
			if !relevant(e) {
				continue
			}
			ev := evidenceOf(e)
			key := fmt.Sprintf("%s|%s|%s|%d", ev.Source, e.Kind, e.File, e.Line)
			if i, ok := seen[key]; ok {
				out[i].Count++
				continue
			}
			ev.Count = 1
			seen[key] = len(out)
			out = append(out, ev)
			if len(out) >= 4 {
				return out
			}
		}
	}
	return out
}

// relevant: entries that show a failure (not the noise of healthy runs).
func relevant(e logs.Event) bool {
	switch e.Kind {
	case logs.KindPHPFatal, logs.KindPHPMemory, logs.KindPHPTimeLimit, logs.KindPHPParse,
		logs.KindFPMChildSignal, logs.KindFPMRequestTimeout, logs.KindSlowlog, logs.KindUpstreamReset,
		logs.KindUpstreamClosed, logs.KindUpstreamHeaderSize, logs.KindUpstreamTimeout, logs.KindFastCGIStderr, logs.KindFPMStderr:
		return true
	}
	return false
}

func idsOf(ids []string) string { return strings.Join(ids, ", ") }
