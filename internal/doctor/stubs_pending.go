package doctor

import (
	"context"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// discoverServerLogs reads the web server and PHP-FPM configuration for the
// logs they write. (Filled in with the server configuration parsers.)
func (r *run) discoverServerLogs(ctx context.Context) {}

// runChecks runs the registered checks. (Filled in with the checks.)
func (r *run) runChecks(ctx context.Context) []diag.Finding { return nil }
