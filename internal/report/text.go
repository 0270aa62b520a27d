package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// Text writes a diagnosis report for a person at a terminal.
func Text(w io.Writer, r *diag.Report) error {
	p := &printer{w: w}
	v := r.Verdict
	p.line("Site      %s (%s)", r.URL, r.Target)
	p.line("Status    %s", strings.ToUpper(string(r.Status)))
	if s := NetworkLine(r.Network); s != "" {
		p.line("Network   %s", s)
	}
	p.line("")
	p.line("VERDICT   %s%s", v.Kind, components(v.Components))
	p.line("Cause     %s", v.Cause)
	p.line("Confidence %.0f%% (from %s)", v.Confidence*100, v.Basis)
	if len(v.Evidence) > 0 {
		p.line("Evidence")
		for _, e := range v.Evidence {
			times := ""
			if e.Count > 1 {
				times = fmt.Sprintf(" (×%d)", e.Count)
			}
			p.line("  - [%s]%s %s", e.Source, times, e.Text)
			if e.File != "" {
				p.line("      at %s:%d", e.File, e.Line)
			}
		}
	}
	if v.Fix != "" {
		p.line("Fix       %s", v.Fix)
	}
	if v.RecommendBisect && r.Bisect == nil {
		p.line("Next      the evidence does not settle it: run with --auto-bisect to switch components off and find out")
	}
	if r.Bisect != nil {
		p.line("")
		p.line("Bisect (%s strategy, %d probes)", r.Bisect.Strategy, r.ProbeCount)
		for _, s := range r.Bisect.Stages {
			p.line("  %-11s %3d candidates %3d probes  %s  %s %s", s.Name, s.Candidates, s.Probes, stageTime(s), s.Outcome, strings.Join(s.Culprits, ", "))
		}
	}
	findings := append([]diag.Finding(nil), r.Findings...)
	sort.SliceStable(findings, func(i, j int) bool { return findings[i].Severity.Rank() > findings[j].Severity.Rank() })
	shown := 0
	for _, f := range findings {
		if f.Skipped || f.Severity == diag.Info {
			continue
		}
		if shown == 0 {
			p.line("")
			p.line("Findings")
		}
		shown++
		p.line("  %-8s %s: %s", f.Severity, f.Title, f.Summary)
		if f.Fix != "" {
			p.line("           fix: %s", f.Fix)
		}
	}
	var skipped []string
	for _, f := range findings {
		if f.Skipped {
			skipped = append(skipped, f.Title+" ("+f.Summary+")")
		}
	}
	if len(skipped) > 0 {
		p.line("Not checked: %s", strings.Join(skipped, "; "))
	}
	p.line("")
	p.line("Probes")
	for _, pr := range r.Probes {
		p.line("  %-50s %d/%d failing (%s) %s", probeWhere(pr), pr.Failures, pr.Requests, pr.Pattern, pr.Example)
	}
	p.line("Logs")
	for _, l := range r.Logs {
		if l.Read {
			p.line("  read     %s (%s): %d bytes, %d entries", l.Path, l.Name, l.BytesRead, l.Events)
		} else {
			p.line("  not read %s (%s): %s", l.Path, l.Name, l.Reason)
		}
	}
	for _, n := range r.Notes {
		p.line("Note: %s", n)
	}
	p.line("")
	switch {
	case r.Restored && len(r.Kept) == 0:
		p.line("Restored: every change wpdoctor made was undone and verified.")
	case r.Restored:
		p.line("Restored, except what you asked to keep: %s (journal %s)", strings.Join(r.Kept, "; "), r.Journal)
	default:
		p.line("RESTORE INCOMPLETE: run 'wpdoctor restore' (journal %s)", r.Journal)
	}
	for _, n := range r.RestoreNotes {
		p.line("  %s", n)
	}
	return p.err
}

func components(c []string) string {
	if len(c) == 0 {
		return ""
	}
	return ": " + strings.Join(c, ", ")
}

// ProgressLine renders one engine event as a line (for terminals without
// the TUI, and logs); "" for events not worth a line. The line is Clean.
func ProgressLine(e diag.Event) string { return Clean(progressLine(e)) }

func progressLine(e diag.Event) string {
	switch e.Kind {
	case diag.EventStage:
		return fmt.Sprintf("== %s", e.Message)
	case diag.EventProbe:
		pr := e.Probe
		state := "ok"
		if pr.Broken {
			state = "BROKEN"
		}
		s := fmt.Sprintf("   probe %s → %d %s (%s, %d ms)", pr.URL, pr.Status, pr.Class, state, pr.Millis)
		if pr.Intention != "" {
			s += " — " + pr.Intention
		}
		if pr.Left > 0 {
			s += fmt.Sprintf(", %d candidates left", pr.Left)
		}
		return s
	case diag.EventChange:
		return "   change: " + e.Message
	case diag.EventWarn:
		return "   warning: " + e.Message
	case diag.EventStep:
		return "   " + e.Message
	case diag.EventFinding:
		return fmt.Sprintf("   %s: %s", e.Finding.Severity, e.Finding.Summary)
	}
	return ""
}
