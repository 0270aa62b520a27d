package doctor

import (
	"context"
	"errors"
	"fmt"
	"path"

	"github.com/wpdoctor/wpdoctor/internal/journal"
)

// RestoreResult says what a restore did.
type RestoreResult struct {
	// Journal is the journal replayed ("" when there was none).
	Journal string
	Report  *journal.Report
	// BrokeLock says why a stale lock was removed ("" when none was).
	BrokeLock string
}

// Journals is what the state directory holds.
type Journals struct {
	Pending []journal.Pending
	// Damaged files block nothing: they are reported, the others are used.
	Damaged []journal.Damaged
}

// ListJournals lists the pending journals of every site, and the files of
// the journal directory that cannot be read as journals.
func ListJournals(stateDir string) (*Journals, error) {
	p, d, err := journal.ScanJournals(stateDir)
	if err != nil {
		return nil, err
	}
	return &Journals{Pending: p, Damaged: d}, nil
}

// RestorePending undoes what an earlier run left on the site, from its
// pending journal, verifies the site and removes the site lock; with no
// pending journal it only removes a stale lock. It refuses a site whose
// lock a live run holds (journal.ErrLocked): never touch a site another
// run is changing. It runs on a context of its own and is safe to repeat.
func RestorePending(ctx context.Context, s *Site, stateDir string) (*RestoreResult, error) {
	ctx = context.WithoutCancel(ctx)
	res := &RestoreResult{}
	configDir := path.Dir(s.Loc.Config)
	held, err := journal.Holder(ctx, s.FS, configDir)
	if err != nil {
		return res, err
	}
	if held != nil && !held.Stale {
		return res, held
	}
	p, ok := journal.PendingFor(stateDir, SiteKey(s))
	if !ok {
		if held != nil {
			res.BrokeLock = held.Why
			return res, journal.BreakLock(ctx, s.FS, configDir)
		}
		return res, nil
	}
	res.Journal = p
	pend, err := journal.ReadPending(p)
	if err != nil {
		return res, fmt.Errorf("restore %s: %w", s.Target, err)
	}
	if pend.Live() {
		return res, liveJournalError(pend, configDir)
	}
	if held == nil {
		// Hold the site while restoring: no run may start meanwhile.
		lock, err := journal.Lock(ctx, s.FS, configDir, journal.LockInfo{Journal: p})
		var le *journal.LockedError
		switch {
		case errors.As(err, &le) && !le.Stale:
			return res, le
		case err != nil && !errors.As(err, &le):
			return res, err
		}
		_ = lock
	} else {
		res.BrokeLock = held.Why
	}
	rep, err := journal.Restore(ctx, journalEnv(s, stateDir), p)
	res.Report = rep
	if err != nil {
		return res, err
	}
	return res, journal.BreakLock(ctx, s.FS, configDir)
}

// RestoreKept switches back on what KeepCulpritOff left off, from the
// site's kept journal, and verifies. It returns a nil result when the site
// has no kept change; it refuses a site a live run holds.
func RestoreKept(ctx context.Context, s *Site, stateDir string) (*RestoreResult, error) {
	ctx = context.WithoutCancel(ctx)
	p, ok := journal.KeptFor(stateDir, SiteKey(s))
	if !ok {
		return nil, nil
	}
	res := &RestoreResult{Journal: p}
	held, err := journal.Holder(ctx, s.FS, path.Dir(s.Loc.Config))
	if err != nil {
		return res, err
	}
	if held != nil && !held.Stale {
		return res, held
	}
	rep, err := journal.RestoreKept(ctx, journalEnv(s, stateDir), p)
	res.Report = rep
	return res, err
}

func journalEnv(s *Site, stateDir string) journal.Env {
	// Undo may touch only this install: its root, its config's folder and
	// its content folders.
	env := journal.Env{FS: s.FS, Dir: stateDir, Root: s.Loc.ABSPATH, Config: s.Loc.Config,
		Dirs: []string{s.Config.ContentDir, s.Config.PluginDir, s.Config.MUPluginDir}}
	if s.DB != nil {
		env.Options = s.DB
	}
	return env
}

// liveJournalError: the journal's own run is alive on this machine.
func liveJournalError(pend journal.Pending, configDir string) *journal.LockedError {
	return &journal.LockedError{Dir: path.Join(configDir, journal.LockName), Holder: journal.LockInfo{
		Tool: "wpdoctor", Host: pend.Info.Host, PID: pend.Info.PID, Started: pend.Info.Started, Journal: pend.Path}}
}

func liveJournalObstacle(p string, s *Site) Obstacle {
	pend, _ := journal.ReadPending(p)
	return lockObstacle(liveJournalError(pend, path.Dir(s.Loc.Config)), s.Target)
}
