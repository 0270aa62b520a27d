package checks

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/proc"
	"github.com/wpdoctor/wpdoctor/internal/verdict"
)

// phpFPMRunning: PHP-FPM runs (process list) and the socket the web server
// passes PHP to exists (file system; no shell needed).
var phpFPMRunning = Check{
	ID: "php-fpm-running", Title: "PHP-FPM is running and its socket reachable", Needs: NeedFiles,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		var out []diag.Finding
		if e.Server == nil {
			return nil
		}
		if running, known := e.Server.Running(proc.KindPHPFPM); known && !running {
			out = append(out, diag.Finding{Severity: diag.Critical, Cause: true, Component: "server:php-fpm-down",
				Summary:  fmt.Sprintf("no PHP-FPM process runs on the server: every PHP page fails with %s", gatewayStatus(e.Server.WebServer())),
				Evidence: []diag.Evidence{{Source: "ps", Text: "no php-fpm master process in the process list"}},
				Fix:      "Start PHP-FPM (systemctl start php8.2-fpm, or your host's panel) and read its log for why it stopped."})
		}
		h, ok := e.Server.PHPTarget()
		if !ok || h.Target.Network != "unix" {
			return out
		}
		web := e.Server.WebServer()
		sock := h.Target.Address
		_, err := e.FS.Stat(ctx, sock)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out = append(out, diag.Finding{Severity: diag.Critical, Cause: true, Component: "server:php-fpm-down",
				Summary:  fmt.Sprintf("the socket %s passes PHP to (%s) does not exist: PHP-FPM is stopped, or listens elsewhere", web, sock),
				Evidence: []diag.Evidence{{Source: web + " configuration", Path: h.Pos.File, Line: h.Pos.Line, Text: h.Text}},
				Fix:      fmt.Sprintf("Start PHP-FPM, and make the pool's listen = and %s's %s name the same socket.", web, h.Directive)})
		case err == nil:
			out = append(out, diag.Finding{Severity: diag.Info, Summary: "the PHP-FPM socket " + sock + " exists"})
		}
		return out
	},
}

// gatewayStatus is what the web server answers when PHP-FPM cannot be
// reached or drops the request: nginx 502, Apache's mod_proxy_fcgi 503.
func gatewayStatus(web string) string {
	if web == "Apache" {
		return "503"
	}
	return "502"
}

// phpFPMCrashes: workers that die of a signal while serving the site.
var phpFPMCrashes = Check{
	ID: "php-fpm-crashes", Title: "PHP-FPM workers crashing", Needs: NeedFiles,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		var crashes []logs.Event
		for _, ev := range e.Events {
			if ev.Kind == logs.KindFPMChildSignal && ev.Signal != "SIGTERM" && ev.Signal != "SIGQUIT" {
				crashes = append(crashes, ev)
			}
		}
		if len(crashes) == 0 {
			return nil
		}
		return []diag.Finding{{Severity: diag.Error, Cause: true,
			Summary:  fmt.Sprintf("%d PHP-FPM worker(s) died of %s while wpdoctor probed: each such death is a %s", len(crashes), crashes[0].Signal, gatewayStatus(e.Server.WebServer())),
			Evidence: eventEvidence(crashes, 3),
			Fix:      "A segfault is a bug in PHP or an extension triggered by some code: bisect the components to find which (--auto-bisect)."}}
	},
}

// phpFPMMaxChildren: the pool runs out of workers.
var phpFPMMaxChildren = Check{
	ID: "php-fpm-max-children", Title: "PHP-FPM pool size (pm.max_children)", Needs: NeedFiles,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		var hits []logs.Event
		for _, ev := range e.Events {
			if ev.Kind == logs.KindWorkersExhausted {
				hits = append(hits, ev)
			}
		}
		var out []diag.Finding
		if len(hits) > 0 {
			out = append(out, diag.Finding{Severity: diag.Warning,
				Summary:  "PHP-FPM reached pm.max_children: requests queue, and time out as 502/504 under load",
				Evidence: eventEvidence(hits, 2),
				Fix:      "Find what keeps workers busy (slowlog); raise pm.max_children only if memory allows (each worker takes its memory_limit at worst)."})
		}
		if e.Server != nil && e.Server.Pool != nil {
			p := e.Server.Pool
			out = append(out, diag.Finding{Severity: diag.Info,
				Summary:  fmt.Sprintf("pool %s: pm = %s, pm.max_children = %d", p.Name, p.PM.Value, p.MaxChildren.Value),
				Evidence: []diag.Evidence{{Source: "PHP-FPM pool", Path: p.MaxChildren.Pos.File, Line: p.MaxChildren.Pos.Line, Text: "pm.max_children = " + p.MaxChildren.Raw}}})
		}
		return out
	},
}

// eventEvidence turns up to max log entries into evidence, as the verdict does.
func eventEvidence(evs []logs.Event, max int) []diag.Evidence {
	var out []diag.Evidence
	for _, ev := range evs {
		if len(out) == max {
			break
		}
		out = append(out, verdict.Evidence(ev))
	}
	return out
}
