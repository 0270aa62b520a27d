package report

import (
	"io"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// Markdown writes the report for a person to read or send to a client.
func Markdown(w io.Writer, r *diag.Report) error {
	p := &printer{w: w}
	v := r.Verdict
	p.line("# wpdoctor report: %s", md(r.URL))
	p.line("")
	p.line("- **Status:** %s", r.Status)
	if s := NetworkLine(r.Network); s != "" {
		p.line("- **Network:** %s", md(s))
	}
	p.line("- **Verdict:** %s%s", v.Kind, md(components(v.Components)))
	p.line("- **Confidence:** %.0f%% (from %s)", v.Confidence*100, v.Basis)
	p.line("- **Checked:** %s, %s", r.Started.Format("2006-01-02 15:04 MST"), r.Tool)
	p.line("")
	p.line("## Cause")
	p.line("")
	p.line("%s", md(v.Cause))
	p.line("")
	if v.Fix != "" {
		p.line("## Fix")
		p.line("")
		p.line("%s", md(v.Fix))
		p.line("")
	}
	if len(v.Evidence) > 0 {
		p.line("## Evidence")
		p.line("")
		for _, e := range v.Evidence {
			p.line("- *%s*: `%s`", md(e.Source), code(e.Text))
		}
		p.line("")
	}
	if len(r.Findings) > 0 {
		p.line("## Findings")
		p.line("")
		p.line("| severity | check | finding | fix |")
		p.line("|---|---|---|---|")
		for _, f := range r.Findings {
			sev := string(f.Severity)
			if f.Skipped {
				sev = "not checked"
			}
			p.line("| %s | %s | %s | %s |", sev, cell(f.Title), cell(f.Summary), cell(f.Fix))
		}
		p.line("")
	}
	if r.Bisect != nil {
		p.line("## Bisect (%s, %d probes)", r.Bisect.Strategy, r.ProbeCount)
		p.line("")
		p.line("| stage | candidates | probes | time | outcome | culprits |")
		p.line("|---|---:|---:|---:|---|---|")
		for _, s := range r.Bisect.Stages {
			p.line("| %s | %d | %d | %s | %s | %s |", s.Name, s.Candidates, s.Probes, stageTime(s), s.Outcome, cell(strings.Join(s.Culprits, ", ")))
		}
		p.line("")
	}
	p.line("## Probes")
	p.line("")
	for _, pr := range r.Probes {
		p.line("- %s: %d of %d failing (%s) — %s", md(probeWhere(pr)), pr.Failures, pr.Requests, pr.Pattern, md(pr.Example))
	}
	p.line("")
	p.line("## Logs")
	p.line("")
	for _, l := range r.Logs {
		state := "read"
		if !l.Read {
			state = "not read: " + l.Reason
		}
		p.line("- `%s` (%s): %s", code(l.Path), md(l.Name), md(state))
	}
	p.line("")
	if r.Restored {
		p.line("Every change wpdoctor made during the diagnosis was undone and verified.")
	} else {
		p.line("**Restore incomplete:** run `wpdoctor restore` (journal `%s`).", code(r.Journal))
	}
	return p.err
}

var mdEscaper = strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "<", "&lt;", ">", "&gt;", "[", "\\[", "]", "\\]")

func md(s string) string   { return mdEscaper.Replace(s) }
func cell(s string) string { return strings.ReplaceAll(md(s), "|", "\\|") }
func code(s string) string { return strings.ReplaceAll(s, "`", "'") }
