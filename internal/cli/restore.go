package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/internal/report"
)

// RestoreOptions are the inputs of `wpdoctor restore`.
type RestoreOptions struct {
	IO     IOStreams
	Conn   ConnFlags
	Target string // empty: every site with a pending journal
	List   bool
	Kept   bool // revert a change kept on purpose (--leave-culprit-disabled)
}

func newRestoreCmd(io IOStreams, runF func(context.Context, *RestoreOptions) error) *cobra.Command {
	opts := &RestoreOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "restore [TARGET]",
		Short: "Undo what an interrupted run left changed, from its journal",
		Long: `Replay the undo steps of the journal a run left behind (after a crash, Ctrl-C,
a lost connection or kill -9) and verify the site against the snapshot taken
before the first change; then remove the site lock. Safe to run twice.
Without TARGET, restores every site that has a pending journal, reconnecting
to the target each journal names.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Target = args[0]
			}
			if err := opts.Conn.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRestore(cmd.Context(), opts)
		},
	}
	opts.Conn.register(cmd.Flags())
	cmd.Flags().BoolVar(&opts.List, "list", false, "list pending journals and change nothing")
	cmd.Flags().BoolVar(&opts.Kept, "kept", false, "switch back on what --leave-culprit-disabled left off (needs TARGET)")
	return cmd
}

func runRestore(ctx context.Context, opts *RestoreOptions) error {
	// A restore must not be stopped half-way by Ctrl-C.
	ctx = context.WithoutCancel(ctx)
	dir, err := journal.StateDir()
	if err != nil {
		return err
	}
	js, err := doctor.ListJournals(dir)
	if err != nil {
		return err
	}
	// A damaged file blocks nothing: it is reported, the others go on.
	for _, d := range js.Damaged {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", report.Clean(d.String()))
	}
	if opts.List {
		if len(js.Pending) == 0 {
			fmt.Fprintln(opts.IO.Out, "No pending journals.")
		}
		for _, p := range js.Pending {
			fmt.Fprintf(opts.IO.Out, "%s\n  site %s (%s)\n  %s by pid %d on %s, %d step(s), %d undone\n",
				report.Clean(p.Path), report.Clean(p.Info.Target), report.Clean(p.Info.Root), report.Clean(p.Info.Operation), p.Info.PID, report.Clean(p.Info.Host), p.Steps, p.Undone)
			if p.Live() {
				fmt.Fprintln(opts.IO.Out, "  in use: that run is still going")
			}
		}
		for _, d := range js.Damaged {
			fmt.Fprintf(opts.IO.Out, "%s\n  DAMAGED: %s\n  set it aside with: %s\n", report.Clean(d.Path), report.Clean(d.Problem), report.Clean(d.MoveAside()))
		}
		return nil
	}
	if opts.Kept && opts.Target == "" {
		return usageError{errors.New("--kept needs the TARGET whose culprit was left disabled")}
	}
	if opts.Target != "" {
		return restoreTarget(ctx, opts, opts.Target, dir, true)
	}
	if len(js.Pending) == 0 && len(js.Damaged) == 0 {
		fmt.Fprintln(opts.IO.Out, "Nothing to restore: no pending journals.")
		return nil
	}
	var errs []error
	for _, p := range js.Pending {
		if err := restoreTarget(ctx, opts, p.Info.Target, dir, false); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.Info.Target, err))
		}
	}
	if len(js.Damaged) > 0 {
		errs = append(errs, fmt.Errorf("%d damaged journal file(s) left as they are (see the warnings above)", len(js.Damaged)))
	}
	return errors.Join(errs...)
}

// restoreTarget connects to a site and replays its pending journal, if any.
func restoreTarget(ctx context.Context, opts *RestoreOptions, raw, dir string, explicit bool) error {
	s, closeSite, err := openSite(ctx, opts.IO, &opts.Conn, raw)
	if err != nil {
		return err
	}
	defer closeSite()
	if opts.Kept {
		return restoreKept(ctx, opts, s, dir)
	}
	if _, ok := journal.PendingFor(dir, doctor.SiteKey(s)); !ok && !explicit {
		return nil
	}
	res, err := doctor.RestorePending(ctx, s, dir)
	switch {
	case isLocked(err):
		return err // a live run holds the site: nothing was touched
	case res.Journal == "":
		fmt.Fprintf(opts.IO.Out, "Nothing to restore for %s.\n", report.Clean(raw))
		if res.BrokeLock != "" {
			fmt.Fprintf(opts.IO.Out, "Removing a stale lock (%s).\n", report.Clean(res.BrokeLock))
		}
		return err
	}
	fmt.Fprintf(opts.IO.Out, "Restoring %s from %s\n", report.Clean(raw), report.Clean(res.Journal))
	printUndo(opts.IO, res.Report)
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.Out, "  verified: the touched files and options are as before the run")
	return nil
}

// isLocked: a live run holds the site (the error says who).
func isLocked(err error) bool {
	var le *journal.LockedError
	return errors.As(err, &le) && !le.Stale
}

// restoreKept switches back on what --leave-culprit-disabled left off.
func restoreKept(ctx context.Context, opts *RestoreOptions, s *doctor.Site, dir string) error {
	res, err := doctor.RestoreKept(ctx, s, dir)
	if res == nil && err == nil {
		fmt.Fprintln(opts.IO.Out, "No kept change for this site.")
		return nil
	}
	if res != nil {
		printUndo(opts.IO, res.Report)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.Out, "  verified: the component left disabled is back as it was")
	return nil
}

// printUndo says what an undo did and what still differs.
func printUndo(io IOStreams, rep *journal.Report) {
	if rep == nil {
		return
	}
	for _, u := range rep.Undone {
		fmt.Fprintf(io.Out, "  undone: %s\n", report.Clean(u))
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(io.Out, "  note: %s\n", report.Clean(n))
	}
	for _, d := range rep.Diffs {
		fmt.Fprintf(io.Out, "  DIFFERS: %s\n", report.Clean(d.String()))
	}
}
