package cli

import (
	"context"
	"errors"
	"os"
	"os/signal"
	"syscall"
)

// ExitHangup is the exit code of a run stopped by SIGHUP (the terminal was
// closed or the user's SSH session dropped): 128 + 1, as shells report it.
const ExitHangup = 129

// stopSignals stop a run: its context is cancelled, every change is
// undone on a context of its own, then wpdoctor exits (130, or 129 after
// SIGHUP). A signal that arrives during the undo is ignored.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// stoppedBy is the cause of a context cancelled by a signal.
type stoppedBy struct{ sig os.Signal }

func (e stoppedBy) Error() string { return "interrupted by " + e.sig.String() }
func (e stoppedBy) Unwrap() error { return context.Canceled }

// signalContext returns a context cancelled, with a stoppedBy cause, when
// one of stopSignals arrives. It also ignores SIGPIPE, so that a closed
// stdout or stderr (a dropped `ssh host wpdoctor … | tee`) makes writes
// fail instead of killing the process before it has undone its changes.
func signalContext(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, stopSignals...)
	signal.Ignore(syscall.SIGPIPE)
	go func() {
		select {
		case s := <-ch:
			cancel(stoppedBy{s})
		case <-ctx.Done():
		}
	}()
	return ctx, func() { signal.Stop(ch); cancel(nil) }
}

// signalExit adjusts an interrupted run's exit code to the signal that
// stopped it: 129 after SIGHUP; 130 (as documented) otherwise.
func signalExit(ctx context.Context, code int) int {
	var sb stoppedBy
	if code == ExitInterrupted && errors.As(context.Cause(ctx), &sb) && sb.sig == syscall.SIGHUP {
		return ExitHangup
	}
	return code
}
