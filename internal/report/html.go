package report

import (
	"html/template"
	"io"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

var htmlTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct":         func(f float64) int { return int(f*100 + 0.5) },
	"stageTime":   stageTime,
	"probeWhere":  probeWhere,
	"networkLine": NetworkLine,
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>wpdoctor report: {{.URL}}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
.verdict{border-left:6px solid #c62828;padding:.5rem 1rem;background:#fdecea}
.verdict.healthy{border-color:#2e7d32;background:#edf7ed}
code,pre{background:#f4f4f4;padding:.1rem .3rem;white-space:pre-wrap;word-break:break-all}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
.sev-critical,.sev-error{color:#c62828;font-weight:bold}.sev-warning{color:#ef6c00}
</style></head><body>
<h1>wpdoctor report</h1>
<p><strong>{{.URL}}</strong> — status <strong>{{.Status}}</strong>, checked {{.Started.Format "2006-01-02 15:04 MST"}} by {{.Tool}}</p>
{{with networkLine .Network}}<p>Network: {{.}}</p>{{end}}
<div class="verdict {{.Verdict.Kind}}">
<h2>Verdict: {{.Verdict.Kind}}{{range .Verdict.Components}} <code>{{.}}</code>{{end}}</h2>
<p>{{.Verdict.Cause}}</p>
<p>Confidence {{pct .Verdict.Confidence}}% (from {{.Verdict.Basis}})</p>
{{if .Verdict.Fix}}<p><strong>Fix:</strong> {{.Verdict.Fix}}</p>{{end}}
</div>
{{if .Verdict.Evidence}}<h2>Evidence</h2><ul>{{range .Verdict.Evidence}}<li><em>{{.Source}}</em>: <code>{{.Text}}</code></li>{{end}}</ul>{{end}}
{{if .Findings}}<h2>Findings</h2><table><tr><th>severity</th><th>check</th><th>finding</th><th>fix</th></tr>
{{range .Findings}}<tr><td class="sev-{{.Severity}}">{{if .Skipped}}not checked{{else}}{{.Severity}}{{end}}</td><td>{{.Title}}</td><td>{{.Summary}}</td><td>{{.Fix}}</td></tr>
{{end}}</table>{{end}}
{{if .Bisect}}<h2>Bisect ({{.Bisect.Strategy}}, {{.ProbeCount}} probes)</h2><table><tr><th>stage</th><th>candidates</th><th>probes</th><th>time</th><th>outcome</th><th>culprits</th></tr>
{{range .Bisect.Stages}}<tr><td>{{.Name}}</td><td>{{.Candidates}}</td><td>{{.Probes}}</td><td>{{stageTime .}}</td><td>{{.Outcome}}</td><td>{{range .Culprits}}<code>{{.}}</code> {{end}}</td></tr>{{end}}</table>{{end}}
<h2>Probes</h2><ul>{{range .Probes}}<li>{{probeWhere .}}: {{.Failures}} of {{.Requests}} failing ({{.Pattern}}) — {{.Example}}</li>{{end}}</ul>
<h2>Logs</h2><ul>{{range .Logs}}<li><code>{{.Path}}</code> ({{.Name}}): {{if .Read}}read{{else}}not read: {{.Reason}}{{end}}</li>{{end}}</ul>
<p>{{if .Restored}}Every change wpdoctor made during the diagnosis was undone and verified.{{else}}<strong>Restore incomplete:</strong> run <code>wpdoctor restore</code> (journal <code>{{.Journal}}</code>).{{end}}</p>
</body></html>
`))

// HTML writes the report as a standalone page.
func HTML(w io.Writer, r *diag.Report) error { return htmlTmpl.Execute(w, r) }
