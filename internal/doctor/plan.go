package doctor

import (
	"context"
	"errors"
	"fmt"
	"math/bits"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
)

// Bisect stage names, in the order the standard plan runs them.
const (
	StagePlugins   = "plugins"
	StageTheme     = "theme"
	StageMUPlugins = "mu-plugins"
	StageDropins   = "drop-ins"
)

// Plugin strategies.
const (
	StrategyAuto   = "auto"   // db unless that cannot be trusted
	StrategyDB     = "db"     // toggle entries of active_plugins
	StrategyRename = "rename" // rename plugin folders
	// StrategyIsolated switches plugins (and the theme) off only for
	// wpdoctor's own probe requests, through a must-use probe agent
	// placed for the run: visitors see the site as it is.
	StrategyIsolated = "isolated"
)

// BisectPlan is a bisect the front end can show, change and run: the
// stages in order, the strategy and why, the components that will be
// switched off, the probes it expects and what visitors see meanwhile.
// A front end may change Strategy, drop or skip stages, and list
// components it knows are innocent in Exclude (they stay on).
type BisectPlan struct {
	Why         string           `json:"why"`
	URL         string           `json:"url"`      // the URL each probe loads
	Strategy    string           `json:"strategy"` // for the plugins: db, rename (auto: decide again)
	StrategyWhy string           `json:"strategy_why"`
	Stages      []PlannedStage   `json:"stages"`
	Exclude     []diag.Component `json:"exclude,omitempty"`
	// ExpectedProbes is the estimate for the first stage that runs (the
	// later ones run only when the culprit is not there).
	ExpectedProbes int    `json:"expected_probes"`
	Visitors       string `json:"visitors"`
}

// PlannedStage is one family of components to search.
type PlannedStage struct {
	Name       string           `json:"name"`
	Components []diag.Component `json:"components"`
	// Skip, when set, says why the stage will not run.
	Skip           string `json:"skip,omitempty"`
	ExpectedProbes int    `json:"expected_probes"`
	Visitors       string `json:"visitors,omitempty"`
}

// Plan describes the bisect the session would run now. Diagnose calls it
// when the evidence does not settle the cause.
func (r *Session) Plan(ctx context.Context) (*BisectPlan, error) {
	return r.PlanWith(ctx, StrategyAuto)
}

// PlanWith is Plan with a plugin strategy asked for (its texts say what
// visitors see with it).
func (r *Session) PlanWith(ctx context.Context, strategy string) (*BisectPlan, error) {
	if r.rep == nil {
		return nil, errors.New("plan a bisect: diagnose first")
	}
	inv, err := r.inventory(ctx)
	if err != nil {
		return nil, err
	}
	p := &BisectPlan{URL: r.failingURL, Why: planWhy(r.rep.Verdict)}
	p.Strategy, p.StrategyWhy = r.chooseStrategy(inv, strategy)
	isolated := p.Strategy == StrategyIsolated
	intermittent := r.baseline().Healthy > 0
	plugins, _, err := r.pluginIDs(ctx, inv, p.Strategy)
	if err != nil {
		return nil, err
	}
	theme := PlannedStage{Name: StageTheme}
	if why := r.themeSkip(inv); why != "" {
		theme.Skip = why
	} else {
		theme.Components = []diag.Component{{Kind: diag.KindTheme, Name: inv.Theme.Stylesheet}}
		theme.Visitors = "visitors see the site in the default theme " + inv.FallbackThemes()[0].Slug
		if isolated {
			theme.Visitors = "visitors see nothing: only wpdoctor's probe requests get the default theme " + inv.FallbackThemes()[0].Slug
		}
	}
	visible := ""
	if isolated {
		visible = " (their files are renamed: visitors see this stage too)"
	}
	p.Stages = []PlannedStage{
		{Name: StagePlugins, Components: parseIDs(plugins), Visitors: pluginVisitors(p.Strategy)},
		theme,
		{Name: StageMUPlugins, Components: parseIDs(muIDs(inv)), Visitors: "must-use plugins are switched off in turn" + visible},
		{Name: StageDropins, Components: parseIDs(dropinIDs(inv)), Visitors: "drop-ins (page or object cache, error pages) are switched off in turn: pages may be slower" + visible},
	}
	first := true
	var see []string
	for i := range p.Stages {
		st := &p.Stages[i]
		if st.Skip == "" && len(st.Components) == 0 {
			st.Skip = "nothing to switch off"
		}
		if st.Skip != "" {
			continue
		}
		st.ExpectedProbes = expectedProbes(len(st.Components), intermittent)
		if n := len(suspectsIn(diag.ComponentIDs(st.Components), r.rep.Verdict.Components)); n > 0 && !intermittent {
			// The evidence names them: all on but them, then them alone.
			st.ExpectedProbes = min(st.ExpectedProbes, n+1)
		}
		if first {
			p.ExpectedProbes, first = st.ExpectedProbes, false
			see = append(see, st.Visitors)
		}
	}
	if len(see) > 0 {
		about := "about"
		if intermittent {
			about = "at least" // healthy answers are asked again, as many times as the failure hides
		}
		p.Visitors = fmt.Sprintf("for %s %d page loads, %s; the site fails as now in between, and everything is put back at the end", about, p.ExpectedProbes, strings.Join(see, "; "))
	}
	r.plan = p
	return p, nil
}

func planWhy(v diag.Verdict) string {
	if v.Kind.IsComponent() && len(v.Components) > 0 {
		return "the logs point at " + strings.Join(v.Components, ", ") + ": switching components off confirms which one breaks the site"
	}
	return "the evidence does not name the component that breaks the site: switching components off in halving steps finds it"
}

func pluginVisitors(strategy string) string {
	if strategy == StrategyIsolated {
		return "visitors see nothing: only wpdoctor's probe requests, carrying a secret of this run, get plugins switched off (by a must-use plugin placed for the run; the db strategy if it cannot be confirmed)"
	}
	if strategy == StrategyDB {
		return "visitors may get the site with some plugins deactivated (active_plugins is changed per probe)"
	}
	return "visitors may get the site with some plugins switched off (their folders are renamed per probe)"
}

// expectedProbes estimates a stage's probes: all off once, a halving search,
// and one check that nothing else breaks the site; an intermittent failure
// needs several answers per halving (a mean then: a failure that hides
// often needs more).
func expectedProbes(n int, intermittent bool) int {
	if n == 0 {
		return 0
	}
	search := bits.Len(uint(n - 1)) // ⌈log2 n⌉
	if intermittent {
		// Each healthy answer is weak evidence: measured, a 50% culprit
		// among 16 takes 19.5 probes on average (bisect's
		// TestIntermittentTargets), 11 when the logs named it; the
		// search's own checks are among them.
		return 5 * search
	}
	return search + 2
}

// chooseStrategy resolves auto and says why.
func (r *Session) chooseStrategy(inv *inventory.Inventory, want string) (string, string) {
	switch want {
	case StrategyDB:
		return StrategyDB, "asked for: active_plugins is toggled in the database"
	case StrategyRename:
		return StrategyRename, "asked for: plugin folders are renamed"
	case StrategyIsolated:
		if r.s.DB == nil {
			return StrategyRename, "the isolated strategy reads active_plugins, and the database is not reachable: plugin folders are renamed"
		}
		return StrategyIsolated, "asked for: a must-use probe agent switches plugins off for wpdoctor's own requests only, confirmed before the first probe"
	}
	switch {
	case r.s.DB == nil:
		return StrategyRename, "the database is not reachable: plugin folders are renamed"
	case r.scope.net != nil && r.scope.net.PluginsErr != "":
		return StrategyRename, "the network's active_sitewide_plugins cannot be read (" + r.scope.net.PluginsErr + "): every plugin folder is renamed in turn"
	case r.agentErr == nil && (!r.s.Config.Multisite || r.scope.net != nil) && r.s.Config.MUPluginDir != "":
		return StrategyIsolated, "a must-use probe agent switches plugins off for wpdoctor's own requests only, so visitors see the site as it is (db or rename instead if the agent cannot be confirmed)"
	case r.s.Config.Multisite && r.scope.net == nil:
		return StrategyRename, "multisite, and the network's tables could not be read: network-activated plugins are not in active_plugins, so folders are renamed"
	}
	for _, d := range inv.Dropins {
		if d.File == "object-cache.php" && d.Loads == inventory.LoadAlways {
			return StrategyRename, "a persistent object cache may keep serving the old active_plugins: folders are renamed"
		}
	}
	return StrategyDB, "one database write per probe, nothing renamed on disk"
}

func (r *Session) themeSkip(inv *inventory.Inventory) string {
	if r.s.DB == nil {
		return "switching themes needs the database"
	}
	if len(inv.FallbackThemes()) == 0 {
		return "no WordPress default theme is installed to switch to"
	}
	return ""
}

func (r *Session) inventory(ctx context.Context) (*inventory.Inventory, error) {
	if r.inv != nil {
		return r.inv, nil
	}
	inv, err := inventoryIn(ctx, r.s, r.scope)
	if err != nil {
		return nil, fmt.Errorf("inventory: %w", err)
	}
	r.inv = inv
	return inv, nil
}

func parseIDs(ids []string) []diag.Component {
	out := make([]diag.Component, 0, len(ids))
	for _, id := range ids {
		if c, err := diag.ParseComponent(id); err == nil {
			out = append(out, c)
		}
	}
	return out
}

func muIDs(inv *inventory.Inventory) []string {
	var ids []string
	for _, m := range inv.MUPlugins {
		ids = append(ids, diag.Component{Kind: diag.KindMU, Name: m.File}.String())
	}
	return ids
}

func dropinIDs(inv *inventory.Inventory) []string {
	var ids []string
	for _, d := range inv.Dropins {
		if d.Loads == inventory.LoadNever || d.IsDir {
			continue
		}
		ids = append(ids, diag.Component{Kind: diag.KindDropIn, Name: d.File}.String())
	}
	return ids
}
