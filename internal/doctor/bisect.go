package doctor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/bisect"
	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
)

// bisect switches components off in halving steps until it has the one(s)
// that break the site: plugins first; if the site is still broken with all
// of them off, the theme (plugins staying off), then must-use plugins, then
// drop-ins. Every change goes through the journal; restore undoes them all.
func (r *run) bisect(ctx context.Context) error {
	inv := r.inv
	if inv == nil {
		var err error
		if inv, err = Inventory(ctx, r.s); err != nil {
			return fmt.Errorf("inventory: %w", err)
		}
		r.inv = inv
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

	plugins, strategy, err := r.pluginStage(ctx, inv, r.o.Strategy)
	if err != nil {
		return err
	}
	report.Strategy = strategy
	theme, themeSkip := r.themeStage(ctx, inv)
	stages := []struct {
		st   stage
		skip string
	}{{plugins, ""}, {theme, themeSkip}, {r.muStage(inv), ""}, {r.dropinStage(inv), ""}}

	for _, s := range stages {
		if s.skip != "" || len(s.st.comps) == 0 {
			why := s.skip
			if why == "" {
				why = "nothing to switch off"
			}
			name := s.st.name
			if name == "" {
				name = "theme"
			}
			report.Stages = append(report.Stages, diag.BisectStage{Name: name, Outcome: "skipped", Reason: why})
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
			r.culprits = r.culpritPaths(inv, sr)
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
	r.noComponentVerdict()
	return nil
}

// baseline counts the diagnosis' answers for the URL bisect probes.
func (r *run) baseline() bisect.Baseline {
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
func (r *run) bisectVerdict(sr *stageRun) diag.Verdict {
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
	return diag.Verdict{Kind: kindOfID(comps[0]), Components: comps, Cause: cause, Confidence: sr.res.Confidence,
		Evidence: ev, Fix: fix, Basis: "bisect"}
}

// describeFailure says what visitors get, from the diagnosis' probes.
func (r *run) describeFailure() string {
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

func kindOfID(id string) diag.Kind {
	k, _, _ := strings.Cut(id, ":")
	switch diag.Kind(k) {
	case diag.KindPlugin, diag.KindTheme, diag.KindMU, diag.KindDropIn:
		return diag.Kind(k)
	}
	return diag.KindUnknown
}

// noComponentVerdict: with every component off the site still fails, so
// the cause is the server or WordPress core.
func (r *run) noComponentVerdict() {
	v := &r.rep.Verdict
	note := "even with every plugin and must-use plugin off, a default theme and the drop-ins off, the site still fails: the cause is not a component"
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

// culpritPaths are the paths to rename to keep the culprit(s) off.
func (r *run) culpritPaths(inv *inventory.Inventory, sr *stageRun) []string {
	var out []string
	for _, i := range sr.res.Culprits() {
		id := sr.st.comps[i]
		kind, name, _ := strings.Cut(id, ":")
		switch kind {
		case "plugin":
			for _, p := range inv.Plugins {
				if p.Slug == name {
					out = append(out, p.Dir)
				}
			}
		case "mu-plugin":
			for _, m := range inv.MUPlugins {
				if m.File == name {
					out = append(out, m.Path)
				}
			}
		case "drop-in":
			for _, d := range inv.Dropins {
				if d.File == name {
					out = append(out, d.Path)
				}
			}
		}
	}
	return out
}
