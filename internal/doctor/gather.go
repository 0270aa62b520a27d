package doctor

import (
	"context"

	"github.com/wpdoctor/wpdoctor/checks"

	"github.com/wpdoctor/wpdoctor/internal/serverfacts"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// discoverServerLogs reads the web server and PHP-FPM configuration for the
// logs they write.
func (r *Session) discoverServerLogs(ctx context.Context) {
	r.server = serverfacts.GatherServer(ctx, r.s.FS, r.s.Shell, r.url, r.s.Loc.ABSPATH)
	addServerLogs(r.server, &r.logs)
	r.ev.step("logs", "server: "+r.server.Describe())
	r.rep.Notes = append(r.rep.Notes, r.server.Notes...)
}

// runChecks runs the registered checks on what the diagnosis gathered.
func (r *Session) runChecks(ctx context.Context) []diag.Finding {
	if r.inv == nil {
		if _, err := r.inventory(ctx); err != nil {
			r.rep.Notes = append(r.rep.Notes, "plugins and themes not listed: "+err.Error())
		}
	}
	env := &checks.Env{
		FS: r.s.FS, Shell: r.s.Shell, NoShell: r.s.NoShell, Loc: r.s.Loc, Config: r.s.Config,
		DB: r.s.DB, DBErr: r.s.DBErr, Inventory: r.inv, Server: r.server, URL: r.url, Probes: r.results,
		Events: r.events, Prober: r.prober,
	}
	fs := checks.Run(ctx, env, checks.All())
	for i := range fs {
		if fs[i].Severity != diag.Info && !fs[i].Skipped {
			r.ev.send(diag.Event{Kind: diag.EventFinding, Stage: "checks", Finding: &fs[i]})
		}
	}
	return fs
}
