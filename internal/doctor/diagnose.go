package doctor

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/probe"
	"github.com/wpdoctor/wpdoctor/internal/verdict"
)

// DiagnoseOptions configure Session.Diagnose.
type DiagnoseOptions struct {
	SiteURL string   // default: WP_HOME or the home option
	URLs    []string // extra URLs to probe
	Repeat  int      // probes of the front page (default 3)
	// NoDebugLog leaves wp-config.php alone (no debug logging).
	NoDebugLog bool
	// Site is the blog ID of the network's site to diagnose (0: the one
	// SiteURL belongs to, else the first whose front page fails, the main
	// site first); an error on a single site.
	Site int64
	// Strategy is the plugin strategy a bisect would use ("" = auto):
	// when it is the isolated one, the debug-log round goes through the
	// probe agent (per-request logging, no wp-config.php edit).
	Strategy string
}

// Diagnosis is what Session.Diagnose found.
type Diagnosis struct {
	Status   diag.Status
	Verdict  diag.Verdict
	Findings []diag.Finding
	Probes   []diag.ProbeResult
	Logs     []diag.LogSource
	Notes    []string // what the report notes: logs not read, failures only the logs hold…
	// Plan is the bisect the front end may run (Session.Bisect) when the
	// evidence does not settle the cause, or when the logs name a component
	// that a bisect would confirm; nil otherwise.
	Plan *BisectPlan
}

// ErrNoURL means the site's URL is unknown (no database, no WP_HOME).
var ErrNoURL = errors.New("the site's URL is not known: pass --site-url")

// Diagnose probes the site, reads its logs (with debug logging on when the
// site fails), runs the checks and names the cause. It refuses while an
// obstacle remains (see Obstacles). Debug logging stays on until Close or
// KeepCulpritOff, so that a bisect's probes log too.
func (r *Session) Diagnose(ctx context.Context, o DiagnoseOptions) (*Diagnosis, error) {
	if err := r.blocked(); err != nil {
		return nil, err
	}
	if r.rep != nil {
		return nil, errors.New("diagnose: the session has already diagnosed the site")
	}
	if o.Repeat <= 0 {
		o.Repeat = 3
	}
	r.d = o
	r.rep = &diag.Report{SchemaVersion: diag.SchemaVersion, Tool: r.o.Tool, Target: r.s.Target, Started: r.clock.Now().UTC()}
	if err := r.openNetwork(ctx); err != nil {
		r.rep = nil
		return nil, err
	}
	url, err := r.siteURL(ctx)
	if err != nil {
		r.rep = nil
		return nil, err
	}
	r.url, r.rep.URL = url, url
	if r.urlNote != "" {
		r.rep.Notes = append(r.rep.Notes, r.urlNote)
	}
	if err := r.diagnose(ctx); err != nil {
		return nil, err
	}
	d := &Diagnosis{Status: r.rep.Status, Verdict: r.rep.Verdict, Findings: r.rep.Findings, Probes: r.rep.Probes, Logs: r.rep.Logs}
	v := r.rep.Verdict
	if v.RecommendBisect || r.rep.Status != diag.StatusHealthy && v.Kind.IsComponent() {
		plan, err := r.PlanWith(ctx, r.d.Strategy)
		if err != nil {
			r.rep.Notes = append(r.rep.Notes, "no bisect plan: "+err.Error())
		}
		d.Plan = plan
	}
	d.Notes = slices.Clone(r.rep.Notes)
	return d, nil
}

func (r *Session) diagnose(ctx context.Context) error {
	r.ev.stage(diag.StageLogs, "finding the logs")
	r.discoverLogs(ctx)
	r.logs.mark(ctx, r.s.FS)

	if err := r.findFailingSite(ctx); err != nil {
		return err
	}
	r.ev.stage(diag.StageProbe, "probing "+r.url)
	if err := r.probeAll(ctx); err != nil {
		return err
	}
	status, rate := statusOf(r.results)
	status, rate, err := r.reachOrigin(ctx, status, rate)
	if err != nil {
		return err
	}
	if status == diag.StatusHealthy && r.origin == nil {
		if err := r.retryPastFailures(ctx); err != nil {
			return err
		}
		status, rate = statusOf(r.results)
	}
	r.failingURL = r.frontPage()
	for _, res := range r.results {
		if res.Failing() {
			r.failingURL = res.URL
			break
		}
	}
	if err := r.probeNetwork(ctx); err != nil {
		return err
	}
	// The logs as they are may already name the culprit: then turning
	// debug logging on (a change to wp-config.php, the opcache wait and one
	// more page load of a failing site) would add nothing.
	r.events = append(r.events, r.readLogs(ctx, diag.StageLogs)...)
	named := r.namedByLogs(status, rate)
	if named != "" {
		r.ev.step(diag.StageDebugLog, "not enabled: the logs already name "+named)
		r.rep.Notes = append(r.rep.Notes, "WordPress debug logging was not turned on: the server's logs already name "+named)
	}
	if r.origin != nil {
		// The origin answered well past the CDN: its PHP has nothing to log.
		r.ev.step(diag.StageDebugLog, "not enabled: the origin answers normally reached directly")
	}
	if status != diag.StatusHealthy && status != diag.StatusMaintenance && !r.d.NoDebugLog && named == "" && r.origin == nil {
		viaAgent, err := r.withAgentLog(ctx)
		if err == nil && !viaAgent {
			err = r.withDebugLog(ctx)
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			r.ev.warn(diag.StageDebugLog, "debug logging not enabled: "+err.Error())
			r.rep.Notes = append(r.rep.Notes, "WordPress debug logging could not be enabled: "+err.Error())
		}
	}
	r.events = append(r.events, r.readLogs(ctx, diag.StageLogs)...)
	r.rep.Logs = r.logs.report()
	for _, l := range r.rep.Logs {
		if l.Read {
			r.ev.step(diag.StageLogs, fmt.Sprintf("%s %s: %d new bytes, %d entries", l.Name, l.Path, l.BytesRead, l.Events))
		} else {
			r.ev.step(diag.StageLogs, fmt.Sprintf("%s %s: not read (%s)", l.Name, l.Path, l.Reason))
		}
	}
	r.rep.Status = status
	r.rep.Probes = r.probeSummaries()
	r.rep.DiagnosisProbes = int(r.prober.Requests() + r.otherRequests)

	r.ev.stage(diag.StageChecks, "running the checks")
	r.rep.Findings = r.runChecks(ctx)

	in := r.verdictInput(status, rate)
	in.Findings = r.rep.Findings
	r.rep.Verdict = verdict.Decide(in)
	r.ev.send(diag.Event{Kind: diag.EventVerdict, Verdict: &r.rep.Verdict})
	return nil
}

// namedByLogs returns the components the logs read so far name as the
// cause, with evidence, or "".
func (r *Session) namedByLogs(status diag.Status, rate float64) string {
	if status == diag.StatusHealthy || status == diag.StatusMaintenance {
		return ""
	}
	v := verdict.Decide(r.verdictInput(status, rate))
	if !v.Kind.IsComponent() || len(v.Components) == 0 || len(v.Evidence) == 0 {
		return ""
	}
	return strings.Join(v.Components, ", ")
}

// verdictInput is what the diagnosis has seen so far, for verdict.Decide.
func (r *Session) verdictInput(status diag.Status, rate float64) verdict.Input {
	return verdict.Input{Status: status, Probes: r.results, Events: r.events, Layout: r.layout(), FailureRate: rate,
		Origin: r.origin, OriginAt: r.originAt, OriginWhy: r.originWhy}
}

// readLogs reads what the logs gained and sends each entry as an event.
func (r *Session) readLogs(ctx context.Context, st diag.Stage) []logs.Event {
	evs := r.logs.readNew(ctx, r.s.FS)
	for _, e := range evs {
		ev := evidenceOf(e)
		r.ev.send(diag.Event{Kind: diag.EventLog, Stage: st, Log: &ev})
	}
	return evs
}

// withDebugLog turns on debug logging, waits for PHP to see it, and probes
// the front page again so the log gets the failure.
func (r *Session) withDebugLog(ctx context.Context) error {
	if err := r.begin(ctx); err != nil {
		return err
	}
	dl, err := r.changes.EnableDebugLog(ctx, r.o.OpcacheDelay*4/3) // 3 s → 4 s
	if err != nil {
		return err
	}
	r.debug = dl
	r.ev.change(diag.StageDebugLog, "WP_DEBUG and WP_DEBUG_LOG on (display off), logging to "+dl.Path)
	r.logs.add("WordPress debug log (enabled by wpdoctor)", dl.Path, logs.FormatPHP, "set by wpdoctor for this run")
	r.logs.list[len(r.logs.list)-1].created = true
	if err := r.clock.Sleep(ctx, r.o.OpcacheDelay); err != nil {
		return err
	}
	res := r.prober.Probe(ctx, r.frontPage())
	if ctx.Err() != nil {
		return ctx.Err()
	}
	r.note(res, "with debug logging")
	r.results = append(r.results, res)
	return nil
}

// begin opens the journal (once) under the site lock.
func (r *Session) begin(ctx context.Context) error {
	if r.changes != nil {
		return nil
	}
	if err := r.blocked(); err != nil {
		return err
	}
	c, err := BeginChanges(ctx, r.s, r.o.StateDir, r.o.Operation, r.o.AfterChange)
	if err != nil {
		return err
	}
	r.changes = c
	c.heartbeat(r.clock, r.o.Heartbeat)
	r.ev.change(diag.StageJournal, "journal "+c.Journal())
	return nil
}

func (r *Session) siteURL(ctx context.Context) (string, error) {
	sub := r.scope.site
	switch {
	case r.d.SiteURL != "":
		return strings.TrimRight(r.d.SiteURL, "/"), nil
	case sub != nil && !sub.Main:
		if sub.Home != "" {
			return strings.TrimRight(sub.Home, "/"), nil
		}
		return strings.TrimRight(sub.URL, "/"), nil
	case r.s.Config.Home != "":
		return strings.TrimRight(r.s.Config.Home, "/"), nil
	case r.s.DB != nil:
		if v, ok, err := r.s.DB.Option(ctx, "home"); err == nil && ok && len(v) > 0 {
			return strings.TrimRight(string(v), "/"), nil
		}
	}
	if u, note, ok := urlWithoutDB(ctx, r.s.FS, r.s.Shell, r.s.Loc, r.s.Config, r.s.DBErr, r.s.Target); ok {
		r.urlNote = note
		return strings.TrimRight(u, "/"), nil
	}
	return "", ErrNoURL
}

func (r *Session) frontPage() string { return r.url + "/" }

func (r *Session) loginPage(ctx context.Context) string {
	base := r.url
	if r.s.Config.SiteURL != "" {
		base = r.s.Config.SiteURL
	} else if r.s.DB != nil {
		if v, ok, err := r.s.DB.Option(ctx, r.scope.opt("siteurl")); err == nil && ok && len(v) > 0 {
			base = string(v)
		}
	}
	return strings.TrimRight(base, "/") + "/wp-login.php"
}

// probeAll probes the front page Repeat times, the login page once and
// every extra URL once.
func (r *Session) probeAll(ctx context.Context) error {
	res, err := r.probeEach(ctx, r.diagnosisURLs(ctx), "")
	r.results = append(r.results, res...)
	return err
}

func (r *Session) diagnosisURLs(ctx context.Context) []string {
	urls := []string{}
	for i := 0; i < r.d.Repeat; i++ {
		urls = append(urls, r.frontPage())
	}
	urls = append(urls, r.loginPage(ctx))
	return append(urls, r.d.URLs...)
}

// probeEach probes urls in turn, each once, with r.prober; why is the
// probes' intention in the events.
func (r *Session) probeEach(ctx context.Context, urls []string, why string) ([]probe.Result, error) {
	var out []probe.Result
	slow := map[string]bool{}
	for _, u := range urls {
		if slow[u] {
			continue // a failure that takes this long is steady enough: spare the site
		}
		res := r.prober.Probe(ctx, u)
		if ctx.Err() != nil {
			return out, ctx.Err()
		}
		r.note(res, why)
		out = append(out, res)
		if res.Failing() && res.Total > slowFailure {
			slow[u] = true
		}
	}
	return out, nil
}

// slowFailure: a failing probe slower than this is not repeated.
const slowFailure = 5 * time.Second

func (r *Session) note(res probe.Result, why string) {
	r.ev.send(diag.Event{Kind: diag.EventProbe, Stage: diag.StageProbe, Probe: &diag.ProbeEvent{
		URL: res.URL, Status: res.Status, Class: string(res.Class), Broken: res.Failing(),
		Millis: res.Total.Milliseconds(), Reason: res.Reason, Intention: why,
	}})
}

// evidenceOf turns a log entry into evidence.
func evidenceOf(e logs.Event) diag.Evidence { return verdict.Evidence(e) }
