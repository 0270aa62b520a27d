package doctor

import (
	"context"
	"errors"
	"fmt"
	"path"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/probe"
	"github.com/wpdoctor/wpdoctor/internal/serverfacts"
)

// OpenOptions configure a session.
type OpenOptions struct {
	// Name tags every event (fleet mode runs many sessions in one
	// process); default: the target.
	Name string
	// StateDir is where journals live (journal.StateDir()). Required.
	StateDir string
	Sink     diag.Sink
	// Prober probes the site; nil: a probe.Prober with ProbeTimeout and
	// Resolve (closed by Close).
	Prober       Prober
	ProbeTimeout time.Duration
	Resolve      []string // curl-style host:port:addr overrides
	// OriginProber returns a prober that reaches the origin behind a CDN
	// directly through c; nil: a probe.Prober with ProbeTimeout (closed by
	// Close).
	OriginProber func(c probe.ConnectTo) (Prober, error)
	Clock        Clock  // nil: the wall clock
	Tool         string // "wpdoctor <version>" for the report
	// Operation names the run in its journal (default "diagnose").
	Operation string
	// OpcacheDelay is the wait after editing wp-config.php (default
	// OpcacheDelay).
	OpcacheDelay time.Duration
	// AfterChange is called after each journaled change (fault injection).
	AfterChange func(n int)
	// Heartbeat is how often the site lock is told the run is alive
	// (default Heartbeat).
	Heartbeat time.Duration
}

// Session is one front end's work on one site. Its methods are called from
// one goroutine, in the order Open → (RestorePending) → Inspect / Diagnose
// → Bisect → KeepCulpritOff → Close. Every change goes through the journal
// under the site lock (taken at the first change); Close undoes whatever
// is not explicitly kept, on a context of its own, and verifies.
type Session struct {
	s         *Site
	o         OpenOptions
	ev        emitter
	clock     Clock
	prober    Prober
	ownProber *probe.Prober
	obstacles []Obstacle

	d         DiagnoseOptions
	url       string
	logs      logSet
	changes   *Changes
	debug     DebugLog
	rep       *diag.Report
	results   []probe.Result // the site's answers (the origin's, once a CDN's error page sent the probes there)
	edge      []probe.Result // a CDN's answers, when the probes went to the origin past it
	origin    []probe.Result // the origin's answers past a CDN that failed on its own
	originAt  string         // where the origin was reached
	originWhy string         // why the origin behind a CDN's error page could not be reached
	// otherRequests are the diagnosis requests of probers no longer used.
	otherRequests int64
	extraProbers  []*probe.Prober
	events        []logs.Event
	failingURL    string                 // the URL bisect probes: the first that failed
	scope         scope                  // on a multisite network: the network and the site diagnosed
	netSeen       map[int64]probe.Result // network sites' front pages loaded to find the failing one
	inv           *inventory.Inventory
	server        *serverfacts.ServerFacts
	culprits      []diag.Component // what the bisect found, to keep off on request
	patience      *patience        // bisect probe deadlines, from the answers seen
	cutProbes     int              // bisect probes counted as the hang without waiting it out
	urlNote       string           // how the URL was found without the database
	plan          *BisectPlan
	guarded       map[string]bool // options guarded in this run's journal
	agent         *probeAgent     // the isolated strategy's agent, once confirmed
	agentErr      error           // why the agent could not be used
	bisected      bool
	restored      bool // the run's changes were undone (and verified, if rep.Restored)
	closed        bool
}

// Open starts a session on an opened site. It changes nothing: it finds
// what stands in the way (a pending journal, a stale lock, a live run's
// lock) and reports it through Obstacles. Only a prober that cannot be
// built is an error.
func Open(ctx context.Context, s *Site, o OpenOptions) (*Session, error) {
	if o.StateDir == "" {
		return nil, errors.New("open session: no state directory for journals")
	}
	if o.Name == "" {
		o.Name = s.Target
	}
	if o.Operation == "" {
		o.Operation = "diagnose"
	}
	if o.OpcacheDelay == 0 {
		o.OpcacheDelay = OpcacheDelay
	}
	if o.Heartbeat <= 0 {
		o.Heartbeat = Heartbeat
	}
	r := &Session{s: s, o: o, clock: o.Clock, prober: o.Prober}
	if r.clock == nil {
		r.clock = realClock{}
	}
	r.ev = emitter{sink: o.Sink, site: o.Name, clock: r.clock}
	if r.prober == nil {
		p, err := probe.New(probe.Options{Timeout: o.ProbeTimeout, Resolve: o.Resolve})
		if err != nil {
			return nil, err
		}
		r.prober, r.ownProber = p, p
	}
	if err := r.findObstacles(ctx); err != nil {
		r.closeProber()
		return nil, err
	}
	return r, nil
}

func (r *Session) findObstacles(ctx context.Context) error {
	r.obstacles = nil
	le, err := journal.Holder(ctx, r.s.FS, path.Dir(r.s.Loc.Config))
	if err != nil {
		return err
	}
	p, pending := journal.PendingFor(r.o.StateDir, SiteKey(r.s))
	switch {
	case le != nil && !le.Stale:
		// A live run: its journal is in use, not left behind.
		r.obstacles = append(r.obstacles, lockObstacle(le, r.s.Target))
	case pending && journalLive(p):
		r.obstacles = append(r.obstacles, liveJournalObstacle(p, r.s))
	default:
		if pending {
			r.obstacles = append(r.obstacles, pendingObstacle(p, r.s.Target))
		}
		if le != nil {
			r.obstacles = append(r.obstacles, lockObstacle(le, r.s.Target))
		}
	}
	for _, ob := range r.obstacles {
		r.ev.warn(diag.StageOpen, ob.Question())
	}
	return nil
}

func journalLive(p string) bool {
	pend, err := journal.ReadPending(p)
	return err == nil && pend.Live()
}

// Site is the session's site.
func (r *Session) Site() *Site { return r.s }

// Obstacles are what stands in the way of changing the site; Diagnose
// refuses while any remains. A pending journal or a stale lock is cleared
// by RestorePending; a live lock only by the other run finishing.
func (r *Session) Obstacles() []Obstacle { return r.obstacles }

// blocked returns the first obstacle's error, if any (a live lock is
// always alone and first).
func (r *Session) blocked() error {
	if len(r.obstacles) > 0 {
		return r.obstacles[0].Err()
	}
	return nil
}

// RestorePending answers "restore first": it undoes what an earlier run
// left on the site and breaks its stale lock (see RestorePending), then
// looks for obstacles again.
func (r *Session) RestorePending(ctx context.Context) (*RestoreResult, error) {
	if r.changes != nil {
		return nil, errors.New("restore pending: this session has changes of its own")
	}
	r.ev.stage(diag.StageRestore, "undoing what an earlier run left")
	res, err := RestorePending(ctx, r.s, r.o.StateDir)
	if res != nil && res.Report != nil {
		for _, u := range res.Report.Undone {
			r.ev.change(diag.StageRestore, "undone: "+u)
		}
	}
	if ferr := r.findObstacles(context.WithoutCancel(ctx)); ferr != nil && err == nil {
		err = ferr
	}
	return res, err
}

// Inspect gathers Info about the site. It changes nothing.
func (r *Session) Inspect(ctx context.Context) *Info { return Inspect(ctx, r.s) }

// Report is the report so far (nil before Diagnose).
func (r *Session) Report() *diag.Report { return r.rep }

// Close restores every change that is not explicitly kept, on a context of
// its own (cancelling ctx never stops a restore), verifies the site, and
// returns the final report (nil when no diagnosis began). The error wraps
// journal.ErrRestoreIncomplete when the site could not be verified
// restored. Close may be called more than once.
func (r *Session) Close(ctx context.Context) (*diag.Report, error) {
	if !r.closed {
		r.closed = true
		r.restore(ctx)
		r.closeProber()
		if r.rep != nil {
			r.rep.Duration = r.clock.Now().Sub(r.rep.Started)
		}
	}
	if r.rep != nil && !r.rep.Restored {
		return r.rep, fmt.Errorf("%w: journal %s", journal.ErrRestoreIncomplete, r.rep.Journal)
	}
	return r.rep, nil
}

func (r *Session) closeProber() {
	if r.ownProber != nil {
		r.ownProber.Close()
		r.ownProber = nil
	}
	for _, p := range r.extraProbers {
		p.Close()
	}
	r.extraProbers = nil
}

// restore undoes every change of the run, once, on a context of its own.
func (r *Session) restore(ctx context.Context) {
	if r.restored {
		return
	}
	r.restored = true
	if r.changes == nil {
		if r.rep != nil {
			r.rep.Restored = true
		}
		return
	}
	r.ev.stage(diag.StageRestore, "putting everything back")
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
		r.ev.warn(diag.StageRestore, "RESTORE INCOMPLETE: "+err.Error())
		return
	}
	r.rep.Restored = true
	r.ev.step(diag.StageRestore, "verified: files and options are as before the run")
}
