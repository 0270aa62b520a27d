package doctor

import (
	"context"

	"github.com/wpdoctor/wpdoctor/internal/serverfacts"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// discoverServerLogs reads the web server and PHP-FPM configuration for the
// logs they write.
func (r *run) discoverServerLogs(ctx context.Context) {
	r.server = serverfacts.GatherServer(ctx, r.s.Conn.FS, r.s.Conn.Shell, r.url)
	addServerLogs(r.server, &r.logs)
	r.ev.step("logs", "server: "+r.server.Describe())
	r.rep.Notes = append(r.rep.Notes, r.server.Notes...)
}

// runChecks runs the registered checks. (Filled in with the checks.)
func (r *run) runChecks(ctx context.Context) []diag.Finding { return nil }
