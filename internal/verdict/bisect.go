package verdict

import (
	"fmt"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

// BisectInput is what a bisect established, for its verdict.
type BisectInput struct {
	Prior      diag.Verdict // the diagnosis' verdict, before the bisect
	Sets       [][]string   // the minimal failing sets, as component IDs
	Stage      string       // the family searched: plugins, theme, ...
	Candidates int
	Probes     int
	Reason     string // why the search ended
	Confidence float64
	// Evidence: log entries of the probes where the culprits were on and
	// the site broke.
	Evidence []diag.Evidence
	Failure  string // what visitors get (DescribeFailure)
}

// FromBisect names the culprit(s) a bisect found, with its evidence.
func FromBisect(in BisectInput) diag.Verdict {
	comps := []string{}
	for _, s := range in.Sets {
		comps = append(comps, s...)
	}
	prior, failure, sets := in.Prior, in.Failure, in.Sets
	var cause string
	switch {
	case len(sets) == 1 && len(sets[0]) == 1:
		cause = fmt.Sprintf("%s breaks the site: with it on, %s; with it switched off, the site answers normally", comps[0], failure)
	case len(sets) == 1:
		cause = fmt.Sprintf("%s break the site only together (each alone is harmless): with all of them on, %s", strings.Join(sets[0], ", "), failure)
	default:
		var parts []string
		for _, s := range sets {
			parts = append(parts, strings.Join(s, ", "))
		}
		cause = fmt.Sprintf("each of %s breaks the site on its own: %s", strings.Join(parts, "; "), failure)
	}
	ev := append([]diag.Evidence(nil), in.Evidence...)
	ev = append(ev, diag.Evidence{Source: "bisect", Text: fmt.Sprintf("%d probes over %d %s: %s", in.Probes, in.Candidates, in.Stage, in.Reason)})
	fix := fmt.Sprintf("Keep %s deactivated (rename its folder or deactivate it in wp-admin), then update it, replace it or report it to its author.", strings.Join(comps, ", "))
	if prior.Kind.IsComponent() && len(prior.Components) == 1 && prior.Components[0] == comps[0] && prior.Fix != "" {
		fix = prior.Fix
	}
	if len(prior.Components) == 1 && prior.Components[0] == "server:fastcgi-buffer-too-small" {
		cause += "; it sends response headers larger than nginx's fastcgi_buffer_size"
		fix += " Or raise nginx's fastcgi_buffer_size / fastcgi_buffers if those headers are legitimate."
	}
	return diag.Verdict{Kind: diag.KindOf(comps[0]), Components: comps, Cause: cause, Confidence: in.Confidence,
		Evidence: ev, Fix: fix, Basis: "bisect"}
}

// DescribeFailure says what visitors get, from the diagnosis' probes; the
// page, when the first that failed is not front (the front page's URL).
func DescribeFailure(rs []probe.Result, front string) string {
	for _, res := range rs {
		if !res.Failing() {
			continue
		}
		page := ""
		if res.URL != "" && res.URL != front {
			page = " for " + res.URL
		}
		if res.Status != 0 {
			return fmt.Sprintf("the site answers %d (%s)%s", res.Status, res.Class, page)
		}
		return fmt.Sprintf("the site fails (%s)%s", res.Class, page)
	}
	return "the site fails"
}

// NotAComponent is the verdict when the site still fails with every
// searched component off: the cause is the server or WordPress core.
// complete: every stage ran over every component (none left out).
func NotAComponent(prior diag.Verdict, complete bool) diag.Verdict {
	v := prior
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
	return v
}
