package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/go-sql-driver/mysql"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/tui"
)

// TUIOptions are the inputs of `wpdoctor tui` (and of bare `wpdoctor` on a
// terminal).
type TUIOptions struct {
	IO           IOStreams
	Conn         ConnFlags
	Target       string
	URLs         []string
	SiteURL      string
	Site         int64 // --site N: a network's site, by blog ID
	Resolve      []string
	ProbeTimeout time.Duration
	Repeat       int
	Strategy     string
}

func newTUICmd(io IOStreams, runF func(context.Context, *TUIOptions) error) *cobra.Command {
	opts := &TUIOptions{IO: io}
	cmd := &cobra.Command{
		Use:   "tui [TARGET]",
		Short: "Diagnose a site from a terminal UI: watch the evidence, accept the bisect, keep the culprit off",
		Long: `Open the terminal UI. Without TARGET it offers the Host entries of ~/.ssh/config,
WP-CLI aliases and recent targets; with one it connects and diagnoses straight
away. Nothing on the site changes but (journaled) debug logging until you
accept a bisect plan; q or Ctrl-C at any screen restores the site first.

Keys: ↑/↓ or j/k move, enter takes the highlighted action, esc goes back,
/ filters the site list, s changes the bisect strategy, space excludes a
component from the bisect, ? shows every key, q quits (restoring).`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Target = args[0]
			}
			switch opts.Strategy {
			case "auto", "rename", "db", "isolated":
			default:
				return usageError{fmt.Errorf("--strategy must be auto, rename, db or isolated, not %q", opts.Strategy)}
			}
			if err := checkProbeFlags(&opts.Conn, opts.SiteURL, opts.URLs, opts.Resolve, opts.ProbeTimeout); err != nil {
				return err
			}
			if err := checkSite(opts.Site); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runTUI(cmd.Context(), opts)
		},
	}
	opts.Conn.register(cmd.Flags())
	f := cmd.Flags()
	f.StringArrayVar(&opts.URLs, "url", nil, "also probe `URL` (repeatable)")
	f.StringVar(&opts.SiteURL, "site-url", "", "the site's `URL` (default: the home option from the database)")
	siteFlag(f, &opts.Site)
	f.StringArrayVar(&opts.Resolve, "resolve", nil, "connect to `HOST:PORT:ADDR` instead of resolving HOST, like curl")
	f.DurationVar(&opts.ProbeTimeout, "probe-timeout", 30*time.Second, "timeout of each HTTP probe")
	f.IntVar(&opts.Repeat, "repeat", 3, "probes per URL")
	f.StringVar(&opts.Strategy, "strategy", "auto", "how the bisect switches plugins off: auto, rename, db or isolated (the plan lets you change it)")
	return cmd
}

// defaultTUIOptions are those of bare `wpdoctor`.
func defaultTUIOptions(io IOStreams) *TUIOptions {
	o := &TUIOptions{IO: io, ProbeTimeout: 30 * time.Second, Repeat: 3, Strategy: "auto"}
	o.Conn.register(pflag.NewFlagSet("defaults", pflag.ContinueOnError))
	return o
}

func runTUI(ctx context.Context, opts *TUIOptions) error {
	if !opts.IO.TTY || !opts.IO.StdinTTY {
		return usageError{errors.New("the TUI needs a terminal; on a pipe use 'wpdoctor diagnose TARGET'")}
	}
	stateDir, err := journal.StateDir()
	if err != nil {
		return err
	}
	// A closed terminal restores too.
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGHUP)
	defer stop()
	if _, ok := os.LookupEnv("NO_COLOR"); ok {
		lipgloss.SetColorProfile(termenv.Ascii)
	}
	quiet()
	eng := newTUIEngine(opts, stateDir)
	m := tui.New(eng, tui.Options{Target: opts.Target, Sites: siteSources(opts, stateDir)})
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx), tea.WithInput(opts.IO.In), tea.WithOutput(opts.IO.Out))
	_, runErr := p.Run()
	eng.stop()
	closed, text := m.Closed()
	closeErr := m.Err()
	if !closed {
		fmt.Fprintln(opts.IO.ErrOut, "wpdoctor: restoring the site before exiting…")
		text, err = eng.Close(context.Background())
		if err != nil {
			closeErr = err
		}
	}
	if text != "" {
		fmt.Fprintln(opts.IO.Out, text)
	}
	switch {
	case closeErr != nil:
		return closeErr
	case runErr != nil && !closed, m.Interrupted():
		return &ExitCodeError{Code: ExitInterrupted}
	case eng.report != nil && eng.report.Verdict.Kind != "":
		return &ExitCodeError{Code: verdictExit(eng.report)}
	}
	return nil
}

// quiet keeps libraries from writing to the terminal behind the TUI.
func quiet() {
	log.SetOutput(io.Discard)
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	_ = mysql.SetLogger(log.New(io.Discard, "", 0))
}

func siteSources(opts *TUIOptions, stateDir string) tui.SiteSources {
	home, _ := os.UserHomeDir()
	s := tui.SiteSources{SSHConfig: opts.Conn.SSHConfig, StateDir: stateDir}
	if s.SSHConfig == "" && home != "" {
		s.SSHConfig = filepath.Join(home, ".ssh", "config")
	}
	if wd, err := os.Getwd(); err == nil {
		s.WPCLI = append(s.WPCLI, filepath.Join(wd, "wp-cli.yml"))
	}
	if home != "" {
		s.WPCLI = append(s.WPCLI, filepath.Join(home, ".wp-cli", "config.yml"))
	}
	return s
}
