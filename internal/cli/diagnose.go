package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/internal/report"

	"github.com/spf13/cobra"
)

// DiagnoseOptions are the inputs of `wpdoctor diagnose`.
type DiagnoseOptions struct {
	IO                   IOStreams
	Conn                 ConnFlags
	Target               string
	JSON                 bool
	Report               string   // --report FILE.md|FILE.html
	URLs                 []string // --url, extra URLs to probe
	SiteURL              string   // --site-url, overrides home from the DB
	Site                 int64    // --site N: a network's site, by blog ID
	Resolve              []string // --resolve host:port:addr
	ProbeTimeout         time.Duration
	Repeat               int
	AutoBisect           bool
	Strategy             string // auto|rename|db
	LeaveCulpritDisabled bool
	Quiet                bool
}

func newDiagnoseCmd(io IOStreams, runF func(context.Context, *DiagnoseOptions) error) *cobra.Command {
	opts := &DiagnoseOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "diagnose TARGET",
		Short: "Find out why the site fails and name the cause, with its evidence",
		Long: `Probe the site, read its logs (with WordPress debug logging turned on for the
duration, then put back exactly), run the checks and name the cause of the
failure with its evidence and a fix.

With --auto-bisect, when the evidence does not name the culprit, switch plugins,
the theme, must-use plugins and drop-ins off in halving steps until the failing
component is found; every change is journaled and undone at the end.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Target = args[0]
			switch opts.Strategy {
			case "auto", "rename", "db", "isolated":
			default:
				return usageError{fmt.Errorf("--strategy must be auto, rename, db or isolated, not %q", opts.Strategy)}
			}
			if err := checkSite(opts.Site); err != nil {
				return err
			}
			if opts.Repeat < 1 {
				return usageError{fmt.Errorf("--repeat must be at least 1")}
			}
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runDiagnose(cmd.Context(), opts)
		},
	}
	opts.Conn.register(cmd.Flags())
	f := cmd.Flags()
	f.BoolVar(&opts.JSON, "json", false, "print the report as JSON")
	f.StringVar(&opts.Report, "report", "", "also write the report to `FILE` (.md or .html)")
	f.StringArrayVar(&opts.URLs, "url", nil, "also probe `URL` (repeatable)")
	f.StringVar(&opts.SiteURL, "site-url", "", "the site's `URL` (default: the home option from the database)")
	siteFlag(f, &opts.Site)
	f.StringArrayVar(&opts.Resolve, "resolve", nil, "connect to `HOST:PORT:ADDR` instead of resolving HOST, like curl (reach the origin behind a CDN)")
	f.DurationVar(&opts.ProbeTimeout, "probe-timeout", 30*time.Second, "timeout of each HTTP probe")
	f.IntVar(&opts.Repeat, "repeat", 3, "probes per URL, to tell a steady failure from an intermittent one")
	f.BoolVar(&opts.AutoBisect, "auto-bisect", false, "bisect plugins, theme, must-use plugins and drop-ins without asking")
	f.StringVar(&opts.Strategy, "strategy", "auto", "how to switch plugins off: auto, rename (folders), db (active_plugins) or isolated (only for wpdoctor's own requests, through a must-use probe agent)")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "no progress lines on stderr")
	f.BoolVar(&opts.LeaveCulpritDisabled, "leave-culprit-disabled", false, "after bisecting, keep only the culprit switched off (journaled)")
	return cmd
}

func runDiagnose(ctx context.Context, opts *DiagnoseOptions) error {
	s, closeSite, err := openSite(ctx, opts.IO, &opts.Conn, opts.Target)
	if err != nil {
		return err
	}
	defer closeSite()
	if opts.SiteURL == "" {
		if _, a, _ := parseTarget(opts.Target); a.URL != "" {
			opts.SiteURL = a.URL // the alias's url:
		}
	}
	stateDir, err := journal.StateDir()
	if err != nil {
		return err
	}
	var sink diag.Sink
	if !opts.Quiet {
		sink = func(e diag.Event) {
			if line := report.ProgressLine(e); line != "" {
				fmt.Fprintln(opts.IO.ErrOut, line)
			}
		}
	}
	rep, err := diagnoseSession(ctx, opts, s, doctor.OpenOptions{
		StateDir: stateDir, Sink: sink, Tool: "wpdoctor " + Version, ProbeTimeout: opts.ProbeTimeout, Resolve: opts.Resolve,
		Operation: operation(opts), AfterChange: failpoint(),
	})
	if rep == nil {
		return explainNoURL(s, err)
	}
	return finishDiagnose(ctx, opts, rep, err)
}

func operation(opts *DiagnoseOptions) string {
	if opts.AutoBisect {
		return "diagnose --auto-bisect"
	}
	return "diagnose"
}

// diagnoseSession runs the engine's session with the command line's fixed
// answers: stop at an obstacle (exit 7 or 8), bisect when the plan says so
// and --auto-bisect is given, keep the culprit off when asked. The report
// is nil when the diagnosis could not begin.
func diagnoseSession(ctx context.Context, opts *DiagnoseOptions, s *doctor.Site, oo doctor.OpenOptions) (*diag.Report, error) {
	rep, err := doctor.Run(ctx, s, oo, doctor.Answers{
		Diagnose: doctor.DiagnoseOptions{SiteURL: opts.SiteURL, Site: opts.Site, URLs: opts.URLs, Repeat: opts.Repeat},
		Bisect:   opts.AutoBisect, Strategy: opts.Strategy, KeepCulpritOff: opts.LeaveCulpritDisabled,
	})
	if rep != nil && !rep.Restored && errors.Is(err, journal.ErrRestoreIncomplete) {
		err = nil // the report says so; the exit code follows from it
	}
	return rep, err
}

// verdictExit maps a report to the documented exit codes.
func verdictExit(r *diag.Report) int {
	switch {
	case !r.Restored:
		return ExitRestoreIncomplete
	case r.Verdict.Kind == diag.KindHealthy:
		return ExitOK
	case r.Verdict.Kind.IsComponent():
		return ExitCulprit
	}
	return ExitBroken
}

// failpoint reads WPDOCTOR_FAILPOINT_KILL_AFTER_CHANGE=N: a testing aid
// that kills the process with SIGKILL right after the N-th journaled change,
// as a crash or kill -9 would, so that tests can prove `wpdoctor restore`.
func failpoint() func(int) {
	n, err := strconv.Atoi(os.Getenv("WPDOCTOR_FAILPOINT_KILL_AFTER_CHANGE"))
	if err != nil || n <= 0 {
		return nil
	}
	return func(seq int) {
		if seq == n {
			_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // never returns
		}
	}
}
