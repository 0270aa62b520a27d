package fleet

import (
	"html/template"
	"io"
)

// IndexLink is where a site's own report is, relative to index.html.
type IndexLink struct{ HTML, Markdown string }

var indexTmpl = template.Must(template.New("index").Funcs(template.FuncMap{
	"detail": Detail,
	"sev":    rank,
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>wpdoctor fleet: {{.Doc.Summary.Sites}} sites</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f4f4f4;user-select:none}th:after{content:" ⇅";color:#999}
tr.v-healthy td.v{color:#2e7d32}tr.bad td.v{color:#c62828;font-weight:bold}
.counts span{margin-right:1rem}
</style></head><body>
<h1>wpdoctor fleet</h1>
<p>{{.Doc.Summary.Sites}} sites, checked {{.Doc.Summary.Started.Format "2006-01-02 15:04 MST"}} in {{printf "%.0f" .Doc.Summary.Seconds}}s{{range .Doc.Summary.Shards}}{{if .}}, shard {{.}}{{end}}{{end}}; exit code <strong>{{.Doc.Summary.Exit}}</strong>.</p>
<p class="counts">{{range $k, $v := .Doc.Summary.Counts}}<span><strong>{{$v}}</strong> {{$k}}</span>{{end}}</p>
<table id="sites"><thead><tr><th data-type="text">site</th><th data-type="text">target</th><th data-type="num">verdict</th><th data-type="num">exit</th><th data-type="text">why</th><th data-type="num">seconds</th><th data-type="text">report</th></tr></thead>
<tbody>
{{range .Doc.Sites}}{{$l := index $.Links .Name}}<tr class="v-{{.Verdict}}{{if .Exit}} bad{{end}}">
<td>{{.Name}}</td><td><code>{{.Target}}</code></td><td class="v" data-sort="{{sev .Exit}}">{{.Verdict}}</td><td data-sort="{{.Exit}}">{{.Exit}}</td>
<td>{{detail .}}</td><td data-sort="{{.Seconds}}">{{printf "%.1f" .Seconds}}</td>
<td>{{if $l.HTML}}<a href="{{$l.HTML}}">html</a>{{end}}{{if $l.Markdown}} <a href="{{$l.Markdown}}">md</a>{{end}}</td></tr>
{{end}}</tbody></table>
<script>
document.querySelectorAll("#sites th").forEach(function(th, col){
  var asc = false;
  th.addEventListener("click", function(){
    asc = !asc;
    var body = th.closest("table").tBodies[0], num = th.dataset.type === "num";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function(a, b){
      var x = a.cells[col].dataset.sort || a.cells[col].textContent, y = b.cells[col].dataset.sort || b.cells[col].textContent;
      var c = num ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
</script>
</body></html>
`))

// WriteIndex writes index.html: the sites and their verdicts in a table
// that sorts by any column, each linking to its own report.
func WriteIndex(w io.Writer, d Document, links map[string]IndexLink) error {
	return indexTmpl.Execute(w, struct {
		Doc   Document
		Links map[string]IndexLink
	}{d, links})
}
