package checks

import (
	"context"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/serverconf"
)

// fromServerconf turns the configuration cross-checks' findings into ours.
func fromServerconf(fs []serverconf.Finding, fix string) []diag.Finding {
	var out []diag.Finding
	for _, f := range fs {
		sev := diag.Info
		switch f.Severity {
		case serverconf.SeverityWarning:
			sev = diag.Warning
		case serverconf.SeverityError:
			sev = diag.Error
		}
		d := diag.Finding{Severity: sev, Summary: f.Message, Component: "server:" + f.ID}
		for _, ev := range f.Evidence {
			text := ev.Name + " = " + ev.Value
			if ev.Default {
				text += " (default)"
			}
			d.Evidence = append(d.Evidence, diag.Evidence{Source: "server configuration", Path: ev.Pos.File, Line: ev.Pos.Line, Text: text})
		}
		if sev != diag.Info {
			d.Fix = fix
		}
		out = append(out, d)
	}
	return out
}

// timeouts compares PHP-FPM's request_terminate_timeout and PHP's
// max_execution_time with nginx's fastcgi_read_timeout or Apache's
// ProxyTimeout.
var timeouts = Check{
	ID: "timeouts", Title: "PHP and web server timeouts agree", Needs: NeedFiles,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		s := e.Server
		switch {
		case s == nil || s.Pool == nil:
			return nil
		case s.Backend != nil:
			return fromServerconf(serverconf.CheckTimeouts(s.Backend, s.Pool, s.PHP),
				"Make request_terminate_timeout a little longer than max_execution_time and shorter than fastcgi_read_timeout, so a slow request ends with a clear PHP error instead of a 502/504; and find what is slow (slowlog).")
		case s.VHost != nil:
			return fromServerconf(serverconf.CheckApacheTimeouts(s.VHost, s.Pool, s.PHP),
				"Make request_terminate_timeout a little longer than max_execution_time and shorter than Apache's ProxyTimeout, so a slow request ends with a clear PHP error instead of a 503/504; and find what is slow (slowlog).")
		}
		return nil
	},
}

// fastcgiBuffers compares the largest response headers seen with nginx's
// fastcgi_buffer_size.
var fastcgiBuffers = Check{
	ID: "fastcgi-buffers", Title: "nginx fastcgi buffers hold the site's headers", Needs: NeedFiles,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		s := e.Server
		if s == nil || s.Backend == nil {
			return nil
		}
		largest := 0
		for _, p := range e.Probes {
			if p.HeaderBytes > largest {
				largest = p.HeaderBytes
			}
		}
		var out []diag.Finding
		for _, f := range fromServerconf(serverconf.CheckHeaderBuffer(s.Backend, largest),
			"Raise fastcgi_buffer_size (e.g. 32k) and fastcgi_buffers (e.g. 16 16k) in the PHP location, or stop the component that sends so many headers/cookies.") {
			if strings.Contains(f.Summary, "too big") || f.Severity != diag.Info {
				f.Cause = f.Severity == diag.Error
			}
			out = append(out, f)
		}
		return out
	},
}
