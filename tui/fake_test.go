package tui

import (
	"context"
	"sync"
	"time"
)

// fakeEngine plays a crash-site script: a broken front page, no log names
// the culprit, a bisect finds plugin:crashy.
type fakeEngine struct {
	ch      chan Event
	mu      sync.Mutex
	calls   []string
	pending string
	noPlan  bool
	openErr error
	block   chan struct{} // when set, Bisect waits on it (or on ctx)
	plan    Plan          // the plan Bisect was given
	askPW   bool
}

func newFake() *fakeEngine { return &fakeEngine{ch: make(chan Event)} }

func (f *fakeEngine) Events() <-chan Event { return f.ch }

func (f *fakeEngine) called(c string) {
	f.mu.Lock()
	f.calls = append(f.calls, c)
	f.mu.Unlock()
}

func (f *fakeEngine) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// emit sends events and then a no-op one, so that every real event has
// been through Update before the call's result arrives.
func (f *fakeEngine) emit(evs ...Event) {
	for _, e := range append(evs, Event{Kind: EventStep}) {
		f.ch <- e
	}
}

func (f *fakeEngine) Open(ctx context.Context, target string) (*Overview, error) {
	f.called("open " + target)
	steps := []string{"SSH", "SFTP", "wp-config.php", "database"}
	for _, s := range steps {
		f.emit(Event{Kind: EventStep, Stage: "connect", Text: s}, Event{Kind: EventStep, Stage: "connect", Text: s, Done: true})
		if s == "SSH" && f.askPW {
			reply := make(chan Answer, 1)
			f.emit(Event{Kind: EventAsk, Ask: &Question{Kind: AskPassword, Prompt: "Password for shop@127.0.0.1:", Reply: reply}})
			if a := <-reply; a.Secret != "s3cret" {
				return nil, errString("authentication failed")
			}
		}
	}
	if f.openErr != nil {
		return nil, f.openErr
	}
	return &Overview{
		Target: target, Path: "/var/www/shop", WordPress: "6.8.1", PHP: "8.2.28 (php-fpm)", WebServer: "nginx 1.22.1",
		DB: "wp_shop on 127.0.0.1:3307", DBOK: true, Plugins: 3, PluginsAll: 4, MUPlugins: 1, Dropins: 0, Themes: 2,
		ActiveTheme: "twentytwentyfour", Pending: f.pending,
	}, nil
}

func (f *fakeEngine) RestorePending(ctx context.Context) (string, error) {
	f.called("restore-pending")
	f.pending = ""
	return "restored 2 changes from the earlier run; verified", nil
}

func (f *fakeEngine) Diagnose(ctx context.Context) (*Diagnosis, error) {
	f.called("diagnose")
	f.emit(
		Event{Kind: EventStep, Stage: "logs", Text: "finding the logs"},
		Event{Kind: EventChange, Stage: "debug-log", Text: "WP_DEBUG and WP_DEBUG_LOG on (display off)"},
		Event{Kind: EventProbe, Stage: "probe", Probe: &Probe{URL: "http://shop.test/", Status: 502, Class: "bad-gateway", Broken: true, Millis: 41, Reason: "upstream closed"}},
		Event{Kind: EventProbe, Stage: "probe", Probe: &Probe{URL: "http://shop.test/wp-login.php", Status: 200, Class: "ok", Millis: 30}},
		Event{Kind: EventLog, Log: &LogLine{Source: "nginx error log", File: "/var/log/nginx/error.log", Line: 12, Text: "recv() failed (104: Connection reset by peer)\x1b[31m"}},
		Event{Kind: EventFinding, Finding: &Finding{Severity: SevCritical, Title: "PHP-FPM workers crash (SIGSEGV)"}},
		Event{Kind: EventFinding, Finding: &Finding{Severity: SevWarning, Title: "debug.log is public"}},
	)
	d := &Diagnosis{Status: "broken", Findings: []Finding{{Severity: SevCritical, Title: "PHP-FPM workers crash (SIGSEGV)"}},
		Verdict: Verdict{Kind: "unknown", Cause: "PHP workers crash and the logs do not say which component", Basis: "logs", Restored: true}}
	if !f.noPlan {
		d.Plan = &Plan{Strategy: "auto", Strategies: []string{"auto", "rename", "db"}, Why: "the logs show PHP workers crashing but name no component", StrategyWhy: "rename where the folders can be renamed, else active_plugins",
			Stages: []PlanStage{{"plugins", 3}, {"theme", 1}}, Components: []string{"plugin:akismet", "plugin:crashy", "plugin:woo", "theme:twentytwentyfour"},
			Probes: 7, Time: 20 * time.Second, Visitors: "pages may fail or look different for about 20s while components are off", URL: "https://shop.example/"}
	}
	return d, nil
}

func (f *fakeEngine) Bisect(ctx context.Context, p Plan) (*Verdict, error) {
	f.called("bisect " + p.Strategy)
	f.mu.Lock()
	f.plan = p
	f.mu.Unlock()
	f.emit(Event{Kind: EventProbe, Stage: "bisect", Probe: &Probe{Step: 1, Status: 200, Class: "ok", Off: []string{"plugin:akismet", "plugin:crashy"}, Left: 2}})
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f.emit(
		Event{Kind: EventProbe, Stage: "bisect", Probe: &Probe{Step: 2, Status: 502, Class: "bad-gateway", Broken: true, Off: []string{"plugin:akismet"}, Left: 1}},
		Event{Kind: EventProbe, Stage: "bisect", Probe: &Probe{Step: 3, Status: 200, Class: "ok", Off: []string{"plugin:crashy"}, Left: 1}},
	)
	return &Verdict{Kind: "plugin", Components: []string{"plugin:crashy"}, Cause: "the site fails with crashy on and answers without it",
		Confidence: 0.95, Basis: "bisect", Fix: "update or replace crashy", CanKeep: true, Restored: true,
		Evidence: []string{"php-fpm log /var/log/php-fpm.log:88 child 1234 exited on signal 11 (SIGSEGV)", "http 502 with crashy on, 200 without"}}, nil
}

func (f *fakeEngine) KeepCulpritOff(ctx context.Context) (string, error) {
	f.called("keep")
	return "with plugin:crashy left disabled the site answers normally", nil
}

func (f *fakeEngine) ReportJSON() ([]byte, error) {
	f.called("json")
	return []byte("{\n  \"verdict\": {\n    \"kind\": \"plugin\",\n    \"components\": [\"plugin:crashy\"]\n  }\n}"), nil
}

func (f *fakeEngine) WriteReport(path string) error {
	f.called("report " + path)
	return nil
}

func (f *fakeEngine) Close(ctx context.Context) (string, error) {
	f.called("close")
	return "Restored: the site is as before the run.", nil
}

type errString string

func (e errString) Error() string { return string(e) }

func t0Ctx() context.Context { return context.Background() }
