package doctor

import (
	"context"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/internal/probe"
)

// The engine's seams. Files and commands go through site.FS and site.Shell
// (see internal/site for their contracts); the rest is here.

// OptionStore is the site's option table (wpdb.DB implements it).
//
// Contract: Option returns the raw stored bytes and whether the row exists;
// CompareAndSwapOption writes new only if the row still holds old (or is
// still missing when !oldFound), creating the row if needed, and says
// whether it did; DeleteOption deletes the row only if it holds value;
// OptionDigests lists every row with the hex SHA-256 of its value.
type OptionStore interface {
	journal.OptionStore
	journal.OptionLister
}

// Prober makes HTTP requests to the site (probe.Prober implements it).
//
// Contract: Probe never returns an error, the Result says what happened
// (a cancelled ctx gives a non-failing ClassCanceled Result); ProbeWithin
// is Probe with its own deadline d (0: the prober's timeout), answering
// ClassTimeout when d passes; Requests counts every HTTP request made so
// far, redirect hops included; it is safe for concurrent use.
type Prober interface {
	Probe(ctx context.Context, url string) probe.Result
	ProbeWithin(ctx context.Context, url string, d time.Duration) probe.Result
	Requests() int64
}

// Clock is time as the engine sees it (waits for PHP's opcache, report
// times).
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx ends (then it returns ctx.Err()).
	Sleep(ctx context.Context, d time.Duration) error
}

// realClock is the wall clock.
type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
