package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/wpdoctor/wpdoctor/internal/aliases"
	"github.com/wpdoctor/wpdoctor/internal/fleet"
)

// FleetOptions are the inputs of `wpdoctor fleet`.
type FleetOptions struct {
	IO                IOStreams
	Conn              ConnFlags
	Selectors         []string // @alias, @group, all (or inventory names)
	Inventory         string
	Tags              []string
	Concurrency       int
	PerHost           int
	SiteTimeout       time.Duration
	AutoBisect        bool
	BisectConcurrency int
	Strategy          string
	JSON              bool
	ReportDir         string
	Shard             fleet.Shard
	ProbeTimeout      time.Duration
	Repeat            int
	// Runner runs one site (the engine unless a test sets it).
	Runner fleet.SiteRunner
	Now    func() time.Time
}

func newFleetCmd(io IOStreams, runF func(context.Context, *FleetOptions) error) *cobra.Command {
	opts := &FleetOptions{IO: io}
	var shard string
	cmd := &cobra.Command{
		Use:   "fleet [@group|@alias|all]...",
		Short: "Diagnose many sites at once, from WP-CLI aliases or an inventory",
		Long: `Diagnose every site of a WP-CLI alias group (wp-cli.yml, ~/.wp-cli/config.yml;
@all is every alias) or of an --inventory file, several at once, and print a
verdict per site and a summary. By default only diagnoses: probes, logs,
checks, verdict — the one change to a failing site is WordPress debug logging
for the duration, undone after. --auto-bisect bisects the sites whose
diagnosis recommends it, at most --bisect-concurrency at once.

One slow, unreachable or broken site never holds up or stops the others.
The same site listed twice is run once (the other entry is reported as
locked). On SIGINT/SIGTERM/SIGHUP the sites in flight are restored before
exit and the summary says which finished.

Exit code: 0 when every site is healthy, otherwise the most serious site's
code, in this order: 8 (restore incomplete), 130 (interrupted), 4 (broken),
3 (culprit), 5 (unreachable), 6 (not WordPress), 1 (error, also a site past
--site-timeout), 2 (a bad entry), 7 (locked).

  wpdoctor fleet @clients --concurrency 16 --report /var/www/fleet
  wpdoctor fleet --inventory fleet.yml --tag woo --json > fleet.json
  wpdoctor fleet @all --shard 2/4 --json > shard2.json
  wpdoctor fleet merge shard*.json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Selectors = args
			if opts.Concurrency < 1 || opts.BisectConcurrency < 1 || opts.PerHost < 1 {
				return usageError{fmt.Errorf("--concurrency, --per-host and --bisect-concurrency must be at least 1")}
			}
			if opts.Repeat < 1 {
				return usageError{fmt.Errorf("--repeat must be at least 1")}
			}
			switch opts.Strategy {
			case "auto", "rename", "db", "isolated":
			default:
				return usageError{fmt.Errorf("--strategy must be auto, rename, db or isolated, not %q", opts.Strategy)}
			}
			if shard != "" {
				s, err := fleet.ParseShard(shard)
				if err != nil {
					return usageError{err}
				}
				opts.Shard = s
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runFleet(cmd.Context(), opts)
		},
	}
	opts.Conn.register(cmd.Flags())
	f := cmd.Flags()
	f.StringVar(&opts.Inventory, "inventory", "", "read the sites from inventory `FILE` (YAML) instead of the WP-CLI aliases")
	f.StringArrayVar(&opts.Tags, "tag", nil, "only the inventory's sites with `TAG` (repeatable: any of them)")
	f.IntVar(&opts.Concurrency, "concurrency", 8, "sites diagnosed at once")
	f.IntVar(&opts.PerHost, "per-host", 4, "sites at once on one SSH connection (one connection per host)")
	f.DurationVar(&opts.SiteTimeout, "site-timeout", 10*time.Minute, "give up on a site after `DURATION` (its changes are undone)")
	f.BoolVar(&opts.AutoBisect, "auto-bisect", false, "bisect the sites whose diagnosis recommends it (changes those sites, journaled and undone)")
	f.IntVar(&opts.BisectConcurrency, "bisect-concurrency", 2, "with --auto-bisect: sites being bisected (changed) at once")
	f.StringVar(&opts.Strategy, "strategy", "auto", "default way to switch plugins off when bisecting: auto, rename, db or isolated")
	f.BoolVar(&opts.JSON, "json", false, `print one JSON document {"summary", "sites"} (per-site lines go to stderr)`)
	f.StringVar(&opts.ReportDir, "report", "", "write each site's report (.html, .md), index.html and fleet.json to `DIR`")
	f.StringVar(&shard, "shard", "", "run only share `K/N` of the sites (deterministic by name; merge the JSON with 'wpdoctor fleet merge')")
	f.DurationVar(&opts.ProbeTimeout, "probe-timeout", 30*time.Second, "timeout of each HTTP probe")
	f.IntVar(&opts.Repeat, "repeat", 3, "probes per URL")
	cmd.AddCommand(newFleetMergeCmd(io))
	return cmd
}

func runFleet(ctx context.Context, opts *FleetOptions) error {
	sites, err := fleetSites(opts)
	if err != nil {
		return err
	}
	sites = opts.Shard.Select(sites)
	if len(sites) == 0 {
		return usageError{fmt.Errorf("no sites to run (check the selection, --tag and --shard)")}
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	runner := opts.Runner
	if runner == nil {
		eng, err := newFleetEngine(opts)
		if err != nil {
			return err
		}
		defer eng.close()
		runner = eng.run
	}
	fo := fleet.Options{
		Concurrency: opts.Concurrency, SiteTimeout: opts.SiteTimeout, Now: now,
		AutoBisect: opts.AutoBisect, BisectConcurrency: opts.BisectConcurrency,
	}
	var live *liveTable
	switch {
	case opts.IO.TTY && !opts.JSON: // a live table, the finished sites scrolling above it
		live = newLiveTable(opts.IO.Out, len(sites), now)
		fo.OnEvent = live.event
		fo.OnDone = func(r fleet.SiteResult) { live.finished(fleet.NewEntry(r)) }
		live.start(500 * time.Millisecond)
	default: // one line per finished site (on stderr with --json)
		lines := opts.IO.Out
		if opts.JSON {
			lines = opts.IO.ErrOut
		}
		fo.OnDone = func(r fleet.SiteResult) { fmt.Fprintln(lines, fleet.Line(fleet.NewEntry(r))) }
	}
	started := now()
	results := fleet.Run(ctx, sites, runner, fo)
	if live != nil {
		live.close()
	}
	doc := fleet.NewDocument(results, opts.Shard, started, now())
	if opts.ReportDir != "" {
		if err := writeFleetReports(opts.ReportDir, doc); err != nil {
			return err
		}
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			return err
		}
	} else if err := fleet.Recap(opts.IO.Out, doc); err != nil {
		return err
	}
	return &ExitCodeError{Code: doc.Summary.Exit}
}

// fleetSites reads the sites the selectors name: from the inventory when
// one is given, else from the WP-CLI aliases.
func fleetSites(opts *FleetOptions) ([]fleet.Site, error) {
	env := aliasEnv()
	set, err := aliases.Load(env)
	if err != nil {
		return nil, usageError{err}
	}
	if opts.Inventory != "" {
		f, err := os.Open(opts.Inventory)
		if err != nil {
			return nil, usageError{fmt.Errorf("read inventory: %w", err)}
		}
		defer f.Close()
		all, err := fleet.ReadInventory(f, opts.Inventory, set, env.Home)
		if err != nil {
			return nil, usageError{err}
		}
		picked, err := fleet.Pick(all, opts.Selectors, opts.Tags)
		if err != nil {
			return nil, usageError{err}
		}
		return picked, nil
	}
	if len(opts.Tags) > 0 {
		return nil, usageError{fmt.Errorf("--tag needs --inventory (WP-CLI aliases have no tags)")}
	}
	sel := opts.Selectors
	if len(sel) == 0 || len(sel) == 1 && sel[0] == "all" {
		sel = []string{aliases.All}
	}
	if len(set.Names()) == 0 {
		return nil, usageError{fmt.Errorf("no WP-CLI aliases found (wp-cli.yml here or above, %s): define some, or give --inventory FILE", globalAliasFile(env))}
	}
	var out []fleet.Site
	seen := map[string]bool{}
	for _, name := range sel {
		if !aliases.ValidName(name) {
			return nil, usageError{fmt.Errorf("%q: name an alias or group (@name) or all", name)}
		}
		as, err := set.Resolve(name)
		if err != nil {
			return nil, usageError{err}
		}
		for _, s := range fleet.FromAliases(as) {
			if !seen[s.Name] {
				seen[s.Name] = true
				out = append(out, s)
			}
		}
	}
	return out, nil
}

func globalAliasFile(env aliases.Env) string {
	if env.Getenv != nil && env.Getenv("WP_CLI_CONFIG_PATH") != "" {
		return env.Getenv("WP_CLI_CONFIG_PATH")
	}
	return "~/.wp-cli/config.yml"
}
