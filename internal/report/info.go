// Package report renders what wpdoctor found for people: text on a
// terminal, Markdown and HTML reports. (JSON is the types' own encoding.)
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// Info writes `wpdoctor info` as text.
func Info(w io.Writer, in *diag.SiteInfo) error {
	p := &printer{w: w}
	p.line("Target      %s", in.Target)
	p.line("WordPress   %s at %s", orUnknown(in.WordPress.WordPress), in.Location.ABSPATH)
	p.line("            %s", in.Location.How)
	p.line("Config      %s (%s%s)", in.Location.Config, in.Config.Style, damaged(in.Config.Damaged))
	for _, d := range in.Config.Diagnostics {
		p.line("            ! %s", d)
	}
	p.line("PHP         %s", fact(in.PHP))
	p.line("Web server  %s", fact(in.WebServer))
	if in.Shell.Available {
		p.line("Shell       yes")
	} else {
		p.line("Shell       no — %s", in.Shell.Note)
	}
	p.line("Prefix      %s", orUnknown(in.DB.Prefix))
	db := "reachable"
	if !in.DB.Reachable {
		db = "NOT reachable: " + in.DB.Error
	}
	p.line("Database    %s on %s — %s", orUnknown(in.DB.Name), in.DB.Host, db)
	if in.Home != "" {
		p.line("Site URL    %s", in.Home)
	}
	if in.SiteURL != "" && in.SiteURL != in.Home {
		p.line("WP URL      %s", in.SiteURL)
	}
	p.line("Content     %s", in.Config.ContentDir)
	p.line("Multisite   %v", in.Multisite)
	network(p, in)
	active := 0
	for _, pl := range in.Plugins {
		if pl.Active || pl.NetworkActive {
			active++
		}
	}
	p.line("Plugins     %d installed, %d active", len(in.Plugins), active)
	for _, pl := range in.Plugins {
		state := "inactive"
		switch {
		case pl.NetworkActive:
			state = "network-active"
		case pl.Active:
			state = "active"
		}
		p.line("            %-8s %-40s %-10s %s", state, pl.File, pl.Version, pl.Name)
	}
	for _, m := range in.MissingActive {
		p.line("            MISSING  %s (active, but its file is gone)", m)
	}
	for _, m := range in.MissingNetworkActive {
		p.line("            MISSING  %s (network-active, but its file is gone)", m)
	}
	for _, m := range in.MUPlugins {
		p.line("MU plugin   %s %s", m.File, m.Name)
	}
	for _, d := range in.Dropins {
		orphan := ""
		if d.Orphaned {
			orphan = " — ORPHANED: " + d.OrphanReason
		}
		p.line("Drop-in     %s: loads %s%s", d.File, d.LoadsWhen, orphan)
	}
	p.line("Theme       %s", orUnknown(themeName(in.Theme.Stylesheet, in.Theme.Template)))
	if in.Maintenance {
		p.line("Maintenance a .maintenance file is present")
	}
	if in.InventoryErr != "" {
		p.line("Inventory   not read: %s", in.InventoryErr)
	}
	for _, a := range in.Config.Assumed {
		p.line("Assumed     %s", a)
	}
	if len(in.Config.Unknown) > 0 {
		p.line("Not known   %s", strings.Join(in.Config.Unknown, "; "))
	}
	return p.err
}

type printer struct {
	w   io.Writer
	err error
}

// line prints one line; what the site supplied in it is made safe by
// Clean (no control characters, no line breaks of its own).
func (p *printer) line(format string, a ...any) {
	if p.err == nil {
		_, p.err = io.WriteString(p.w, Clean(fmt.Sprintf(format, a...))+"\n")
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "(unknown)"
	}
	return s
}

func damaged(d bool) string {
	if d {
		return ", DAMAGED: PHP cannot run it"
	}
	return ""
}

func fact(f diag.Fact) string {
	if f.Value == "" {
		return "unknown — " + f.Note
	}
	return f.Value + " (" + f.Source + ")"
}

// stageTime says how long a bisect stage took and how much of it was spent
// waiting on the site (its page loads and the pauses they need), the rest
// being wpdoctor's own work: "4.2 s (3.9 s on the site)".
// probeWhere names the probes' URL and, for probes sent to the origin
// directly past a CDN, where they went.
func probeWhere(pr diag.ProbeResult) string {
	if pr.Origin == "" {
		return pr.URL
	}
	return pr.URL + " (origin, directly at " + pr.Origin + ")"
}

func stageTime(s diag.BisectStage) string {
	return fmt.Sprintf("%s (%s on the site)", seconds(s.Millis), seconds(s.SiteMillis))
}

func seconds(ms int64) string { return fmt.Sprintf("%.1f s", float64(ms)/1000) }
