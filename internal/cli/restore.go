package cli

import (
	"context"
	"errors"
	"fmt"
	"path"

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
	pending, err := journal.ListPending(dir)
	if err != nil {
		return err
	}
	if opts.List {
		if len(pending) == 0 {
			fmt.Fprintln(opts.IO.Out, "No pending journals.")
		}
		for _, p := range pending {
			fmt.Fprintf(opts.IO.Out, "%s\n  site %s (%s)\n  %s by pid %d on %s, %d step(s), %d undone\n",
				report.Clean(p.Path), report.Clean(p.Info.Target), report.Clean(p.Info.Root), report.Clean(p.Info.Operation), p.Info.PID, report.Clean(p.Info.Host), p.Steps, p.Undone)
		}
		return nil
	}
	if opts.Kept && opts.Target == "" {
		return usageError{errors.New("--kept needs the TARGET whose culprit was left disabled")}
	}
	if opts.Target != "" {
		return restoreTarget(ctx, opts, opts.Target, dir, true)
	}
	if len(pending) == 0 {
		fmt.Fprintln(opts.IO.Out, "Nothing to restore: no pending journals.")
		return nil
	}
	var errs []error
	for _, p := range pending {
		if err := restoreTarget(ctx, opts, p.Info.Target, dir, false); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p.Info.Target, err))
		}
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
	p, ok := journal.PendingFor(dir, doctor.SiteKey(s))
	if !ok {
		if explicit {
			fmt.Fprintf(opts.IO.Out, "Nothing to restore for %s.\n", raw)
			return breakStaleLock(ctx, opts, s)
		}
		return nil
	}
	env := journal.Env{FS: s.Conn.FS, Dir: dir, Root: s.Loc.ABSPATH, Config: s.Loc.Config, Dirs: siteDirs(s)}
	if s.DB != nil {
		env.Options = s.DB
	}
	fmt.Fprintf(opts.IO.Out, "Restoring %s from %s\n", raw, p)
	rep, err := journal.Restore(ctx, env, p)
	printUndo(opts.IO, rep)
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.Out, "  verified: the touched files and options are as before the run")
	return journal.BreakLock(ctx, s.Conn.FS, path.Dir(s.Loc.Config))
}

// breakStaleLock removes a lock left by a dead run that had nothing to undo.
func breakStaleLock(ctx context.Context, opts *RestoreOptions, s *doctor.Site) error {
	l, err := journal.Lock(ctx, s.Conn.FS, path.Dir(s.Loc.Config), journal.LockInfo{})
	var le *journal.LockedError
	switch {
	case err == nil:
		return l.Release(ctx)
	case errors.As(err, &le) && le.Stale:
		fmt.Fprintf(opts.IO.Out, "Removing a stale lock (%s).\n", report.Clean(le.Why))
		return journal.BreakLock(ctx, s.Conn.FS, path.Dir(s.Loc.Config))
	}
	return err
}

// restoreKept switches back on what --leave-culprit-disabled left off.
func restoreKept(ctx context.Context, opts *RestoreOptions, s *doctor.Site, dir string) error {
	p, ok := journal.KeptFor(dir, doctor.SiteKey(s))
	if !ok {
		fmt.Fprintln(opts.IO.Out, "No kept change for this site.")
		return nil
	}
	env := journal.Env{FS: s.Conn.FS, Dir: dir, Root: s.Loc.ABSPATH, Config: s.Loc.Config, Dirs: siteDirs(s)}
	if s.DB != nil {
		env.Options = s.DB
	}
	rep, err := journal.RestoreKept(ctx, env, p)
	printUndo(opts.IO, rep)
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

// siteDirs are the install's content folders, which undo may touch even
// outside its root.
func siteDirs(s *doctor.Site) []string {
	return []string{s.Config.ContentDir, s.Config.PluginDir, s.Config.MUPluginDir}
}
