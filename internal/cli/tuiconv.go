package cli

import (
	"fmt"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/tui"
)

// sink turns engine events into the TUI's.
func (e *tuiEngine) sink(ev diag.Event) {
	out := tui.Event{Stage: string(ev.Stage), Text: ev.Message}
	switch ev.Kind {
	case diag.EventStage, diag.EventStep:
		out.Kind = tui.EventStep
	case diag.EventChange:
		out.Kind = tui.EventChange
	case diag.EventWarn:
		out.Kind = tui.EventWarn
	case diag.EventProbe:
		p := ev.Probe
		if p == nil {
			return
		}
		out.Kind = tui.EventProbe
		out.Probe = &tui.Probe{Step: p.Step, URL: p.URL, Status: p.Status, Class: p.Class, Broken: p.Broken,
			Millis: p.Millis, On: p.On, Off: p.Off, Left: p.Left, Reason: p.Reason}
	case diag.EventLog:
		if ev.Log == nil {
			return
		}
		out.Kind = tui.EventLog
		out.Log = &tui.LogLine{Source: ev.Log.Source, File: ev.Log.File, Line: ev.Log.Line, Text: ev.Log.Text}
	case diag.EventFinding:
		if ev.Finding == nil || ev.Finding.Skipped {
			return
		}
		f := findingOf(*ev.Finding)
		out.Kind, out.Finding = tui.EventFinding, &f
	default:
		return
	}
	e.send(out)
}

func findingOf(f diag.Finding) tui.Finding {
	return tui.Finding{Severity: string(f.Severity), Title: f.Title, Summary: f.Summary, Component: f.Component, Fix: f.Fix}
}

func verdictOf(v diag.Verdict) tui.Verdict {
	out := tui.Verdict{Kind: string(v.Kind), Components: v.Components, Cause: v.Cause, Confidence: v.Confidence, Fix: v.Fix, Basis: v.Basis}
	for _, ev := range v.Evidence {
		out.Evidence = append(out.Evidence, evidenceLine(ev))
	}
	return out
}

func evidenceLine(ev diag.Evidence) string {
	where := ev.Path
	if ev.File != "" {
		where = ev.File
		if ev.Line > 0 {
			where += fmt.Sprintf(":%d", ev.Line)
		}
	}
	s := ev.Source
	if where != "" {
		s += " " + where
	}
	s += ": " + ev.Text
	if ev.Count > 1 {
		s += fmt.Sprintf(" (×%d)", ev.Count)
	}
	return s
}

// planOf shows the engine's plan; wanted is --strategy.
func planOf(p *doctor.BisectPlan, wanted string, probes []diag.ProbeResult) *tui.Plan {
	out := &tui.Plan{Strategy: p.Strategy, Why: p.Why, StrategyWhy: p.StrategyWhy, Probes: p.ExpectedProbes, Visitors: p.Visitors, URL: p.URL}
	if wanted != "" && wanted != doctor.StrategyAuto {
		out.Strategy = wanted
	}
	out.Strategies = []string{out.Strategy}
	for _, s := range []string{doctor.StrategyDB, doctor.StrategyRename, doctor.StrategyIsolated, doctor.StrategyAuto} {
		if s != out.Strategy {
			out.Strategies = append(out.Strategies, s)
		}
	}
	for _, st := range p.Stages {
		if st.Skip != "" {
			continue
		}
		out.Stages = append(out.Stages, tui.PlanStage{Name: st.Name, Candidates: len(st.Components)})
		for _, c := range st.Components {
			out.Components = append(out.Components, c.String())
		}
	}
	for _, c := range p.Exclude {
		out.Excluded = append(out.Excluded, c.String())
	}
	// A page load costs about what the diagnosis's did, plus the wait for
	// PHP to see each change.
	per := time.Second
	for _, pr := range probes {
		if d := time.Duration(pr.TTFBMillis) * time.Millisecond; d > 0 {
			per = max(per, d+time.Second)
		}
	}
	out.Time = time.Duration(out.Probes) * per
	return out
}

func overviewOf(raw string, info *doctor.Info, obs []doctor.Obstacle) *tui.Overview {
	o := &tui.Overview{Target: raw, Path: info.Location.ABSPATH, WordPress: info.WordPress.WordPress,
		PHP: factText(info.PHP), WebServer: factText(info.WebServer), DBOK: info.DB.Reachable,
		MUPlugins: len(info.MUPlugins), Dropins: len(info.Dropins), Themes: len(info.Themes),
		ActiveTheme: info.Theme.Stylesheet, Multisite: info.Multisite, Maintenance: info.Maintenance}
	if info.DB.Reachable {
		o.DB = fmt.Sprintf("(%s on %s)", info.DB.Name, info.DB.Endpoint)
	} else {
		o.DB = info.DB.Error
	}
	for _, p := range info.Plugins {
		o.PluginsAll++
		if p.Active || p.NetworkActive {
			o.Plugins++
		}
	}
	if len(obs) > 0 {
		o.Pending = obs[0].Question()
	}
	return o
}

func factText(f doctor.Fact) string {
	if f.Value != "" {
		return f.Value
	}
	if f.Note != "" {
		return "unknown (" + f.Note + ")"
	}
	return "unknown"
}
