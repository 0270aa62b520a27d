// Package checks holds wpdoctor's diagnostic checks: each a small unit with
// an ID, a title, what it needs (files, database, shell, HTTP) and a Run
// that returns findings with severity, evidence and a concrete fix. The
// registry (All) lists them explicitly, sorted by ID.
package checks

import (
	"context"
	"net"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/probe"
	"github.com/wpdoctor/wpdoctor/internal/serverfacts"
	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/wp"
)

// Needs says what a check needs to run.
type Needs uint8

// What checks may need.
const (
	NeedFiles Needs = 1 << iota
	NeedDB
	NeedShell
	NeedHTTP
	NeedInventory
)

// Check is one diagnostic unit.
type Check struct {
	ID    string
	Title string
	Needs Needs
	Run   func(ctx context.Context, e *Env) []diag.Finding
}

// Prober makes an HTTP request to the site (it counts as a probe).
type Prober interface {
	Probe(ctx context.Context, url string) probe.Result
}

// OptionReader reads the site's option rows (wpdb.DB implements it).
type OptionReader interface {
	Option(ctx context.Context, name string) (value []byte, found bool, err error)
}

// Env is what the checks look at. Any part may be missing; Needs says which
// parts a check requires, and Run skips it with the reason otherwise.
type Env struct {
	FS        site.FS
	Shell     site.Shell
	NoShell   string // why there is no shell ("" when there is one)
	Loc       wp.Location
	Config    *wp.Config
	DB        OptionReader // nil when the database is unreachable
	DBErr     error
	Inventory *inventory.Inventory
	Server    *serverfacts.ServerFacts
	URL       string         // the site's URL
	Probes    []probe.Result // the diagnosis' answers
	Events    []logs.Event   // log entries written while probing
	Prober    Prober
	// LookupHost resolves names (nil: the system resolver).
	LookupHost func(ctx context.Context, host string) ([]string, error)
}

func (e *Env) lookupHost(ctx context.Context, host string) ([]string, error) {
	if e.LookupHost != nil {
		return e.LookupHost(ctx, host)
	}
	return net.DefaultResolver.LookupHost(ctx, host)
}

// Run runs the checks in order. A check whose needs are not met yields one
// skipped finding that says why; the others still run.
func Run(ctx context.Context, e *Env, cs []Check) []diag.Finding {
	var out []diag.Finding
	for _, c := range cs {
		if why := e.missing(c.Needs); why != "" {
			out = append(out, diag.Finding{Check: c.ID, Title: c.Title, Severity: diag.Info, Skipped: true, Summary: "could not run: " + why})
			continue
		}
		for _, f := range c.Run(ctx, e) {
			f.Check = c.ID
			if f.Title == "" {
				f.Title = c.Title
			}
			out = append(out, f)
		}
	}
	return out
}

func (e *Env) missing(n Needs) string {
	switch {
	case n&NeedShell != 0 && e.NoShell != "":
		return "no shell access"
	case n&NeedDB != 0 && e.DB == nil:
		if e.DBErr != nil {
			return "database not reachable (" + e.DBErr.Error() + ")"
		}
		return "database not reachable"
	case n&NeedHTTP != 0 && e.Prober == nil:
		return "no HTTP access to the site"
	case n&NeedInventory != 0 && e.Inventory == nil:
		return "the plugins and themes could not be listed"
	case n&NeedFiles != 0 && e.FS == nil:
		return "no file access"
	}
	return ""
}

// All lists every check, sorted by ID.
func All() []Check {
	return []Check{
		cdn,
		coreFiles,
		database,
		debugLogPublic,
		diskSpace,
		dns,
		dropinsOrphaned,
		fastcgiBuffers,
		maintenanceFile,
		memoryAvailable,
		missingActivePlugins,
		oomKills,
		phpFPMCrashes,
		phpFPMMaxChildren,
		phpFPMRunning,
		phpMemoryLimit,
		themeMissing,
		timeouts,
		wpConfigDamaged,
	}
}
