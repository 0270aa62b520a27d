package cli

import (
	"context"
	"errors"

	"github.com/wpdoctor/wpdoctor/internal/dbconn"
	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/internal/remote"
	"github.com/wpdoctor/wpdoctor/internal/target"
	"github.com/wpdoctor/wpdoctor/internal/wp"
)

// Exit codes. They are a contract for scripts: documented in `wpdoctor
// --help` and README.md, never renumbered.
const (
	ExitOK                = 0   // success; for diagnose: the site is healthy
	ExitError             = 1   // wpdoctor itself failed (unexpected error)
	ExitUsage             = 2   // bad command line
	ExitCulprit           = 3   // site broken and a component was named (plugin, theme, mu-plugin, drop-in)
	ExitBroken            = 4   // site broken, no component to blame (server, core or unknown cause)
	ExitAccess            = 5   // could not reach the site: SSH, host key, authentication, database
	ExitNotWordPress      = 6   // not a WordPress install, or a wp-config.php wpdoctor cannot read safely
	ExitLocked            = 7   // another wpdoctor is working on this site
	ExitRestoreIncomplete = 8   // changes could not all be undone: run `wpdoctor restore`
	ExitInterrupted       = 130 // SIGINT or SIGTERM; SIGHUP is ExitHangup (129)
)

// exitCodeHelp is appended to the root command's help.
const exitCodeHelp = `Exit codes:
  0  success; for diagnose, the site is healthy
  1  wpdoctor failed (unexpected error)
  2  bad command line
  3  site broken, culprit component named (plugin, theme, mu-plugin, drop-in)
  4  site broken, no component to blame (server, core or unknown cause)
  5  could not reach the site (SSH, host key, authentication, database)
  6  not a WordPress install, or wp-config.php cannot be read safely
  7  another wpdoctor that is still running holds the site's lock
  8  restore incomplete, or an earlier run left changes or a stale lock: run 'wpdoctor restore'
129  interrupted by SIGHUP: terminal closed, SSH session dropped (changes were undone)
130  interrupted by Ctrl-C or SIGTERM (changes were undone)`

// ExitCodeError carries an exit code chosen by a command, such as a verdict.
type ExitCodeError struct {
	Code int
	Err  error // may be nil when the output already said everything
}

func (e *ExitCodeError) Error() string {
	if e.Err == nil {
		return "exit status"
	}
	return e.Err.Error()
}

func (e *ExitCodeError) Unwrap() error { return e.Err }

// usageError marks a bad command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// exitClasses maps the sentinel errors of the packages below to exit codes.
// This table is the one place where errors become exit codes.
var exitClasses = []struct {
	err  error
	code int
}{
	// An interrupted run whose undo did not finish is first of all
	// incomplete: those two come before the interrupt.
	{journal.ErrRestoreIncomplete, ExitRestoreIncomplete},
	{journal.ErrPending, ExitRestoreIncomplete},
	{context.Canceled, ExitInterrupted},
	{target.ErrBadTarget, ExitUsage},
	{remote.ErrUnreachable, ExitAccess},
	{remote.ErrAuth, ExitAccess},
	{remote.ErrHostKeyChanged, ExitAccess},
	{remote.ErrHostUnknown, ExitAccess},
	{dbconn.ErrUnreachable, ExitAccess},
	{dbconn.ErrAuth, ExitAccess},
	{dbconn.ErrNoDatabase, ExitAccess},
	{wp.ErrNotWordPress, ExitNotWordPress},
	{wp.ErrBadConfig, ExitNotWordPress},
	{doctor.ErrStaleLock, ExitRestoreIncomplete},
	{journal.ErrLocked, ExitLocked},
	{doctor.ErrNoURL, ExitAccess}, // no database to read the home option from
	{doctor.ErrNoSuchSite, ExitUsage},
}

// ExitCode maps an error returned by a command to the process exit code.
func ExitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var ce *ExitCodeError
	if errors.As(err, &ce) {
		return ce.Code
	}
	var ue usageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	for _, c := range exitClasses {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return ExitError
}
