package doctor

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/bisect"
	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/verdict"
)

// BisectResult is what Session.Bisect concluded.
type BisectResult struct {
	Verdict diag.Verdict
	Bisect  *diag.Bisect
	// Culprits are the components found (empty when none was).
	Culprits []diag.Component
}

// Bisect switches components off in halving steps until it has the one(s)
// that break the site, stage by stage as the plan says (nil: the plan
// Diagnose proposed): by default plugins first; if the site is still
// broken with all of them off, the theme (plugins staying off), then
// must-use plugins, then drop-ins. Excluded components stay on. Every
// change goes through the journal; Close (or KeepCulpritOff) undoes them.
func (r *Session) Bisect(ctx context.Context, plan *BisectPlan) (*BisectResult, error) {
	if err := r.blocked(); err != nil {
		return nil, err
	}
	if r.rep == nil {
		return nil, errors.New("bisect: diagnose first")
	}
	if r.bisected || r.restored {
		return nil, errors.New("bisect: this session has already bisected or restored the site")
	}
	if plan == nil {
		plan = r.plan
	}
	if plan == nil {
		p, err := r.Plan(ctx)
		if err != nil {
			return nil, err
		}
		plan = p
	}
	r.bisected = true
	err := r.bisect(ctx, plan)
	res := &BisectResult{Verdict: r.rep.Verdict, Bisect: r.rep.Bisect, Culprits: r.culprits}
	r.ev.send(diag.Event{Kind: diag.EventVerdict, Verdict: &r.rep.Verdict})
	return res, err
}

func (r *Session) bisect(ctx context.Context, plan *BisectPlan) error {
	inv, err := r.inventory(ctx)
	if err != nil {
		return err
	}
	if err := r.begin(ctx); err != nil {
		return err
	}
	start := r.prober.Requests()
	defer func() {
		r.rep.ProbeCount = int(r.prober.Requests() - start)
		if p := r.patience; r.cutProbes > 0 && p != nil {
			r.rep.Notes = append(r.rep.Notes, fmt.Sprintf("bisect: %d probe(s) counted as the %s hang once they outlived the healthy answers, without waiting it out (PHP-FPM pool of %d workers)",
				r.cutProbes, p.hang.Round(time.Millisecond), p.workers))
		}
	}()
	baseline := r.baseline()
	report := &diag.Bisect{}
	r.rep.Bisect = report
	excluded := map[string]bool{}
	for _, c := range plan.Exclude {
		excluded[c.String()] = true
	}
	strategy, _ := r.chooseStrategy(inv, plan.Strategy)
	report.Strategy = strategy

	complete := len(plan.Exclude) == 0
	var stages []struct {
		st   stage
		skip string
	}
	names := map[string]bool{}
	for _, ps := range plan.Stages {
		names[ps.Name] = true
		var st stage
		skip := ps.Skip
		switch ps.Name {
		case StagePlugins:
			if skip == "" {
				if strategy == StrategyIsolated && !r.useAgent(ctx, inv, diag.StageBisect) {
					if err := ctx.Err(); err != nil {
						return err
					}
					strategy, _ = r.chooseStrategy(inv, StrategyAuto)
					report.Strategy = strategy
				}
				if st, err = r.pluginStage(ctx, inv, strategy, excluded); err != nil {
					return err
				}
			}
		case StageTheme:
			if skip == "" && !excluded[diag.Component{Kind: diag.KindTheme, Name: inv.Theme.Stylesheet}.String()] {
				if strategy == StrategyIsolated && r.useAgent(ctx, inv, diag.StageBisect) && r.agent.themes {
					st, skip = r.isolatedThemeStage(ctx, inv)
				} else {
					st, skip = r.themeStage(ctx, inv)
				}
			}
		case StageMUPlugins:
			st = r.muStage(inv, excluded)
		case StageDropins:
			st = r.dropinStage(inv, excluded)
		default:
			return fmt.Errorf("bisect: unknown stage %q", ps.Name)
		}
		if st.name == "" {
			st.name = ps.Name
		}
		stages = append(stages, struct {
			st   stage
			skip string
		}{st, skip})
	}
	for _, n := range []string{StagePlugins, StageTheme, StageMUPlugins, StageDropins} {
		complete = complete && names[n]
	}

	for _, s := range stages {
		if s.skip != "" || len(s.st.comps) == 0 {
			why := s.skip
			if why == "" {
				why = "nothing to switch off"
			}
			report.Stages = append(report.Stages, diag.BisectStage{Name: s.st.name, Outcome: "skipped", Reason: why})
			continue
		}
		before := r.prober.Requests()
		sr, err := r.search(ctx, s.st, baseline)
		report.Stages = append(report.Stages, sr.summary(int(r.prober.Requests()-before)))
		if err != nil {
			return err
		}
		switch sr.res.Kind {
		case bisect.Found:
			r.culprits = nil
			for _, i := range sr.res.Culprits() {
				if c, err := diag.ParseComponent(sr.st.comps[i]); err == nil {
					r.culprits = append(r.culprits, c)
				}
			}
			r.rep.Verdict = r.bisectVerdict(sr)
			r.sayWhereActive(inv, sr)
			if sr.res.Intermittent && baseline.Healthy == 0 {
				r.rep.Notes = append(r.rep.Notes, "every diagnosis probe failed, but the bisect of "+s.st.name+
					" showed the failure comes and goes: the culprit was found under the intermittent model")
			}
			return nil
		case bisect.BrokenWithNone:
			// Not among these: keep them all off and look further.
			if err := s.st.apply(ctx, make([]bool, len(s.st.comps))); err != nil {
				return err
			}
			continue
		case bisect.HealthyWithAll:
			r.rep.Notes = append(r.rep.Notes, "bisect: the site answered normally with every "+s.st.name+" on: the failure did not reproduce")
			r.rep.Verdict.RecommendBisect = false
			return nil
		default:
			r.rep.Notes = append(r.rep.Notes, "bisect of "+s.st.name+" was inconclusive: "+sr.res.Reason)
			return nil
		}
	}
	r.noComponentVerdict(complete)
	return nil
}

// baseline counts the diagnosis' answers for the URL bisect probes.
func (r *Session) baseline() bisect.Baseline {
	var b bisect.Baseline
	for _, res := range r.results {
		if res.URL != r.failingURL {
			continue
		}
		if res.Failing() {
			b.Broken++
		} else {
			b.Healthy++
		}
	}
	return b
}

// bisectVerdict names the culprit(s) with the evidence the probes gathered.
func (r *Session) bisectVerdict(sr *stageRun) diag.Verdict {
	var sets [][]string
	for _, set := range sr.res.Sets {
		var ids []string
		for _, i := range set {
			ids = append(ids, sr.st.comps[i])
		}
		sets = append(sets, ids)
	}
	return verdict.FromBisect(verdict.BisectInput{
		Prior: r.rep.Verdict, Sets: sets, Stage: sr.st.name, Candidates: len(sr.st.comps), Probes: len(sr.probes),
		Reason: sr.res.Reason, Confidence: sr.res.Confidence, Evidence: sr.culpritEvidence(), Failure: verdict.DescribeFailure(r.results, r.frontPage()),
	})
}

// noComponentVerdict: with every component off the site still fails, so
// the cause is the server or WordPress core.
func (r *Session) noComponentVerdict(complete bool) {
	r.rep.Verdict = verdict.NotAComponent(r.rep.Verdict, complete)
}
