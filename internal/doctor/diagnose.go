package doctor

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/probe"
	"github.com/wpdoctor/wpdoctor/internal/serverfacts"
	"github.com/wpdoctor/wpdoctor/internal/verdict"
)

// Options configure a diagnosis (and the bisect that may follow it).
type Options struct {
	SiteURL      string   // default: WP_HOME or the home option
	URLs         []string // extra URLs to probe
	Resolve      []string // curl-style host:port:addr overrides
	ProbeTimeout time.Duration
	Repeat       int // probes of the front page (default 3)
	StateDir     string
	Sink         diag.Sink
	// NoDebugLog leaves wp-config.php alone (no debug logging).
	NoDebugLog bool
	// OpcacheDelay is the wait after editing wp-config.php (default OpcacheDelay).
	OpcacheDelay time.Duration
	Tool         string // "wpdoctor <version>" for the report
	// AfterChange is called after each journaled change (fault injection).
	AfterChange func(n int)

	// Bisect options (see Bisect).
	AutoBisect           bool
	Strategy             string // auto, rename, db
	LeaveCulpritDisabled bool
}

// ErrNoURL means the site's URL is unknown (no database, no WP_HOME).
var ErrNoURL = errors.New("the site's URL is not known: pass --site-url")

// run is the state of one diagnosis.
type run struct {
	s       *Site
	o       Options
	ev      emitter
	prober  *probe.Prober
	url     string
	logs    logSet
	changes *Changes
	debug   DebugLog
	rep     *diag.Report
	results []probe.Result
	events  []logs.Event
	// failingURL is the URL bisect probes: the first that failed.
	failingURL string
	inv        *inventory.Inventory
	server     *serverfacts.ServerFacts
	culprits   []string  // paths of the culprits, to keep off on request
	patience   *patience // bisect probe deadlines, from the answers seen
	cutProbes  int       // bisect probes counted as the hang without waiting it out
}

// Diagnose probes the site, reads its logs (with debug logging on for the
// duration when the site fails), runs the checks and names the cause. With
// AutoBisect it goes on to bisect the components when the evidence does not
// name the culprit. Every change is undone before it returns, also when ctx
// is cancelled; the report says whether the site was verified restored.
func Diagnose(ctx context.Context, s *Site, o Options) (*diag.Report, error) {
	if o.Repeat <= 0 {
		o.Repeat = 3
	}
	if o.OpcacheDelay == 0 {
		o.OpcacheDelay = OpcacheDelay
	}
	r := &run{s: s, o: o, ev: emitter{o.Sink}}
	r.rep = &diag.Report{SchemaVersion: diag.SchemaVersion, Tool: o.Tool, Target: s.Conn.Target.String(), Started: time.Now().UTC()}
	url, err := r.siteURL(ctx)
	if err != nil {
		return nil, err
	}
	r.url, r.rep.URL = url, url
	r.prober, err = probe.New(probe.Options{Timeout: o.ProbeTimeout, Resolve: o.Resolve})
	if err != nil {
		return nil, err
	}
	defer r.prober.Close()

	err = r.diagnose(ctx)
	r.restore(ctx)
	r.rep.Duration = time.Since(r.rep.Started)
	return r.rep, err
}

func (r *run) diagnose(ctx context.Context) error {
	r.ev.stage("logs", "finding the logs")
	r.discoverLogs(ctx)
	r.logs.mark(ctx, r.s.Conn.FS)

	r.ev.stage("probe", "probing "+r.url)
	if err := r.probeAll(ctx); err != nil {
		return err
	}
	status, rate := statusOf(r.results)
	r.failingURL = r.frontPage()
	for _, res := range r.results {
		if res.Failing() {
			r.failingURL = res.URL
			break
		}
	}
	// The logs as they are may already name the culprit: then turning
	// debug logging on (a change to wp-config.php, the opcache wait and one
	// more page load of a failing site) would add nothing.
	r.events = append(r.events, r.logs.readNew(ctx, r.s.Conn.FS)...)
	named := r.namedByLogs(status, rate)
	if named != "" {
		r.ev.step("debug-log", "not enabled: the logs already name "+named)
		r.rep.Notes = append(r.rep.Notes, "WordPress debug logging was not turned on: the server's logs already name "+named)
	}
	if status != diag.StatusHealthy && status != diag.StatusMaintenance && !r.o.NoDebugLog && named == "" {
		if err := r.withDebugLog(ctx); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			r.ev.warn("debug-log", "debug logging not enabled: "+err.Error())
			r.rep.Notes = append(r.rep.Notes, "WordPress debug logging could not be enabled: "+err.Error())
		}
	}
	r.events = append(r.events, r.logs.readNew(ctx, r.s.Conn.FS)...)
	r.rep.Logs = r.logs.report()
	for _, l := range r.rep.Logs {
		if l.Read {
			r.ev.step("logs", fmt.Sprintf("%s %s: %d new bytes, %d entries", l.Name, l.Path, l.BytesRead, l.Events))
		} else {
			r.ev.step("logs", fmt.Sprintf("%s %s: not read (%s)", l.Name, l.Path, l.Reason))
		}
	}
	r.rep.Status = status
	r.rep.Probes = summarize(r.results)
	r.rep.DiagnosisProbes = int(r.prober.Requests())

	r.ev.stage("checks", "running the checks")
	r.rep.Findings = r.runChecks(ctx)

	v := verdict.Decide(verdict.Input{Status: status, Probes: r.results, Events: r.events, Layout: r.layout(), Findings: r.rep.Findings, FailureRate: rate})
	r.rep.Verdict = v
	if r.o.AutoBisect && v.RecommendBisect || r.o.AutoBisect && status != diag.StatusHealthy && v.Kind.IsComponent() {
		if err := r.bisect(ctx); err != nil {
			return err
		}
	}
	r.ev.send(diag.Event{Kind: diag.EventVerdict, Verdict: &r.rep.Verdict})
	return nil
}

// namedByLogs returns the components the logs read so far name as the
// cause, with evidence, or "".
func (r *run) namedByLogs(status diag.Status, rate float64) string {
	if status == diag.StatusHealthy || status == diag.StatusMaintenance {
		return ""
	}
	v := verdict.Decide(verdict.Input{Status: status, Probes: r.results, Events: r.events, Layout: r.layout(), FailureRate: rate})
	if !v.Kind.IsComponent() || len(v.Components) == 0 || len(v.Evidence) == 0 {
		return ""
	}
	return strings.Join(v.Components, ", ")
}

// withDebugLog turns on debug logging, waits for PHP to see it, and probes
// the front page again so the log gets the failure.
func (r *run) withDebugLog(ctx context.Context) error {
	if err := r.begin(ctx); err != nil {
		return err
	}
	dl, err := r.changes.EnableDebugLog(ctx)
	if err != nil {
		return err
	}
	r.debug = dl
	r.ev.change("debug-log", "WP_DEBUG and WP_DEBUG_LOG on (display off), logging to "+dl.Path)
	r.logs.add("WordPress debug log (enabled by wpdoctor)", dl.Path, logs.FormatPHP, "set by wpdoctor for this run")
	r.logs.list[len(r.logs.list)-1].created = true
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(r.o.OpcacheDelay):
	}
	res := r.prober.Probe(ctx, r.frontPage())
	r.note(res, "with debug logging")
	r.results = append(r.results, res)
	return nil
}

// begin opens the journal (once) under the site lock.
func (r *run) begin(ctx context.Context) error {
	if r.changes != nil {
		return nil
	}
	op := "diagnose"
	if r.o.AutoBisect {
		op = "diagnose --auto-bisect"
	}
	c, err := BeginChanges(ctx, r.s, r.o.StateDir, op, r.o.AfterChange)
	if err != nil {
		return err
	}
	r.changes = c
	r.ev.change("journal", "journal "+c.Journal())
	return nil
}

// restore undoes every change, on a context of its own.
func (r *run) restore(ctx context.Context) {
	if r.changes == nil {
		r.rep.Restored = true
		return
	}
	r.ev.stage("restore", "putting everything back")
	rep, err := r.changes.Undo(context.WithoutCancel(ctx))
	if rep != nil {
		r.rep.RestoreNotes = append(r.rep.RestoreNotes, rep.Notes...)
		for _, d := range rep.Diffs {
			r.rep.RestoreNotes = append(r.rep.RestoreNotes, "differs from before the run: "+d.String())
		}
	}
	if err != nil {
		r.rep.Restored = false
		r.rep.Journal = r.changes.Journal()
		r.ev.warn("restore", "RESTORE INCOMPLETE: "+err.Error())
		return
	}
	r.rep.Restored = true
	r.ev.step("restore", "verified: files and options are as before the run")
	if r.o.LeaveCulpritDisabled && len(r.culprits) > 0 {
		r.keepCulpritOff(context.WithoutCancel(ctx))
	}
}

// keepCulpritOff switches only the culprit off again, as a journaled change
// the owner asked to keep, and checks that the site answers.
func (r *run) keepCulpritOff(ctx context.Context) {
	if p, ok := journal.KeptFor(r.o.StateDir, SiteKey(r.s)); ok {
		r.rep.Notes = append(r.rep.Notes, "the culprit was not left disabled: an earlier kept change exists ("+p+"); run 'wpdoctor restore --kept' first")
		return
	}
	c, err := BeginChanges(ctx, r.s, r.o.StateDir, "leave culprit disabled", nil)
	if err != nil {
		r.rep.Notes = append(r.rep.Notes, "the culprit was not left disabled: "+err.Error())
		return
	}
	if err := c.RenameOff(ctx, r.culprits, "culprit left disabled at the owner's request"); err != nil {
		if _, uerr := c.Undo(ctx); uerr != nil {
			r.rep.Restored = false
		}
		r.rep.Notes = append(r.rep.Notes, "the culprit was not left disabled: "+err.Error())
		return
	}
	for _, p := range r.culprits {
		r.rep.Kept = append(r.rep.Kept, "renamed "+p+" → "+p+OffSuffix)
	}
	path, err := c.Keep(ctx)
	if err != nil {
		r.rep.Notes = append(r.rep.Notes, "keeping the culprit disabled: "+err.Error())
	}
	r.rep.Journal = path
	res := r.prober.Probe(ctx, r.failingURL)
	r.note(res, "with the culprit left disabled")
	state := "answers normally"
	if res.Failing() {
		state = "still fails: " + res.Reason
	}
	r.rep.Notes = append(r.rep.Notes, fmt.Sprintf("with %s left disabled the site %s; 'wpdoctor restore --kept' switches it back on", idsOf(r.rep.Verdict.Components), state))
}

func (r *run) siteURL(ctx context.Context) (string, error) {
	switch {
	case r.o.SiteURL != "":
		return strings.TrimRight(r.o.SiteURL, "/"), nil
	case r.s.Config.Home != "":
		return strings.TrimRight(r.s.Config.Home, "/"), nil
	case r.s.DB != nil:
		if v, ok, err := r.s.DB.Option(ctx, "home"); err == nil && ok && len(v) > 0 {
			return strings.TrimRight(string(v), "/"), nil
		}
	}
	if u, note, ok := urlWithoutDB(ctx, r.s.Conn.FS, r.s.Conn.Shell, r.s.Loc, r.s.Config, r.s.DBErr, r.s.Conn.Target.String()); ok {
		r.rep.Notes = append(r.rep.Notes, note)
		return strings.TrimRight(u, "/"), nil
	}
	return "", ErrNoURL
}

func (r *run) frontPage() string { return r.url + "/" }

func (r *run) loginPage(ctx context.Context) string {
	base := r.url
	if r.s.Config.SiteURL != "" {
		base = r.s.Config.SiteURL
	} else if r.s.DB != nil {
		if v, ok, err := r.s.DB.Option(ctx, "siteurl"); err == nil && ok && len(v) > 0 {
			base = string(v)
		}
	}
	return strings.TrimRight(base, "/") + "/wp-login.php"
}

// probeAll probes the front page Repeat times, the login page once and
// every extra URL once.
func (r *run) probeAll(ctx context.Context) error {
	urls := []string{}
	for i := 0; i < r.o.Repeat; i++ {
		urls = append(urls, r.frontPage())
	}
	urls = append(urls, r.loginPage(ctx))
	urls = append(urls, r.o.URLs...)
	slow := map[string]bool{}
	for _, u := range urls {
		if slow[u] {
			continue // a failure that takes this long is steady enough: spare the site
		}
		res := r.prober.Probe(ctx, u)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		r.note(res, "")
		r.results = append(r.results, res)
		if res.Failing() && res.Total > slowFailure {
			slow[u] = true
		}
	}
	return nil
}

// slowFailure: a failing probe slower than this is not repeated.
const slowFailure = 5 * time.Second

func (r *run) note(res probe.Result, why string) {
	r.ev.send(diag.Event{Kind: diag.EventProbe, Stage: "probe", Probe: &diag.ProbeEvent{
		URL: res.URL, Status: res.Status, Class: string(res.Class), Broken: res.Failing(),
		Millis: res.Total.Milliseconds(), Reason: res.Reason, Intention: why,
	}})
}

// evidenceOf turns a log entry into evidence.
func evidenceOf(e logs.Event) diag.Evidence { return verdict.Evidence(e) }
