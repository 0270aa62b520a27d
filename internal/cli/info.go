package cli

import (
	"context"
	"encoding/json"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/report"

	"github.com/spf13/cobra"
)

// InfoOptions are the inputs of `wpdoctor info`.
type InfoOptions struct {
	IO     IOStreams
	Conn   ConnFlags
	Target string
	JSON   bool
}

// dbTimeout bounds the database connection of every command.
const dbTimeout = 10 * time.Second

func newInfoCmd(io IOStreams, runF func(context.Context, *InfoOptions) error) *cobra.Command {
	opts := &InfoOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "info TARGET",
		Short: "Connect to a WordPress install and show what was found",
		Long: `Connect to a WordPress install, find it (wp-config.php may sit one directory
above the WordPress root) and print what was found: WordPress and PHP versions,
web server, table prefix, whether the database is reachable, the site URL, and
the plugins, must-use plugins, drop-ins and themes; on a multisite network,
its sites (URL, table prefix, theme, own plugins) and the network-activated
plugins. Changes nothing. Secrets from wp-config.php are never printed.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Target = args[0]
			if err := opts.Conn.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runInfo(cmd.Context(), opts)
		},
	}
	opts.Conn.register(cmd.Flags())
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runInfo(ctx context.Context, opts *InfoOptions) error {
	s, closeSite, err := openSite(ctx, opts.IO, &opts.Conn, opts.Target)
	if err != nil {
		return err
	}
	defer closeSite()
	info := doctor.Inspect(ctx, s)
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(info)
	}
	return report.Info(opts.IO.Out, info)
}
