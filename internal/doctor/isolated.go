package doctor

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/doctor/agent"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/phpser"
	"github.com/wpdoctor/wpdoctor/internal/probe"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// AgentLifetime bounds how long a placed probe agent works: after it, the
// file does nothing, so one a crash left behind is inert.
const AgentLifetime = 2 * time.Hour

// probeAgent is the run's probe agent once placed and confirmed: what the
// next bisect probes ask of it.
type probeAgent struct {
	secret agent.Secret
	path   string
	ask    agent.Probe
	themes bool   // the agent can switch to the fallback theme
	log    string // the private log of the probe requests' PHP errors
}

// probeContext adds the agent's headers to a bisect probe (none when no
// agent is in use).
func (r *Session) probeContext(ctx context.Context) context.Context {
	if r.agent == nil {
		return ctx
	}
	return probe.WithHeader(ctx, r.agent.secret.Header(r.agent.ask))
}

// placeAgent writes the probe agent into the must-use plugins folder
// (creating the folder if needed), both through the journal, and confirms
// with one request that it runs and filters. An error means the isolated
// strategy cannot be used (the caller falls back and says why).
func (r *Session) placeAgent(ctx context.Context, inv *inventory.Inventory, st diag.Stage) error {
	if r.agent != nil {
		return nil
	}
	if r.agentErr != nil {
		return r.agentErr
	}
	r.agentErr = r.tryAgent(ctx, inv, st)
	return r.agentErr
}

func (r *Session) tryAgent(ctx context.Context, inv *inventory.Inventory, st diag.Stage) error {
	if r.s.Config.Multisite && r.scope.net == nil {
		return errors.New("multisite, and the network's tables could not be read: the probe agent would not know the network-activated plugins")
	}
	dir := r.s.Config.MUPluginDir
	if dir == "" {
		return errors.New("the must-use plugins folder is not known")
	}
	fallback := ""
	if themes := inv.FallbackThemes(); len(themes) > 0 {
		fallback = themes[0].Slug
	}
	sec := agent.NewSecret()
	var nonce [22]byte // 16 for the log's name, 6 for the agent's
	if _, err := rand.Read(nonce[:]); err != nil {
		return err
	}
	// Beside WordPress's own debug log, under a name nobody can guess (the
	// folder may be served).
	logPath := path.Join(r.s.Config.ContentDir, "wpdoctor-agent-"+hex.EncodeToString(nonce[:16])+".log")
	file, err := agent.Render(sec, agent.Options{Expires: r.clock.Now().Add(AgentLifetime), Fallback: fallback, Log: logPath})
	if err != nil {
		return err
	}
	exists, err := site.Exists(ctx, r.s.FS, dir)
	if err != nil {
		return fmt.Errorf("look at %s: %w", dir, err)
	}
	if !exists {
		if err := r.changes.Mkdir(ctx, dir, "must-use plugins folder for wpdoctor's probe agent"); err != nil {
			return err
		}
	}
	// No settle: only requests carrying the secret write the log, and
	// none is sent once the run undoes its changes.
	if err := r.changes.ExpectCreated(ctx, logPath, 0, "the probe agent's log of PHP errors in wpdoctor's probe requests"); err != nil {
		return err
	}
	p := path.Join(dir, agent.FileName(hex.EncodeToString(nonce[16:])))
	if err := r.changes.CreateFile(ctx, p, file, "wpdoctor's probe agent: switches plugins off for wpdoctor's probe requests only"); err != nil {
		return err
	}
	r.ev.change(st, "placed the probe agent "+p+" (inert without this run's secret, expires in "+AgentLifetime.String()+")")
	a := &probeAgent{secret: sec, path: p, themes: fallback != "", log: logPath}
	// The ping answers before any plugin loads, with every plugin asked
	// off: it must see none active.
	res := r.prober.Probe(probe.WithHeader(ctx, sec.Header(agent.Probe{Plugins: []string{}, Ping: true})), r.failingURL)
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := pingConfirms(res); err != nil {
		return err
	}
	r.agent = a
	r.logs.add("PHP errors of wpdoctor's probe requests", logPath, logs.FormatPHP, "logged by wpdoctor's probe agent for this run")
	r.logs.list[len(r.logs.list)-1].created = true
	r.ev.step(st, "probe agent confirmed: it answers wpdoctor's probe requests only; visitors see the site as it is")
	return nil
}

// withAgentLog is the diagnosis's debug-log round through the probe agent
// when the plugins will be bisected with it: the agent logs the PHP errors
// of wpdoctor's own probe requests to the run's private log, so neither
// wp-config.php nor the opcache wait is needed. It reports false when the
// agent is not to be used or cannot be confirmed (the caller then edits
// wp-config.php). What runs before the agent — wp-config.php, drop-ins —
// cannot fail unseen: the agent's ping would not have been answered.
func (r *Session) withAgentLog(ctx context.Context) (bool, error) {
	inv, err := r.inventory(ctx)
	if err != nil {
		return false, nil
	}
	if s, _ := r.chooseStrategy(inv, r.d.Strategy); s != StrategyIsolated {
		return false, nil
	}
	if err := r.begin(ctx); err != nil {
		return false, err
	}
	if !r.useAgent(ctx, inv, diag.StageDebugLog) {
		return false, ctx.Err()
	}
	res := r.prober.Probe(r.probeContext(ctx), r.frontPage())
	if err := ctx.Err(); err != nil {
		return true, err
	}
	r.note(res, "with the probe agent's per-request debug log")
	r.results = append(r.results, res)
	switch {
	case res.Headers.WPDoctorLog == "1":
		r.ev.step(diag.StageDebugLog, "per-request debug logging by the probe agent: wp-config.php left alone, no opcache wait")
	case res.Headers.WPDoctorAgent == "1":
		msg := "the probe agent could not send PHP's errors to the run's log (the pool fixes error_log or log_errors): the pool's own error log is read instead"
		r.ev.warn(diag.StageDebugLog, msg)
		r.rep.Notes = append(r.rep.Notes, msg)
	}
	return true, nil
}

// pingConfirms checks the agent's answer to a ping with every plugin off.
func pingConfirms(res probe.Result) error {
	if res.Headers.WPDoctorAgent != "1" {
		why := res.Reason
		if res.Status != 0 {
			why = fmt.Sprintf("HTTP %d without the agent's header (a page cache may have answered, or must-use plugins do not load)", res.Status)
		}
		return fmt.Errorf("the probe agent did not answer: %s", why)
	}
	var ping struct {
		Agent   int  `json:"agent"`
		Active  int  `json:"active"`
		Network *int `json:"network"` // on multisite: the network-activated plugins WordPress sees
	}
	if err := json.Unmarshal(res.Body, &ping); err != nil || ping.Agent != 1 {
		return errors.New("the probe agent's answer is not its own (something else rewrote the page)")
	}
	if ping.Active != 0 {
		return fmt.Errorf("the probe agent switched plugins off, but WordPress still saw %d active (something filters active_plugins after it)", ping.Active)
	}
	if ping.Network != nil && *ping.Network != 0 {
		return fmt.Errorf("the probe agent switched plugins off, but WordPress still saw %d network-activated (something filters active_sitewide_plugins after it)", *ping.Network)
	}
	return nil
}

// isolatedPluginStage switches plugins off per probe request through the
// agent: no change visible to visitors. The components are the entries of
// active_plugins (and on a network of active_sitewide_plugins, which the
// agent filters too); a probe keeps the entries that are on, the excluded
// ones and any the search does not cover.
func (r *Session) isolatedPluginStage(ctx context.Context, plugins []inventory.Plugin, excluded map[string]bool) (stage, error) {
	l, err := r.readPluginLists(ctx, plugins)
	if err != nil {
		return stage{}, err
	}
	ids, files := without(l.ids, l.files, excluded)
	return stage{name: StagePlugins, comps: ids, apply: func(_ context.Context, want []bool) error {
		siteKeep, off := l.keptOn(files, want)
		ask := l.net.Without(off...).Files()
		for _, pair := range l.site {
			if s, ok := pair.Value.(phpser.String); ok && siteKeep(pair) {
				ask = append(ask, string(s))
			}
		}
		r.agent.ask.Plugins = ask
		return nil
	}}, nil
}

// isolatedThemeStage switches probe requests to the default theme the
// agent names; visitors keep the active theme. The theme_mods rows stay
// guarded: WordPress may write the default theme's when it runs.
func (r *Session) isolatedThemeStage(ctx context.Context, inv *inventory.Inventory) (stage, string) {
	if why := r.themeSkip(inv); why != "" {
		return stage{}, why
	}
	for _, slug := range []string{inv.FallbackThemes()[0].Slug, inv.Theme.Stylesheet} {
		if err := r.changes.GuardOption(ctx, r.scope.opt("theme_mods_"+slug), "WordPress creates a theme's theme_mods row when the theme first runs"); err != nil {
			return stage{}, err.Error()
		}
	}
	return stage{name: StageTheme, comps: []string{diag.Component{Kind: diag.KindTheme, Name: inv.Theme.Stylesheet}.String()}, apply: func(_ context.Context, want []bool) error {
		r.agent.ask.ThemeOff = !want[0]
		return nil
	}}, ""
}

// useAgent places and confirms the agent once; when it cannot be used the
// run says why, once, and the caller falls back to the auto strategy.
func (r *Session) useAgent(ctx context.Context, inv *inventory.Inventory, st diag.Stage) bool {
	if r.agent != nil {
		return true
	}
	first := r.agentErr == nil
	err := r.placeAgent(ctx, inv, st)
	if err == nil {
		return true
	}
	if first && ctx.Err() == nil {
		fb, why := r.chooseStrategy(inv, StrategyAuto)
		msg := fmt.Sprintf("isolated strategy not used: %v; falling back to %s (%s): visitors may see the switched components", err, fb, why)
		r.ev.warn(st, msg)
		r.rep.Notes = append(r.rep.Notes, "bisect: "+msg)
	}
	return false
}
