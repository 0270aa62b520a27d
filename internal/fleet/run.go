package fleet

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// RunOptions is what the fleet asks of one site's run.
type RunOptions struct {
	// AutoBisect lets the run change the site to find its culprit.
	AutoBisect bool
	// Events receives the site's engine events (never nil).
	Events diag.Sink
}

// SiteResult is one site's run.
type SiteResult struct {
	Site     Site
	Exit     int          // the site's `wpdoctor diagnose` exit code
	Err      error        // why there is no verdict, or what went wrong after it
	Report   *diag.Report // nil when the site could not be diagnosed
	Started  time.Time
	Duration time.Duration
	// State: "finished", "interrupted" (stopped by a signal, its changes
	// undone), "not-started" (a signal came first), "skipped" (an entry
	// that cannot be run, or a duplicate).
	State string
	// Bisected: the site was diagnosed again with AutoBisect.
	Bisected bool
}

// SiteRunner runs one site. Its contract: it returns when the site is done
// and every change it made is undone (also when ctx is cancelled: undo runs
// on a context of its own); Exit is the site's single-site exit code; it
// never panics the process (a panic is reported as the site's error). It is
// called from several goroutines at once.
type SiteRunner func(ctx context.Context, s Site, o RunOptions) SiteResult

// Options configure a fleet run.
type Options struct {
	Concurrency int           // sites in flight (default 8)
	SiteTimeout time.Duration // per site and run (0: none)
	// AutoBisect: sites whose diagnosis recommends bisecting are run
	// again with AutoBisect, at most BisectConcurrency at once (default 2),
	// so that few sites are being changed at any time.
	AutoBisect        bool
	BisectConcurrency int
	// OnDone is called once per site, with its final result, as it
	// finishes; calls are serialised.
	OnDone func(SiteResult)
	// OnEvent receives each site's events as they happen, from several
	// goroutines at once; a site's run begins with a "connect" stage.
	OnEvent func(Site, diag.Event)
	Now     func() time.Time
}

// Run runs every site and returns their results in the sites' order. It
// returns when every site has finished; when ctx is cancelled, sites not
// started are reported as such and the ones in flight finish undoing.
func Run(ctx context.Context, sites []Site, run SiteRunner, o Options) []SiteResult {
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	if o.BisectConcurrency <= 0 {
		o.BisectConcurrency = 2
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	f := &fleetRun{o: o, run: run, results: make([]SiteResult, len(sites)), claims: NewClaims(),
		bisectSem: make(chan struct{}, o.BisectConcurrency)}
	var g errgroup.Group
	g.SetLimit(o.Concurrency)
	for i, s := range sites {
		if ctx.Err() != nil {
			f.done(i, SiteResult{Site: s, Exit: ExitInterrupted, State: "not-started", Err: fmt.Errorf("not started: %w", context.Cause(ctx))})
			continue
		}
		// Claimed in list order and held to the end of the run: of two
		// entries naming the same site the first runs, the other is
		// reported as locked, never run a second time.
		if _, holder, ok := f.claims.Claim(s.sameSiteKey(), s.Name); !ok && s.Err == nil {
			f.done(i, SiteResult{Site: s, Exit: ExitLocked, State: "skipped", Started: o.Now(),
				Err: fmt.Errorf("%w: %s is the same site as %s, which this fleet run is working on", ErrSameSite, s.Name, holder)})
			continue
		}
		g.Go(func() error {
			f.site(ctx, i, s)
			return nil // a site's failure is its own: it never stops the others
		})
	}
	_ = g.Wait()
	f.bisects.Wait()
	return f.results
}

type fleetRun struct {
	o         Options
	run       SiteRunner
	claims    *Claims
	bisectSem chan struct{}
	bisects   sync.WaitGroup
	mu        sync.Mutex
	results   []SiteResult
}

func (f *fleetRun) done(i int, r SiteResult) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.results[i] = r
	if f.o.OnDone != nil {
		f.o.OnDone(r)
	}
}

// site runs one entry: checks it, claims it, diagnoses it and, when asked
// and useful, hands it to a bisect slot.
func (f *fleetRun) site(ctx context.Context, i int, s Site) {
	if ctx.Err() != nil {
		f.done(i, SiteResult{Site: s, Exit: ExitInterrupted, State: "not-started", Err: fmt.Errorf("not started: %w", context.Cause(ctx))})
		return
	}
	if s.Err != nil {
		f.done(i, SiteResult{Site: s, Exit: ExitUsage, State: "skipped", Err: s.Err, Started: f.o.Now()})
		return
	}
	r := f.once(ctx, s, RunOptions{})
	if !f.o.AutoBisect || !wantsBisect(r) || ctx.Err() != nil {
		f.done(i, r)
		return
	}
	f.bisects.Add(1)
	go func() {
		defer f.bisects.Done()
		select {
		case f.bisectSem <- struct{}{}:
		case <-ctx.Done():
			f.done(i, r) // the diagnosis stands; no bisect was started
			return
		}
		defer func() { <-f.bisectSem }()
		b := f.once(ctx, s, RunOptions{AutoBisect: true})
		b.Bisected = true
		b.Duration += r.Duration
		b.Started = r.Started
		f.done(i, b)
	}()
}

// ErrSameSite means an entry names a site another entry of the run holds.
var ErrSameSite = errors.New("site is locked by another wpdoctor")

// wantsBisect: the diagnosis found the site failing and bisecting would
// tell (or confirm) the component, as `diagnose --auto-bisect` decides.
func wantsBisect(r SiteResult) bool {
	if r.Report == nil || r.Exit != ExitCulprit && r.Exit != ExitBroken {
		return false
	}
	v := r.Report.Verdict
	return v.RecommendBisect || r.Report.Status != diag.StatusHealthy && v.Kind.IsComponent() && v.Basis != "bisect"
}

// once runs the site under its deadline, recovering a panic.
func (f *fleetRun) once(ctx context.Context, s Site, ro RunOptions) (r SiteResult) {
	start := f.o.Now()
	events := func(diag.Event) {}
	if f.o.OnEvent != nil {
		events = func(e diag.Event) { f.o.OnEvent(s, e) }
	}
	ro.Events = events
	events(diag.Event{Time: start, Kind: diag.EventStage, Stage: "connect", Message: "connecting to " + s.Display()})
	sctx, cancel := ctx, context.CancelFunc(func() {})
	if f.o.SiteTimeout > 0 {
		sctx, cancel = context.WithTimeout(ctx, f.o.SiteTimeout)
	}
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			r = SiteResult{Exit: ExitError, Err: fmt.Errorf("%s: wpdoctor failed: %v", s.Name, p)}
		}
		r.Site, r.Started, r.Duration = s, start, f.o.Now().Sub(start)
		switch {
		case ctx.Err() != nil:
			r.State = "interrupted"
			if r.Exit != ExitRestoreIncomplete {
				r.Exit = ExitInterrupted
			}
		case sctx.Err() != nil && r.Exit != ExitRestoreIncomplete && r.Exit != ExitOK:
			r.State = "finished"
			r.Exit = ExitError
			r.Err = fmt.Errorf("%s: no verdict within the per-site timeout %s: %w", s.Name, f.o.SiteTimeout, errOr(r.Err, sctx.Err()))
		default:
			r.State = "finished"
		}
	}()
	return f.run(sctx, s, ro)
}

func errOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
