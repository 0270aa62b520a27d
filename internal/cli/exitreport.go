package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/internal/report"
)

// errorDoc is the JSON document printed on stdout, with --json, for a
// command that ends in an error before it printed a document of its own:
// with --json every exit prints exactly one JSON document.
type errorDoc struct {
	Error string `json:"error"`
	Code  int    `json:"code"`
}

// jsonPrinted marks an error whose JSON document (a report carrying the
// error and its code) is already on stdout.
type jsonPrinted struct{ err error }

func (e jsonPrinted) Error() string { return e.err.Error() }
func (e jsonPrinted) Unwrap() error { return e.err }

// reportError tells the user how the command ended: a line on stderr and,
// with --json, the one JSON document on stdout.
func reportError(io IOStreams, asJSON bool, err error, code int) {
	msg := errorMessage(err)
	if msg != "" {
		fmt.Fprintf(io.ErrOut, "wpdoctor: %s\n", report.CleanText(msg))
	}
	var done jsonPrinted
	var ce *ExitCodeError
	if !asJSON || errors.As(err, &done) || errors.As(err, &ce) && ce.Err == nil {
		return
	}
	enc := json.NewEncoder(io.Out)
	enc.SetIndent("", "  ")
	_ = enc.Encode(errorDoc{Error: msg, Code: code})
}

// errorMessage is what the user is told about err: "" for an exit code
// whose output already said everything; an interrupt reads "interrupted",
// not Go's "context canceled".
func errorMessage(err error) string {
	var ce *ExitCodeError
	if err == nil || errors.As(err, &ce) && ce.Err == nil {
		return ""
	}
	msg := err.Error()
	if errors.Is(err, context.Canceled) {
		msg = canceledWords.Replace(msg)
		if !strings.Contains(msg, "interrupted") {
			msg = "interrupted: " + msg
		}
	}
	return msg
}

// canceledWords are Go's words for a cancelled context (the net package
// has its own).
var canceledWords = strings.NewReplacer(context.Canceled.Error(), "interrupted", "operation was canceled", "interrupted")

// wantsJSON says whether the command line asked for JSON: the parsed flag
// of the command that ran, or — when parsing failed before it, or no
// command was found — a --json among the arguments.
func wantsJSON(cmd *cobra.Command, args []string) bool {
	if cmd != nil {
		if f := cmd.Flags().Lookup("json"); f != nil && f.Changed {
			return f.Value.String() == "true"
		}
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "--json" {
			return true
		}
		if v, ok := strings.CutPrefix(a, "--json="); ok {
			b, err := strconv.ParseBool(v)
			return err == nil && b
		}
	}
	return false
}

// unknownCommand makes `wpdoctor NOPE` a usage error (exit 2), with
// cobra's suggestions; `wpdoctor` alone prints the help.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return cmd.Help()
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	}
	return usageError{fmt.Errorf("%s (see '%s --help')", msg, cmd.CommandPath())}
}

// finishDiagnose writes a diagnosis's report (file, then stdout) and
// returns the error that decides the exit code. The JSON report carries
// the error and the code, so that it stays the only document on stdout.
func finishDiagnose(ctx context.Context, opts *DiagnoseOptions, rep *diag.Report, err error) error {
	if opts.AutoBisect {
		// The bisection ran (or was asked for): never tell the user to
		// run with --auto-bisect.
		rep.Verdict.RecommendBisect = false
	}
	switch {
	case err != nil && !rep.Restored:
		err = fmt.Errorf("%w: %w", journal.ErrRestoreIncomplete, err)
	case err == nil:
		err = &ExitCodeError{Code: verdictExit(rep)}
	}
	onlyVerdict := func() bool { var ce *ExitCodeError; return errors.As(err, &ce) && ce.Err == nil }
	if opts.Report != "" {
		if werr := report.WriteFile(opts.Report, rep); werr != nil && onlyVerdict() {
			err = werr
		}
	}
	if !opts.JSON {
		if perr := report.Text(opts.IO.Out, rep); perr != nil && onlyVerdict() {
			err = perr
		}
		return err
	}
	rep.Error, rep.Code = errorMessage(err), signalExit(ctx, ExitCode(err))
	enc := json.NewEncoder(opts.IO.Out)
	enc.SetIndent("", "  ")
	if perr := enc.Encode(rep); perr != nil && onlyVerdict() {
		return perr
	}
	return jsonPrinted{err}
}

// explainNoURL says why the site's URL is not known when the database
// could not be used, so that the exit code is the database's (5).
func explainNoURL(s *doctor.Site, err error) error {
	if errors.Is(err, doctor.ErrNoURL) && s != nil && s.DBErr != nil {
		return fmt.Errorf("%w (the database could not be used to read the home option: %w)", err, s.DBErr)
	}
	return err
}
