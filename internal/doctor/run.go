package doctor

import (
	"context"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// Answers are a front end's fixed answers to the session's questions, for
// a run that asks nobody (the CLI's flags, fleet mode).
type Answers struct {
	Diagnose DiagnoseOptions
	// RestorePending: restore what an earlier run left (and a stale lock)
	// before diagnosing, instead of stopping at it.
	RestorePending bool
	// Bisect when the diagnosis proposes it, with Strategy (auto, db,
	// rename, isolated) for the plugins.
	Bisect   bool
	Strategy string
	// KeepCulpritOff after a bisect that found the culprit.
	KeepCulpritOff bool
}

// Run drives a whole session with fixed answers: open, stop at an obstacle
// (a live run's lock always; a pending journal or stale lock unless
// RestorePending), diagnose, bisect, keep the culprit off, close. It
// returns the report (nil when the diagnosis could not begin) and the
// first error; the site is restored whatever happens, except what is
// kept on purpose.
func Run(ctx context.Context, s *Site, o OpenOptions, a Answers) (*diag.Report, error) {
	sess, err := Open(ctx, s, o)
	if err != nil {
		return nil, err
	}
	if err := runSession(ctx, sess, a); err != nil {
		rep, _ := sess.Close(ctx)
		return rep, err
	}
	return sess.Close(ctx)
}

func runSession(ctx context.Context, sess *Session, a Answers) error {
	if len(sess.Obstacles()) > 0 {
		if !a.RestorePending || sess.Obstacles()[0].Kind == ObstacleLiveLock {
			return sess.blocked()
		}
		if _, err := sess.RestorePending(ctx); err != nil {
			return err
		}
	}
	if a.Diagnose.Strategy == "" {
		a.Diagnose.Strategy = a.Strategy
	}
	d, err := sess.Diagnose(ctx, a.Diagnose)
	if err != nil {
		return err
	}
	if a.Bisect && d.Plan != nil {
		// The plan was made for a.Strategy (DiagnoseOptions.Strategy).
		if _, err := sess.Bisect(ctx, d.Plan); err != nil {
			return err
		}
	}
	if a.KeepCulpritOff && len(sess.Culprits()) > 0 {
		// A culprit not kept off is noted in the report; the run goes on.
		_, _ = sess.KeepCulpritOff(ctx)
	}
	return nil
}
