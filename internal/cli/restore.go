package cli

import (
	"context"

	"github.com/spf13/cobra"
)

// RestoreOptions are the inputs of `wpdoctor restore`.
type RestoreOptions struct {
	IO     IOStreams
	Conn   ConnFlags
	Target string // empty: every site with a pending journal
	List   bool
}

func newRestoreCmd(io IOStreams, runF func(context.Context, *RestoreOptions) error) *cobra.Command {
	opts := &RestoreOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "restore [TARGET]",
		Short: "Undo what an interrupted run left changed, from its journal",
		Long: `Replay the undo steps of the journal a run left behind (after a crash, Ctrl-C,
a lost connection or kill -9) and verify the site against the snapshot taken
before the first change. Safe to run twice. Without TARGET, restores every site
that has a pending journal.`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Target = args[0]
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRestore(cmd.Context(), opts)
		},
	}
	opts.Conn.register(cmd.Flags())
	cmd.Flags().BoolVar(&opts.List, "list", false, "list pending journals and change nothing")
	return cmd
}

func runRestore(ctx context.Context, opts *RestoreOptions) error {
	return errNotImplemented
}
