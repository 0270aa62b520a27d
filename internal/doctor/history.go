package doctor

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

// A site that fails now and then may answer every diagnosis probe
// normally: at 30% a quarter of the time. Its logs remember the failures
// it had before the run. When every probe answered normally, the entries
// of failed requests from the historyWindow before the run send the
// diagnosis back to the site for up to historyRetries more page loads —
// first the pages the logs name, then the front page — stopping at the
// first failure, which the diagnosis then explains as usual. When none
// fails, the report says what the logs hold.
const (
	historyWindow    = 24 * time.Hour
	historyRetries   = 10
	historyPages     = 2 // pages named by the logs, each loaded twice
	historyPageLoads = 2
)

// pastFailures is what the logs say of the failures before the run.
type pastFailures struct {
	count  int
	mine   int // web server entries of wpdoctor's own probes, left out
	latest logs.Event
	// pages are the site's URLs the failed requests asked for, most
	// failures first, only those safe to load again (see retryablePath).
	pages []string
}

// failureKinds are the log entries of a request that failed: the web
// server's upstream errors, a worker killed or crashed, PHP's fatal errors.
var failureKinds = map[logs.Kind]bool{
	logs.KindUpstreamClosed: true, logs.KindUpstreamReset: true, logs.KindUpstreamHeaderSize: true,
	logs.KindUpstreamNoSocket: true, logs.KindUpstreamRefused: true, logs.KindUpstreamBusy: true,
	logs.KindUpstreamDenied: true, logs.KindUpstreamConnect: true, logs.KindUpstreamTimeout: true,
	logs.KindUpstreamError: true, logs.KindNoLiveUpstreams: true, logs.KindWorkersExhausted: true,
	logs.KindFPMChildSignal: true, logs.KindFPMRequestTimeout: true,
	logs.KindPHPFatal: true, logs.KindPHPMemory: true, logs.KindPHPTimeLimit: true, logs.KindPHPParse: true,
}

// recallFailures sums up the failures among evs logged from since on, for
// the site at base (its URL). A failed request is counted from the web
// server's entry for it, leaving out wpdoctor's own probes (their query
// carries probe.DefaultCacheBustParam): a bisect's probes fail on purpose.
// The entries of workers and PHP, which name no request and would count a
// failure twice, are counted only when no web server entry names one.
// Apache's entries name no request either: there wpdoctor's own probes are
// counted too, and no page is named.
func recallFailures(evs []logs.Event, since time.Time, base *url.URL) pastFailures {
	var web, other pastFailures
	perPage := map[string]int{}
	own := probe.DefaultCacheBustParam + "="
	for _, e := range evs {
		if !failureKinds[e.Worst().Kind] || e.Time.IsZero() || e.Time.Before(since) {
			continue
		}
		p := &other
		if e.Format == logs.FormatNginx || e.Format == logs.FormatApache {
			if strings.Contains(e.Request, own) {
				web.mine++
				continue
			}
			p = &web
		}
		p.count++
		if p.latest.Time.IsZero() || !e.Time.Before(p.latest.Time) {
			p.latest = e
		}
		if p != &web || e.Host != "" && !strings.EqualFold(e.Host, base.Host) {
			continue
		}
		if path, ok := retryablePath(e.Request, base.Path); ok {
			perPage[path]++
		}
	}
	p := web
	if web.count == 0 && web.mine == 0 {
		p = other
	}
	paths := make([]string, 0, len(perPage))
	for path := range perPage {
		paths = append(paths, path)
	}
	sort.Slice(paths, func(i, j int) bool {
		if perPage[paths[i]] != perPage[paths[j]] {
			return perPage[paths[i]] > perPage[paths[j]]
		}
		return paths[i] < paths[j]
	})
	for _, path := range paths {
		p.pages = append(p.pages, base.Scheme+"://"+base.Host+path)
	}
	return p
}

// retryablePath returns the path of a logged request line ("GET /shop/
// HTTP/1.1") when loading it again cannot change the site: a GET without a
// query string (?add-to-cart=, ?action=logout), under the site's path,
// outside wp-admin and the REST API, and no PHP file but index.php. The
// front page is left out: the diagnosis loads it anyway.
func retryablePath(request, sitePath string) (string, bool) {
	method, rest, ok := strings.Cut(request, " ")
	if !ok || method != "GET" {
		return "", false
	}
	path, _, _ := strings.Cut(rest, " ")
	sitePath = strings.TrimRight(sitePath, "/")
	switch {
	case !strings.HasPrefix(path, "/") || len(path) > 200 || strings.ContainsAny(path, "?#%\\"),
		strings.Contains(path, ".."), strings.Contains(path, "//"),
		path != sitePath && !strings.HasPrefix(path, sitePath+"/"),
		path == sitePath || path == sitePath+"/" || path == sitePath+"/index.php":
		return "", false
	}
	low := strings.ToLower(path)
	for _, no := range []string{"/wp-admin", "/wp-json", "/wp-login.php", "/xmlrpc.php", "/wp-cron.php", "/wp-comments-post.php", "/feed"} {
		if strings.Contains(low, no) {
			return "", false
		}
	}
	if strings.HasSuffix(low, ".php") {
		return "", false
	}
	return path, true
}

// retryPastFailures runs when every probe answered normally: see
// historyWindow. It probes again when the logs hold failures, and notes
// what they hold when none of the probes fails.
func (r *Session) retryPastFailures(ctx context.Context) error {
	if r.scope.net != nil {
		return nil // a network's logs are its sites' together: not told apart here
	}
	base, err := url.Parse(r.url)
	if err != nil || base.Host == "" {
		return nil
	}
	past := recallFailures(r.logs.history(ctx, r.s.FS), r.clock.Now().Add(-historyWindow), base)
	if past.count == 0 {
		return nil
	}
	when := past.latest.Time.Format("2006-01-02 15:04:05")
	r.ev.step(diag.StageProbe, fmt.Sprintf("every probe answered normally, but the logs hold %d failure(s) from the 24 h before this run (the latest at %s): loading the site again",
		past.count, when))
	var urls []string
	for _, p := range past.pages[:min(historyPages, len(past.pages))] {
		for range historyPageLoads {
			urls = append(urls, p)
		}
	}
	for len(urls) < historyRetries {
		urls = append(urls, r.frontPage())
	}
	loads := 0
	for _, u := range urls {
		res := r.prober.Probe(ctx, u)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		r.note(res, "the logs hold failures from before the run")
		r.results = append(r.results, res)
		loads++
		if res.Failing() {
			r.rep.Notes = append(r.rep.Notes, fmt.Sprintf("the first probes answered normally; the logs held %d failure(s) from the 24 h before this run, and load %d of %d more failed", past.count, loads, len(urls)))
			return nil
		}
	}
	msg := past.latest.Worst().Message
	if m := []rune(msg); len(m) > 160 {
		msg = string(m[:160]) + "…"
	}
	note := fmt.Sprintf("the site answered all %d probes normally, %d of them made because its logs hold %d failure(s) from the 24 h before this run; the latest at %s (%s: %s",
		len(r.results), loads, past.count, when, past.latest.Source, msg)
	if method, rest, ok := strings.Cut(past.latest.Request, " "); ok {
		page, _, _ := strings.Cut(rest, " ")
		page, _, _ = strings.Cut(page, "?") // a query may carry a visitor's token
		note += ", for " + method + " " + page
	}
	r.rep.Notes = append(r.rep.Notes, note+"): the failure comes and goes, or came from something fixed since; run again while it happens, or name the failing page with --url")
	return nil
}
