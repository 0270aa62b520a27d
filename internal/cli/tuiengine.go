package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/connect"
	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/remote"
	"github.com/wpdoctor/wpdoctor/internal/report"
	"github.com/wpdoctor/wpdoctor/internal/target"
	"github.com/wpdoctor/wpdoctor/tui"
)

// tuiEngine adapts the engine's Session to the TUI's narrow interface.
// Every call holds mu for its duration; Close cancels the running call
// (which stops at its next step) and waits for it before restoring.
type tuiEngine struct {
	opts     *TUIOptions
	stateDir string
	ch       chan tui.Event
	done     chan struct{} // closed when nobody listens any more

	cmu    sync.Mutex
	cancel context.CancelFunc // of the running call

	mu     sync.Mutex
	conn   *connect.Conn
	site   *doctor.Site
	sess   *doctor.Session
	plan   *doctor.BisectPlan
	kept   *doctor.KeepResult
	report *diag.Report // the final report, after Close
	closed bool
}

func newTUIEngine(opts *TUIOptions, stateDir string) *tuiEngine {
	return &tuiEngine{opts: opts, stateDir: stateDir, ch: make(chan tui.Event, 64), done: make(chan struct{})}
}

func (e *tuiEngine) Events() <-chan tui.Event { return e.ch }

func (e *tuiEngine) send(ev tui.Event) {
	select {
	case e.ch <- ev:
	case <-e.done:
	}
}

// call runs f under mu with a context Close can cancel.
func (e *tuiEngine) call(ctx context.Context, f func(ctx context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	e.cmu.Lock()
	e.cancel = cancel
	e.cmu.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return context.Canceled
	}
	return f(ctx)
}

func (e *tuiEngine) step(name string, done bool, err error) {
	ev := tui.Event{Kind: tui.EventStep, Stage: "connect", Text: name, Done: done}
	if err != nil {
		ev.Err = err.Error()
	}
	e.send(ev)
}

func (e *tuiEngine) Open(ctx context.Context, raw string) (*tui.Overview, error) {
	var ov *tui.Overview
	err := e.call(ctx, func(ctx context.Context) error {
		t, err := target.Parse(raw)
		if err != nil {
			return usageError{err}
		}
		o, err := e.opts.Conn.connectOptions(IOStreams{})
		if err != nil {
			return err
		}
		o.Prompter = tuiPrompter{e}
		o.ConfirmHost = e.confirmHost
		what := "SSH and SFTP to " + t.Host
		if t.Local {
			what = "local files"
		}
		e.step(what, false, nil)
		conn, err := connect.Open(ctx, t, o)
		e.step(what, err == nil, err)
		if err != nil {
			return err
		}
		e.conn = conn
		e.step("wp-config.php and the database", false, nil)
		s, err := doctor.OpenSite(ctx, access(conn), conn.Abs(conn.Target.Path), dbTimeout)
		if err != nil {
			e.step("wp-config.php and the database", false, err)
			return err
		}
		e.site = s
		e.step("wp-config.php and the database", true, s.DBErr)
		e.sess, err = doctor.Open(ctx, s, doctor.OpenOptions{
			StateDir: e.stateDir, Sink: e.sink, Tool: "wpdoctor " + Version, ProbeTimeout: e.opts.ProbeTimeout,
			Resolve: e.opts.Resolve, Operation: "tui", AfterChange: failpoint(),
		})
		if err != nil {
			return err
		}
		e.step("inventory", false, nil)
		ov = overviewOf(raw, e.sess.Inspect(ctx), e.sess.Obstacles())
		e.step("inventory", true, nil)
		_ = tui.Remember(e.stateDir, raw)
		return nil
	})
	return ov, err
}

func (e *tuiEngine) RestorePending(ctx context.Context) (string, error) {
	var out string
	err := e.call(ctx, func(ctx context.Context) error {
		res, err := e.sess.RestorePending(ctx)
		if err != nil {
			return err
		}
		out = "Restored what the earlier run left changed; verified."
		if res != nil && res.Journal == "" {
			out = "Nothing was left to undo."
		}
		if res != nil && res.BrokeLock != "" {
			out += " Removed a stale lock (" + res.BrokeLock + ")."
		}
		if obs := e.sess.Obstacles(); len(obs) > 0 {
			return obs[0].Err()
		}
		return nil
	})
	return out, err
}

func (e *tuiEngine) Diagnose(ctx context.Context) (*tui.Diagnosis, error) {
	var out *tui.Diagnosis
	err := e.call(ctx, func(ctx context.Context) error {
		d, err := e.sess.Diagnose(ctx, doctor.DiagnoseOptions{SiteURL: e.opts.SiteURL, Site: e.opts.Site, URLs: e.opts.URLs, Repeat: e.opts.Repeat, Strategy: e.opts.Strategy})
		if err != nil {
			return err
		}
		e.plan = d.Plan
		out = &tui.Diagnosis{Status: string(d.Status), Verdict: verdictOf(d.Verdict)}
		out.Verdict.Restored = false
		if d.Status == diag.StatusHealthy {
			// The verdict screen comes next: say what the logs hold.
			out.Verdict.Notes = d.Notes
		}
		for _, f := range d.Findings {
			if !f.Skipped {
				out.Findings = append(out.Findings, findingOf(f))
			}
		}
		if d.Plan != nil {
			out.Plan = planOf(d.Plan, e.opts.Strategy, d.Probes)
		}
		return nil
	})
	return out, err
}

func (e *tuiEngine) Bisect(ctx context.Context, p tui.Plan) (*tui.Verdict, error) {
	var out *tui.Verdict
	err := e.call(ctx, func(ctx context.Context) error {
		plan := e.plan
		if plan == nil {
			return errors.New("bisect: the diagnosis proposed no plan")
		}
		plan.Strategy = p.Strategy
		plan.Exclude = nil
		for _, id := range p.Excluded {
			if c, err := diag.ParseComponent(id); err == nil {
				plan.Exclude = append(plan.Exclude, c)
			}
		}
		br, err := e.sess.Bisect(ctx, plan)
		if err != nil {
			return err
		}
		v := verdictOf(br.Verdict)
		v.CanKeep = len(br.Culprits) > 0
		v.Notes = append(v.Notes, "The bisect's changes are still on the site: leaving (q) restores everything; keeping the culprit off restores the rest.")
		out = &v
		return nil
	})
	return out, err
}

func (e *tuiEngine) KeepCulpritOff(ctx context.Context) (string, error) {
	var out string
	err := e.call(ctx, func(ctx context.Context) error {
		kr, err := e.sess.KeepCulpritOff(ctx)
		if err != nil {
			return e.withNotes(err)
		}
		e.kept = kr
		state := "answers normally"
		if !kr.Answers {
			state = "still fails: " + kr.Probe
		}
		out = fmt.Sprintf("Kept off: %s. Everything else is restored; the site %s.", strings.Join(kr.Kept, "; "), state)
		return nil
	})
	return out, err
}

func (e *tuiEngine) WriteReport(path string) error {
	return e.call(context.Background(), func(context.Context) error {
		rep := e.report
		if e.sess != nil && rep == nil {
			rep = e.sess.Report()
		}
		if rep == nil {
			return errors.New("no report yet: the diagnosis has not run")
		}
		return report.WriteFile(path, rep)
	})
}

// ReportJSON is the current report as diagnose --json prints it.
func (e *tuiEngine) ReportJSON() ([]byte, error) {
	var b []byte
	err := e.call(context.Background(), func(context.Context) error {
		rep := e.report
		if e.sess != nil && rep == nil {
			rep = e.sess.Report()
		}
		if rep == nil {
			return errors.New("no report yet: the diagnosis has not run")
		}
		var err error
		b, err = json.MarshalIndent(rep, "", "  ")
		return err
	})
	return b, err
}

// Close restores what is not kept and disconnects; safe to call twice.
func (e *tuiEngine) Close(ctx context.Context) (string, error) {
	e.cmu.Lock()
	if e.cancel != nil {
		e.cancel()
	}
	e.cmu.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return "", nil
	}
	e.closed = true
	defer func() {
		if e.site != nil {
			e.site.Close()
		}
		if e.conn != nil {
			e.conn.Close()
		}
	}()
	if e.sess == nil {
		return "Nothing was changed on the site.", nil
	}
	rep, err := e.sess.Close(context.WithoutCancel(ctx))
	e.report = rep
	if err != nil {
		return "", e.withNotes(fmt.Errorf("restore %s: %w", e.site.Target, err))
	}
	msg := "Nothing was changed on the site."
	if rep != nil {
		msg = "Restored and verified: every file and option wpdoctor changed is as before the run."
	}
	if e.kept != nil {
		msg += " Kept off on purpose: " + strings.Join(e.kept.Kept, "; ") + " ('wpdoctor restore --kept " + e.site.Target + "' switches it back on)."
	}
	return msg, nil
}

// withNotes adds what the restore found to an error.
func (e *tuiEngine) withNotes(err error) error {
	rep := e.report
	if rep == nil && e.sess != nil {
		rep = e.sess.Report()
	}
	if rep == nil || len(rep.RestoreNotes) == 0 {
		return err
	}
	return fmt.Errorf("%w (%s)", err, strings.Join(rep.RestoreNotes, "; "))
}

// stop tells the adapter nobody listens to events any more.
func (e *tuiEngine) stop() { close(e.done) }

// tuiPrompter asks for a password through the TUI.
type tuiPrompter struct{ e *tuiEngine }

func (p tuiPrompter) Secret(prompt string) (string, error) {
	reply := make(chan tui.Answer, 1)
	p.e.send(tui.Event{Kind: tui.EventAsk, Ask: &tui.Question{Kind: tui.AskPassword, Prompt: prompt, Reply: reply}})
	select {
	case a := <-reply:
		if a.Cancel {
			return "", errors.New("no password given")
		}
		return a.Secret, nil
	case <-p.e.done:
		return "", context.Canceled
	}
}

// confirmHost asks about an unknown host key: refuse, accept for this run,
// or accept and record it in known_hosts.
func (e *tuiEngine) confirmHost(host, fingerprint string) remote.HostAnswer {
	reply := make(chan tui.Answer, 1)
	e.send(tui.Event{Kind: tui.EventAsk, Ask: &tui.Question{Kind: tui.AskHostKey, Host: host, Fingerprint: fingerprint, Reply: reply}})
	select {
	case a := <-reply:
		switch {
		case a.Accept && a.Remember:
			return remote.HostRemember
		case a.Accept:
			return remote.HostAcceptOnce
		}
		return remote.HostRefuse
	case <-e.done:
		return remote.HostRefuse
	case <-time.After(30 * time.Minute):
		return remote.HostRefuse
	}
}
