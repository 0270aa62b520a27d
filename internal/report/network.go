package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// maxSiteLines bounds the sites listed as text: a university network may
// have thousands; --json lists them all.
const maxSiteLines = 50

// network writes the multisite network of `wpdoctor info`: its type and
// address, each site with its URL, theme and own plugins, and the
// network-activated plugins with their activation times. Nothing on a
// single site.
func network(p *printer, in *diag.SiteInfo) {
	if in.NetworkErr != "" {
		p.line("Network     not read: %s", in.NetworkErr)
	}
	n := in.Network
	if n == nil {
		return
	}
	p.line("Network     %s, %s at %s%s (network %d, main site %d, base prefix %s)",
		n.Kind, count(len(n.Sites), "site"), n.Domain, n.Path, n.ID, n.MainSiteID, n.BasePrefix)
	for i, s := range n.Sites {
		if i == maxSiteLines {
			p.line("            … and %d more (--json lists them all)", len(n.Sites)-i)
			break
		}
		main := ""
		if s.Main {
			main = " (main)"
		}
		if s.Err != "" {
			p.line("%-11s %s%s, prefix %s — NOT READ: %s", fmt.Sprintf("Site %d", s.ID), s.URL, main, s.Prefix, s.Err)
			continue
		}
		p.line("%-11s %s%s, prefix %s — theme %s, %s", fmt.Sprintf("Site %d", s.ID), s.URL, main, s.Prefix,
			orUnknown(themeName(s.Stylesheet, s.Template)), count(len(s.ActivePlugins), "own plugin"))
	}
	if n.PluginsErr != "" {
		p.line("Net plugins NOT READ: %s", n.PluginsErr)
		return
	}
	plugins := n.Plugins.Plugins()
	p.line("Net plugins %d network-active", len(plugins))
	for _, np := range plugins {
		when := "activation time not a number"
		if np.TimeOK {
			when = "since " + time.Unix(np.Time, 0).UTC().Format("2006-01-02 15:04 UTC")
		}
		p.line("            %-40s %s", np.File, when)
	}
}

// themeName is a theme as info shows it: the stylesheet, and the template
// when it is a child theme's parent.
func themeName(stylesheet, template string) string {
	if template != "" && template != stylesheet {
		return stylesheet + " (child of " + template + ")"
	}
	return stylesheet
}

// count is "1 site", "3 sites".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// NetworkLine sums up a diagnosis' multisite network in one line: which
// site was diagnosed and which of the sites loaded fail ("" on a single
// site).
func NetworkLine(n *diag.NetworkReport) string {
	if n == nil {
		return ""
	}
	var failing, healthy []string
	for _, s := range n.Sites {
		id := fmt.Sprint(s.ID)
		if s.Failing {
			failing = append(failing, id)
		} else {
			healthy = append(healthy, id)
		}
	}
	out := fmt.Sprintf("%s network, site %d diagnosed; %s loaded", n.Type, n.Site, count(len(n.Sites), "site"))
	switch {
	case len(failing) == len(n.Sites):
		out += ": every one fails"
	case len(failing) == 0:
		out += ": none fails"
	default:
		out += ": failing " + strings.Join(failing, ", ") + "; healthy " + strings.Join(healthy, ", ")
	}
	if n.NotProbed > 0 {
		out += fmt.Sprintf(" (%d more not loaded)", n.NotProbed)
	}
	if n.Culprit != "" {
		out += "; " + n.Culprit
	}
	return out
}
