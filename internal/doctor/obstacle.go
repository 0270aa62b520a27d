package doctor

import (
	"errors"
	"fmt"

	"github.com/wpdoctor/wpdoctor/internal/journal"
)

// ObstacleKind says what stands in the way of working on a site.
type ObstacleKind string

// Obstacles Open reports.
const (
	// ObstaclePending: an earlier run left changes that were not undone.
	// Answer: RestorePending first, or stop.
	ObstaclePending ObstacleKind = "pending-journal"
	// ObstacleStaleLock: the site lock of a run that is gone. Answer:
	// RestorePending (it breaks the lock after undoing what is left), or
	// stop.
	ObstacleStaleLock ObstacleKind = "stale-lock"
	// ObstacleLiveLock: another run is changing the site right now. The
	// only answer is to stop: never touch a site another run is changing.
	ObstacleLiveLock ObstacleKind = "live-lock"
)

// ErrStaleLock means a dead run's lock is on the site: `wpdoctor restore`
// must undo what it left and break the lock first.
var ErrStaleLock = errors.New("stale site lock")

// Obstacle is what Open found in the way, as a question for the front end.
type Obstacle struct {
	Kind ObstacleKind `json:"kind"`
	// Journal is the pending journal (ObstaclePending).
	Journal string `json:"journal,omitempty"`
	// Holder is who holds the lock (the lock kinds).
	Holder *journal.LockInfo `json:"holder,omitempty"`
	// Why the lock counts as stale.
	Why string `json:"why,omitempty"`
	// Restore is the command that clears it ("" for a live lock).
	Restore string `json:"restore,omitempty"`

	err error
}

// Question is the obstacle as a front end asks it.
func (o Obstacle) Question() string {
	switch o.Kind {
	case ObstaclePending:
		return "An earlier run left changes on this site that were not undone (journal " + o.Journal + "). Restore them first?"
	case ObstacleStaleLock:
		return "The site is locked by a run that is gone (" + o.Why + "). Restore what it left and remove the lock?"
	}
	return "Another wpdoctor is working on this site right now; it cannot be touched until it finishes."
}

// Err is the obstacle as an error: it matches journal.ErrPending,
// ErrStaleLock or journal.ErrLocked.
func (o Obstacle) Err() error { return o.err }

func pendingObstacle(p, target string) Obstacle {
	cmd := restoreCommand(target)
	return Obstacle{Kind: ObstaclePending, Journal: p, Restore: cmd,
		err: fmt.Errorf("%w: an earlier run left changes on this site that were not undone (journal %s): run '%s' first", journal.ErrPending, p, cmd)}
}

func lockObstacle(le *journal.LockedError, target string) Obstacle {
	h := le.Holder
	if !le.Stale {
		return Obstacle{Kind: ObstacleLiveLock, Holder: &h, err: le}
	}
	cmd := restoreCommand(target)
	return Obstacle{Kind: ObstacleStaleLock, Holder: &h, Why: le.Why, Restore: cmd,
		err: fmt.Errorf("%w: %s (pid %d on %s, since %s) left its lock %s (%s): run '%s' first",
			ErrStaleLock, h.Tool, h.PID, h.Host, h.Started.Format("2006-01-02 15:04:05Z07:00"), le.Dir, le.Why, cmd)}
}

func restoreCommand(target string) string {
	if target == "" {
		return "wpdoctor restore"
	}
	return "wpdoctor restore " + target
}
