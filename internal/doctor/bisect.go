package doctor

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/bisect"
	"github.com/wpdoctor/wpdoctor/internal/diag"
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
	defer func() { r.rep.ProbeCount = int(r.prober.Requests() - start) }()
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
				if st, err = r.pluginStage(ctx, inv, strategy, excluded); err != nil {
					return err
				}
			}
		case StageTheme:
			if skip == "" && !excluded[diag.Component{Kind: diag.KindTheme, Name: inv.Theme.Stylesheet}.String()] {
				st, skip = r.themeStage(ctx, inv)
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
	comps := []string{}
	for _, s := range sets {
		comps = append(comps, s...)
	}
	prior := r.rep.Verdict
	failure := r.describeFailure()
	var cause string
	switch {
	case len(sets) == 1 && len(sets[0]) == 1:
		cause = fmt.Sprintf("%s breaks the site: with it on, %s; with it switched off, the site answers normally", comps[0], failure)
	case len(sets) == 1:
		cause = fmt.Sprintf("%s break the site only together (each alone is harmless): with all of them on, %s", idsOf(sets[0]), failure)
	default:
		var parts []string
		for _, s := range sets {
			parts = append(parts, idsOf(s))
		}
		cause = fmt.Sprintf("each of %s breaks the site on its own: %s", strings.Join(parts, "; "), failure)
	}
	ev := sr.culpritEvidence()
	ev = append(ev, diag.Evidence{Source: "bisect", Text: fmt.Sprintf("%d probes over %d %s: %s", len(sr.probes), len(sr.st.comps), sr.st.name, sr.res.Reason)})
	fix := fmt.Sprintf("Keep %s deactivated (rename its folder or deactivate it in wp-admin), then update it, replace it or report it to its author.", idsOf(comps))
	if prior.Kind.IsComponent() && len(prior.Components) == 1 && prior.Components[0] == comps[0] && prior.Fix != "" {
		fix = prior.Fix
	}
	if len(prior.Components) == 1 && prior.Components[0] == "server:fastcgi-buffer-too-small" {
		cause += "; it sends response headers larger than nginx's fastcgi_buffer_size"
		fix += " Or raise nginx's fastcgi_buffer_size / fastcgi_buffers if those headers are legitimate."
	}
	return diag.Verdict{Kind: diag.KindOf(comps[0]), Components: comps, Cause: cause, Confidence: sr.res.Confidence,
		Evidence: ev, Fix: fix, Basis: "bisect"}
}

// describeFailure says what visitors get, from the diagnosis' probes.
func (r *Session) describeFailure() string {
	for _, res := range r.results {
		if res.Failing() {
			if res.Status != 0 {
				return fmt.Sprintf("the site answers %d (%s)", res.Status, res.Class)
			}
			return fmt.Sprintf("the site fails (%s)", res.Class)
		}
	}
	return "the site fails"
}

// noComponentVerdict: with every component off the site still fails, so
// the cause is the server or WordPress core.
func (r *Session) noComponentVerdict(complete bool) {
	v := &r.rep.Verdict
	note := "even with every plugin and must-use plugin off, a default theme and the drop-ins off, the site still fails: the cause is not a component"
	if !complete {
		note = "with every component searched switched off (the plan left some stages or components out), the site still fails: the cause is not among them"
	}
	if v.Kind != diag.KindServer {
		v.Kind = diag.KindCore
		v.Components = []string{}
		v.Cause = note + " (WordPress core, PHP or the server); " + v.Cause
		v.Fix = "Check the findings: PHP-FPM, memory, timeouts, the database; reinstall WordPress core files of the same version."
	} else {
		v.Cause += "; " + note
	}
	v.Basis = "bisect"
	v.RecommendBisect = false
	v.Confidence = 0.8
}
