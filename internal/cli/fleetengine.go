package cli

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/wpdoctor/wpdoctor/internal/connect"
	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/fleet"
	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/internal/target"
)

// fleetEngine is the fleet's SiteRunner over the engine: one SSH
// connection per host, shared by that host's sites, and the site's own
// diagnosis as `wpdoctor diagnose` runs it. This is the one adapter to
// change when the engine's API changes.
type fleetEngine struct {
	opts     *FleetOptions
	base     connect.Options
	stateDir string
	pool     *connPool
	claims   *fleet.Claims
}

func newFleetEngine(opts *FleetOptions) (*fleetEngine, error) {
	io := opts.IO
	io.StdinTTY = false // many sites at once: no prompts
	base, err := opts.Conn.connectOptions(io)
	if err != nil {
		return nil, err
	}
	stateDir, err := journal.StateDir()
	if err != nil {
		return nil, err
	}
	return &fleetEngine{opts: opts, base: base, stateDir: stateDir, claims: fleet.NewClaims(),
		pool: newConnPool(connect.Open, opts.PerHost)}, nil
}

func (e *fleetEngine) close() { e.pool.closeAll() }

// run diagnoses one site; see fleet.SiteRunner for the contract.
func (e *fleetEngine) run(ctx context.Context, s fleet.Site, ro fleet.RunOptions) fleet.SiteResult {
	o := e.base
	o.Identities = append(append([]string(nil), s.Identities...), o.Identities...)
	if s.KnownHosts != "" {
		o.KnownHosts = s.KnownHosts
	}
	conn, release, err := e.pool.get(ctx, s, o)
	if err != nil {
		return fleet.SiteResult{Exit: ExitCode(err), Err: fmt.Errorf("connect to %s: %w", s.Display(), err)}
	}
	defer release()
	site, err := doctor.OpenSite(ctx, access(conn), conn.Abs(conn.Target.Path), dbTimeout)
	if err != nil {
		return fleet.SiteResult{Exit: ExitCode(err), Err: fmt.Errorf("open %s: %w", s.Display(), err)}
	}
	defer site.Close()
	// The install itself, however the entry spelled it: held to the end
	// of the run (the same entry may come back to bisect). Another
	// process's lock is the session's obstacle (exit 7, or 8 for a stale
	// one or a pending journal).
	if _, holder, ok := e.claims.Claim(doctor.SiteKey(site), s.Name); !ok {
		return fleet.SiteResult{Exit: ExitLocked,
			Err: fmt.Errorf("%w: %s is the same install (%s) as %s, which this fleet run is working on", journal.ErrLocked, s.Name, site.Loc.ABSPATH, holder)}
	}
	strategy := s.Strategy
	if strategy == "" {
		strategy = e.opts.Strategy
	}
	op := "fleet diagnose"
	if ro.AutoBisect {
		op = "fleet diagnose --auto-bisect"
	}
	rep, err := doctor.Run(ctx, site, doctor.OpenOptions{
		Name: s.Name, StateDir: e.stateDir, Sink: ro.Events, Tool: "wpdoctor " + Version,
		ProbeTimeout: e.opts.ProbeTimeout, Operation: op,
	}, doctor.Answers{
		Diagnose: doctor.DiagnoseOptions{SiteURL: s.URL, URLs: s.URLs, Repeat: e.opts.Repeat},
		Bisect:   ro.AutoBisect, Strategy: strategy,
	})
	if rep != nil && !rep.Restored && errors.Is(err, journal.ErrRestoreIncomplete) {
		err = nil // the report says so; siteOutcome gives exit 8
	}
	return siteOutcome(rep, err)
}

// siteOutcome is what `wpdoctor diagnose` would exit with.
func siteOutcome(rep *diag.Report, err error) fleet.SiteResult {
	switch {
	case rep == nil:
		return fleet.SiteResult{Exit: ExitCode(err), Err: err}
	case !rep.Restored:
		if err == nil {
			err = journal.ErrRestoreIncomplete
		}
		if !errors.Is(err, journal.ErrRestoreIncomplete) {
			err = fmt.Errorf("%w: %w", journal.ErrRestoreIncomplete, err)
		}
		return fleet.SiteResult{Exit: ExitRestoreIncomplete, Err: err, Report: rep}
	case err != nil:
		return fleet.SiteResult{Exit: ExitCode(err), Err: err, Report: rep}
	}
	return fleet.SiteResult{Exit: verdictExit(rep), Report: rep}
}

// connPool keeps one SSH connection per host (and identity), opened by the
// first site that needs it; the others wait for it, or for its error —
// an unreachable host is tried once, not once per site. At most perHost
// sites use one connection at once (sshd limits sessions per connection).
type connPool struct {
	open    func(context.Context, target.Target, connect.Options) (*connect.Conn, error)
	perHost int
	mu      sync.Mutex
	hosts   map[string]*hostConn
}

type hostConn struct {
	ready chan struct{} // closed once conn or err is set
	conn  *connect.Conn
	err   error
	slots chan struct{}
}

func newConnPool(open func(context.Context, target.Target, connect.Options) (*connect.Conn, error), perHost int) *connPool {
	return &connPool{open: open, perHost: perHost, hosts: map[string]*hostConn{}}
}

// get returns a connection for the site, with the site's target; release
// gives its slot back (the connection stays open until closeAll).
func (p *connPool) get(ctx context.Context, s fleet.Site, o connect.Options) (*connect.Conn, func(), error) {
	key := s.HostKey()
	if key == "" { // a local path: nothing to share
		c, err := p.open(ctx, s.Target, o)
		if err != nil {
			return nil, nil, err
		}
		return c, func() { c.Close() }, nil
	}
	p.mu.Lock()
	h, ok := p.hosts[key]
	if !ok {
		h = &hostConn{ready: make(chan struct{}), slots: make(chan struct{}, p.perHost)}
		p.hosts[key] = h
	}
	p.mu.Unlock()
	if !ok {
		h.conn, h.err = p.open(ctx, s.Target, o)
		close(h.ready)
	}
	select {
	case <-h.ready:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	if h.err != nil {
		return nil, nil, h.err
	}
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	c := *h.conn // the same SSH, SFTP and shell; this site's target
	c.Target = s.Target
	return &c, func() { <-h.slots }, nil
}

func (p *connPool) closeAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, h := range p.hosts {
		select {
		case <-h.ready:
			if h.conn != nil {
				h.conn.Close()
			}
		default:
		}
	}
}
