// Package cli wires wpdoctor's commands: flags, I/O streams, exit codes.
// Commands validate their flags and call plain functions; everything that
// touches a site lives in the packages below.
package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=...".
var Version = "dev"

// Main runs wpdoctor with the process's arguments and streams and returns
// the exit code.
func Main() int {
	ctx, stop := signalContext(context.Background())
	defer stop()
	return Run(ctx, os.Args[1:], System())
}

// Run runs wpdoctor with args and returns the exit code.
func Run(ctx context.Context, args []string, io IOStreams) int {
	root := NewRootCmd(io)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	code := signalExit(ctx, ExitCode(err))
	if err != nil {
		reportError(io, wantsJSON(cmd, args), err, code)
	}
	return code
}

// NewRootCmd builds the command tree.
func NewRootCmd(io IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "wpdoctor",
		Short: "Find out why a WordPress site answers 502 (or 500, 503, 504, a white screen) and name the component to blame",
		Long: `wpdoctor connects to a WordPress install over SSH (or works on a local path),
reads its configuration and logs, probes it over HTTP and, when the logs do not
already say, switches plugins and themes off until it has found the component
that breaks the site — then puts everything back exactly as it was.

Every change it makes is journaled before it is made; 'wpdoctor restore'
replays the journal after a crash or a lost connection.

Targets:
  ssh://user@host:port/path/to/wordpress
  user@host:/path/to/wordpress
  alias:/path/to/wordpress      (a Host in ~/.ssh/config)
  /local/path/to/wordpress

` + exitCodeHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.ArbitraryArgs,
		RunE:          unknownCommand,
	}
	// --json is known here too, so that `wpdoctor NOPE --json` is
	// reported as the unknown command it is, as JSON.
	root.Flags().Bool("json", false, "print JSON")
	_ = root.Flags().MarkHidden("json")
	root.SetIn(io.In)
	root.SetOut(io.Out)
	root.SetErr(io.ErrOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w (see '%s --help')", err, c.CommandPath())}
	})
	root.AddCommand(
		newInfoCmd(io, nil),
		newDiagnoseCmd(io, nil),
		newRestoreCmd(io, nil),
		newVersionCmd(io),
	)
	return root
}

// exactArgs is cobra.ExactArgs reported as a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MaximumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}
