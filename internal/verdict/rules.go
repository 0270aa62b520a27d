package verdict

import (
	"fmt"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

func fatalError(_ Input, s signals, r probe.Result) (diag.Verdict, bool) {
	comp, evs, share, ok := top(s.fatal)
	if !ok {
		if len(s.fatal) == 0 {
			return diag.Verdict{}, false
		}
		// Fatal errors in core or elsewhere with no extension in the trace.
		return diag.Verdict{Kind: diag.KindCore, Components: []string{}, Basis: "logs", Confidence: 0.5, RecommendBisect: true,
			Cause:    "PHP stops with a fatal error outside any plugin or theme: " + s.fatal[0].ev.Message,
			Evidence: evidence(eventsOf(s.fatal), 3),
			Fix:      "Check that WordPress core files are complete (reinstall the same version); bisect to rule out a component calling core wrongly."}, true
	}
	what := "a fatal PHP error"
	fix := fmt.Sprintf("Deactivate %s (rename its folder), then update it, replace it, or ask its author; the error and the file are in the evidence.", comp.ID())
	switch evs[0].Kind {
	case logs.KindPHPMemory:
		what = "PHP running out of memory (memory_limit)"
		fix = fmt.Sprintf("Deactivate %s or fix what it loads; raising memory_limit only helps if its need is legitimate.", comp.ID())
	case logs.KindPHPParse:
		what = "a PHP syntax error"
		fix = fmt.Sprintf("Restore %s from a good copy (a failed update or a bad edit leaves a syntax error).", comp.ID())
	case logs.KindPHPTimeLimit:
		what = "PHP's max_execution_time being exceeded"
	}
	answer := "a critical error page (500)"
	if r.Status != 0 {
		answer = describe(r)
	}
	conf := 0.8 + 0.15*share
	return diag.Verdict{Kind: kindOf(comp), Components: []string{comp.ID()}, Basis: "logs", Confidence: conf,
		Cause:    fmt.Sprintf("%s stops every page with %s (%s); the site answers %s", comp.ID(), what, evs[0].Message, answer),
		Evidence: evidence(evs, 3), Fix: fix}, true
}

func eventsOf(bs []blamed) []logs.Event {
	out := make([]logs.Event, len(bs))
	for i, b := range bs {
		out[i] = b.ev
	}
	return out
}

// slowComponent finds the component the slowlog blames for a request.
func slowComponent(s signals) (logs.Component, []logs.Event, bool) {
	comp, evs, _, ok := top(s.slow)
	return comp, evs, ok
}

func killedByTimeout(_ Input, s signals, r probe.Result) (diag.Verdict, bool) {
	if len(s.killed) == 0 {
		return diag.Verdict{}, false
	}
	limit := s.killed[0].Duration.Round(time.Second)
	if comp, slow, ok := slowComponent(s); ok {
		return diag.Verdict{Kind: kindOf(comp), Components: []string{comp.ID()}, Basis: "logs", Confidence: 0.85,
			Cause:    fmt.Sprintf("%s keeps requests running until PHP-FPM kills them at request_terminate_timeout (after %s); %s then answers %s", comp.ID(), limit, web(r), describe(r)),
			Evidence: append(evidence(s.killed, 2), evidence(slow, 2)...),
			Fix:      fmt.Sprintf("Deactivate %s or fix what it waits for (the slowlog shows where: often a call to a remote API). Raising request_terminate_timeout only hides it.", comp.ID())}, true
	}
	return diag.Verdict{Kind: diag.KindServer, Components: []string{"server:request-terminate-timeout"}, Basis: "logs", Confidence: 0.6, RecommendBisect: true,
		Cause:    fmt.Sprintf("PHP-FPM kills requests at request_terminate_timeout (after %s) and %s answers %s; no slowlog names what keeps them busy", limit, web(r), describe(r)),
		Evidence: evidence(s.killed, 3),
		Fix:      "Enable the PHP-FPM slowlog (request_slowlog_timeout) or bisect to find the component that hangs."}, true
}

func upstreamTimeout(_ Input, s signals, r probe.Result) (diag.Verdict, bool) {
	if len(s.timeouts) == 0 {
		return diag.Verdict{}, false
	}
	server, limit := web(r), "nginx's fastcgi_read_timeout"
	if server == "Apache" {
		limit = "Apache's ProxyTimeout (Timeout by default)"
	}
	if comp, slow, ok := slowComponent(s); ok {
		return diag.Verdict{Kind: kindOf(comp), Components: []string{comp.ID()}, Basis: "logs", Confidence: 0.8,
			Cause:    fmt.Sprintf("%s makes requests outlast %s, so %s gives up and answers %s", comp.ID(), limit, server, describe(r)),
			Evidence: append(evidence(s.timeouts, 2), evidence(slow, 2)...),
			Fix:      fmt.Sprintf("Deactivate %s or fix what it waits for; raise %s only for legitimately long requests.", comp.ID(), limit)}, true
	}
	return diag.Verdict{Kind: diag.KindServer, Components: []string{"server:upstream-timeout"}, Basis: "logs", Confidence: 0.6, RecommendBisect: true,
		Cause:    fmt.Sprintf("PHP takes longer than %s and %s answers %s; no slowlog names what is slow", limit, server, describe(r)),
		Evidence: evidence(s.timeouts, 3), Fix: "Enable the PHP-FPM slowlog or bisect to find the slow component."}, true
}

func headersTooBig(_ Input, s signals, r probe.Result) (diag.Verdict, bool) {
	if len(s.headerSize) == 0 {
		return diag.Verdict{}, false
	}
	return diag.Verdict{Kind: diag.KindServer, Components: []string{"server:fastcgi-buffer-too-small"}, Basis: "logs", Confidence: 0.85, RecommendBisect: true,
		Cause:    fmt.Sprintf("the site sends response headers larger than nginx's fastcgi_buffer_size, so nginx refuses them and answers %s (usually a plugin setting many or huge cookies or headers)", describe(r)),
		Evidence: evidence(s.headerSize, 3),
		Fix:      "Bisect to find the component that sends the headers (wpdoctor diagnose --auto-bisect); or raise the buffers in the PHP location: fastcgi_buffer_size 32k; fastcgi_buffers 16 16k;"}, true
}

func workerCrash(_ Input, s signals, r probe.Result) (diag.Verdict, bool) {
	if len(s.crashes) == 0 {
		return diag.Verdict{}, false
	}
	crash := s.crashes[0]
	sig := crash.Signal
	if sig == "SIGKILL" {
		return diag.Verdict{Kind: diag.KindServer, Components: []string{"server:worker-killed"}, Basis: "logs", Confidence: 0.5, RecommendBisect: true,
			Cause:    fmt.Sprintf("PHP-FPM workers are killed (SIGKILL) and %s answers %s: the kernel's OOM killer, or a supervisor", web(r), describe(r)),
			Evidence: evidence(s.crashes, 3), Fix: "Check the kernel log for the OOM killer (dmesg | grep -i oom) and the memory available; bisect if memory is not the cause."}, true
	}
	// A warning logged by a component just before the crash points at it.
	var near_ []blamed
	for _, w := range s.warnings {
		for _, c := range s.crashes {
			if near(w.ev.Time, c.Time, 10*time.Second) {
				near_ = append(near_, w)
				break
			}
		}
	}
	if comp, evs, _, ok := top(near_); ok {
		return diag.Verdict{Kind: kindOf(comp), Components: []string{comp.ID()}, Basis: "logs", Confidence: 0.6, RecommendBisect: true,
			Cause:    fmt.Sprintf("PHP-FPM workers crash (%s) and %s answers %s; the last thing logged before each crash comes from %s", sig, web(r), describe(r), comp.ID()),
			Evidence: append(evidence(s.crashes, 2), evidence(evs, 2)...),
			Fix:      fmt.Sprintf("Deactivate %s to confirm (bisecting does it safely); a crash is a bug in PHP or an extension triggered by its code.", comp.ID())}, true
	}
	return diag.Verdict{Kind: diag.KindUnknown, Components: []string{}, Basis: "logs", Confidence: 0.4, RecommendBisect: true,
		Cause:    fmt.Sprintf("PHP-FPM workers crash (%s) on every request and %s answers %s; a crash leaves no PHP error, so the logs cannot name the component", sig, web(r), describe(r)),
		Evidence: evidence(s.crashes, 3),
		Fix:      "Bisect the plugins, theme, must-use plugins and drop-ins to find the one whose code crashes PHP (wpdoctor diagnose --auto-bisect)."}, true
}

// workerLost: nginx lost PHP-FPM mid-request, and no readable FPM log says
// why (its log is often root's only).
func workerLost(_ Input, s signals, r probe.Result) (diag.Verdict, bool) {
	if len(s.resets) == 0 {
		return diag.Verdict{}, false
	}
	return diag.Verdict{Kind: diag.KindUnknown, Components: []string{}, Basis: "logs", Confidence: 0.4, RecommendBisect: true,
		Cause:    fmt.Sprintf("%s loses the connection to PHP-FPM in the middle of requests and answers %s: a PHP-FPM worker dies (a crash, a kill at request_terminate_timeout, or the OOM killer); the PHP-FPM log that would say which could not be read", web(r), describe(r)),
		Evidence: evidence(s.resets, 3),
		Fix:      "Bisect to find the component (wpdoctor diagnose --auto-bisect), and read PHP-FPM's log as root for the signal the worker died of."}, true
}

func fpmBusy(_ Input, s signals, r probe.Result) (diag.Verdict, bool) {
	if len(s.fpmBusy) == 0 {
		return diag.Verdict{}, false
	}
	v := diag.Verdict{Kind: diag.KindServer, Components: []string{"server:php-fpm-saturated"}, Basis: "logs", Confidence: 0.6, RecommendBisect: true,
		Cause:    fmt.Sprintf("every PHP-FPM worker is busy (pm.max_children reached), so new requests wait or fail with %s", describe(r)),
		Evidence: evidence(s.fpmBusy, 3),
		Fix:      "Find what keeps workers busy (slowlog, bisect); raise pm.max_children only if memory allows."}
	if comp, slow, ok := slowComponent(s); ok {
		v.Cause += "; the slowlog shows " + comp.ID() + " in the slow requests"
		v.Evidence = append(v.Evidence, evidence(slow, 2)...)
	}
	return v, true
}

func database(_ Input, s signals, r probe.Result) (diag.Verdict, bool) {
	if r.Class != probe.ClassWPDBError {
		return diag.Verdict{}, false
	}
	return diag.Verdict{Kind: diag.KindServer, Components: []string{"server:database"}, Basis: "probes", Confidence: 0.85,
		Cause:    "WordPress cannot connect to its database (\"Error establishing a database connection\")",
		Evidence: append([]diag.Evidence{httpEvidence(r)}, evidence(s.dbErrors, 2)...),
		Fix:      "Check that MySQL/MariaDB runs and that DB_NAME, DB_USER, DB_PASSWORD and DB_HOST in wp-config.php are right."}, true
}

// causeFinding uses a check's finding that explains the failure.
func causeFinding(in Input, _ signals, _ probe.Result) (diag.Verdict, bool) {
	var best *diag.Finding
	for i := range in.Findings {
		f := &in.Findings[i]
		if f.Cause && !f.Skipped && (best == nil || f.Severity.Rank() > best.Severity.Rank()) {
			best = f
		}
	}
	if best == nil {
		return diag.Verdict{}, false
	}
	kind := diag.KindServer
	comps := []string{}
	if best.Component != "" {
		comps = []string{best.Component}
	}
	return diag.Verdict{Kind: kind, Components: comps, Basis: "checks", Confidence: 0.6, RecommendBisect: true,
		Cause: best.Summary, Evidence: best.Evidence, Fix: best.Fix}, true
}

// web names the web server that answered r, for the verdict's words: the
// software its error page or Server header names.
func web(r probe.Result) string {
	s := strings.ToLower(r.Server)
	switch {
	case strings.Contains(s, "apache"):
		return "Apache"
	case strings.Contains(s, "litespeed"):
		return "LiteSpeed"
	case strings.Contains(s, "nginx"), s == "":
		return "nginx"
	}
	return r.Server
}
