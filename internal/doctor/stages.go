package doctor

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/multisite"
	"github.com/wpdoctor/wpdoctor/internal/phpser"
	"github.com/wpdoctor/wpdoctor/internal/wpdb"
)

// renameStage switches components off by renaming their paths.
func (r *Session) renameStage(name string, ids, paths []string) stage {
	on := make([]bool, len(paths))
	for i := range on {
		on[i] = true
	}
	return stage{name: name, comps: ids, apply: func(ctx context.Context, want []bool) error {
		var off, back []string
		for i, w := range want {
			switch {
			case on[i] && !w:
				off = append(off, paths[i])
			case !on[i] && w:
				back = append(back, paths[i])
			}
		}
		if err := r.changes.RenameOff(ctx, off, "bisect "+name+": switch off"); err != nil {
			return err
		}
		if err := r.changes.RenameOn(ctx, back, "bisect "+name+": switch back on"); err != nil {
			return err
		}
		copy(on, want)
		return nil
	}}
}

// searchedPlugins are the plugins a rename search switches: the active ones
// (all, when what is active is not known).
func searchedPlugins(inv *inventory.Inventory) []inventory.Plugin {
	var plugins []inventory.Plugin
	for _, p := range inv.Plugins {
		if !inv.ActiveKnown || p.Active || p.NetworkActive {
			plugins = append(plugins, p)
		}
	}
	return plugins
}

// pluginIDs are the plugin stage's components with a strategy: for db and
// isolated, the entries of the plugin lists (with their plugin files); for
// rename, the active plugins' folders.
func (r *Session) pluginIDs(ctx context.Context, inv *inventory.Inventory, strategy string) (ids, files []string, err error) {
	if strategy == StrategyDB || strategy == StrategyIsolated {
		l, err := r.readPluginLists(ctx, searchedPlugins(inv))
		if err != nil {
			return nil, nil, err
		}
		return l.ids, l.files, nil
	}
	for _, p := range searchedPlugins(inv) {
		ids = append(ids, diag.Component{Kind: diag.KindPlugin, Name: p.Slug}.String())
		files = append(files, p.Dir)
	}
	return ids, files, nil
}

// pluginStage builds the plugin stage with the chosen strategy, leaving
// the excluded components on.
func (r *Session) pluginStage(ctx context.Context, inv *inventory.Inventory, strategy string, excluded map[string]bool) (stage, error) {
	switch strategy {
	case StrategyDB:
		return r.dbPluginStage(ctx, searchedPlugins(inv), excluded)
	case StrategyIsolated:
		return r.isolatedPluginStage(ctx, searchedPlugins(inv), excluded)
	}
	for _, key := range r.pluginListRows() {
		if err := r.changes.GuardOption(ctx, key, "WordPress may drop missing plugins from it"); err != nil {
			return stage{}, err
		}
	}
	ids, paths, _ := r.pluginIDs(ctx, inv, strategy)
	ids, paths = without(ids, paths, excluded)
	return r.renameStage(StagePlugins, ids, paths), nil
}

// pluginListRows are the rows that list active plugins, which WordPress may
// rewrite when a plugin's folder is gone: active_plugins on a single site;
// on a network every live site's active_plugins and the network's
// active_sitewide_plugins.
func (r *Session) pluginListRows() []string {
	sc := r.scope
	if sc.net == nil {
		return []string{sc.opt("active_plugins")}
	}
	keys := []string{sc.sitewideKey()}
	for _, s := range sc.net.Sites {
		if s.Err == "" { // a site whose options cannot be read loads nothing
			keys = append(keys, wpdb.OptionKey(sc.net.BasePrefix, s.Prefix, "active_plugins"))
		}
	}
	return keys
}

// without drops the excluded IDs (and their paths).
func without(ids, paths []string, excluded map[string]bool) ([]string, []string) {
	var oi, op []string
	for i, id := range ids {
		if !excluded[id] {
			oi, op = append(oi, id), append(op, paths[i])
		}
	}
	return oi, op
}

// pluginLists is what the db and isolated strategies search, read as it
// is now: the site's active_plugins and, on a network, the network's
// active_sitewide_plugins (empty on a single site), with the components —
// the network's plugins first, each plugin once — and their files.
type pluginLists struct {
	site       phpser.Array
	siteRaw    []byte
	net        multisite.Sitewide
	netRaw     []byte
	ids, files []string
}

// readPluginLists reads the lists. Only a site without a readable
// active_plugins, or a corrupt active_sitewide_plugins, is an error.
func (r *Session) readPluginLists(ctx context.Context, plugins []inventory.Plugin) (*pluginLists, error) {
	if r.s.DB == nil {
		return nil, fmt.Errorf("the db strategy needs the database: %w", r.s.DBErr)
	}
	l := &pluginLists{}
	raw, found, err := r.s.DB.Option(ctx, r.scope.opt("active_plugins"))
	if err != nil {
		return nil, fmt.Errorf("read active_plugins: %w", err)
	}
	if !found {
		return nil, errors.New("there is no active_plugins option")
	}
	v, err := phpser.Unserialize(raw)
	if err != nil {
		return nil, fmt.Errorf("active_plugins is not valid serialized data: %w", err)
	}
	arr, ok := v.(phpser.Array)
	if !ok {
		return nil, errors.New("active_plugins is not an array")
	}
	l.site, l.siteRaw = arr, raw
	if r.scope.net != nil {
		if l.netRaw, _, err = r.s.DB.Option(ctx, r.scope.sitewideKey()); err != nil {
			return nil, fmt.Errorf("read %s: %w", multisite.SitewideKey, err)
		}
		if l.net, err = multisite.ParseSitewide(l.netRaw); err != nil {
			return nil, err
		}
	}
	id := pluginID(plugins)
	seen := map[string]bool{}
	add := func(file string) {
		if !seen[file] {
			seen[file] = true
			l.ids, l.files = append(l.ids, id(file)), append(l.files, file)
		}
	}
	for _, f := range l.net.Files() {
		add(f)
	}
	for _, pair := range arr {
		if file, ok := pair.Value.(phpser.String); ok {
			add(string(file))
		}
	}
	return l, nil
}

// keptOn says what a probe keeps on, files[i] being on iff want[i]:
// siteKeep keeps an entry of the site's list that the search does not
// cover or that is on; off are the files switched off (to drop from the
// network's map).
func (l *pluginLists) keptOn(files []string, want []bool) (siteKeep func(phpser.Pair) bool, off []string) {
	searched, keep := map[string]bool{}, map[string]bool{}
	for i, f := range files {
		searched[f] = true
		if want[i] {
			keep[f] = true
		} else {
			off = append(off, f)
		}
	}
	return func(p phpser.Pair) bool {
		s, ok := p.Value.(phpser.String)
		return !ok || !searched[string(s)] || keep[string(s)]
	}, off
}

// pluginID names a plugin file's component: plugin:<slug> of the installed
// plugin, or plugin:<file> for one that is listed but missing (still
// searched).
func pluginID(plugins []inventory.Plugin) func(file string) string {
	slugs := map[string]string{}
	for _, p := range plugins {
		slugs[p.File] = p.Slug
	}
	return func(file string) string {
		slug, ok := slugs[file]
		if !ok {
			slug = file
		}
		return diag.Component{Kind: diag.KindPlugin, Name: slug}.String()
	}
}

// dbPluginStage toggles entries of active_plugins, keeping the original
// array's keys and order (as WordPress's own deactivation does); on a
// network also the entries of active_sitewide_plugins, whose remaining
// entries keep their order and activation times byte for byte (each write
// is the original map without the plugins switched off). A plugin in both
// lists is one component, switched in both.
func (r *Session) dbPluginStage(ctx context.Context, plugins []inventory.Plugin, excluded map[string]bool) (stage, error) {
	l, err := r.readPluginLists(ctx, plugins)
	if err != nil {
		return stage{}, err
	}
	ids, files := without(l.ids, l.files, excluded)
	current, currentNet := l.siteRaw, l.netRaw
	siteKey := r.scope.opt("active_plugins")
	return stage{name: StagePlugins, comps: ids, apply: func(ctx context.Context, want []bool) error {
		siteKeep, off := l.keptOn(files, want)
		if next := l.net.Without(off...).Serialize(); l.net.Len() > 0 && !bytes.Equal(next, currentNet) {
			if err := r.changes.SetOption(ctx, r.scope.sitewideKey(), next, "bisect plugins (network-activated)"); err != nil {
				return err
			}
			currentNet = next
		}
		next := phpser.Serialize(l.site.Filter(siteKeep))
		if bytes.Equal(next, current) {
			return nil
		}
		if err := r.changes.SetOption(ctx, siteKey, next, "bisect plugins"); err != nil {
			return err
		}
		current = next
		return nil
	}}, nil
}

// themeStage switches between the active theme (with its parent) and an
// installed default theme.
func (r *Session) themeStage(ctx context.Context, inv *inventory.Inventory) (stage, string) {
	if why := r.themeSkip(inv); why != "" {
		return stage{}, why
	}
	tpl, _, err1 := r.s.DB.Option(ctx, r.scope.opt("template"))
	css, _, err2 := r.s.DB.Option(ctx, r.scope.opt("stylesheet"))
	if err := errors.Join(err1, err2); err != nil {
		return stage{}, err.Error()
	}
	def := inv.FallbackThemes()[0].Slug
	on := true
	return stage{name: StageTheme, comps: []string{diag.Component{Kind: diag.KindTheme, Name: string(css)}.String()}, apply: func(ctx context.Context, want []bool) error {
		if want[0] == on {
			return nil
		}
		if want[0] {
			if err := r.setTheme(ctx, tpl, css, string(css), "bisect theme"); err != nil {
				return err
			}
		} else if err := r.setTheme(ctx, []byte(def), []byte(def), string(css), "bisect theme"); err != nil {
			return err
		}
		on = want[0]
		return nil
	}}, ""
}

// setTheme sets template and stylesheet through the journal, guarding the
// theme_mods rows WordPress creates for a theme that has none when it first
// runs (undo removes them): the row of the theme switched to and of the
// active theme.
func (r *Session) setTheme(ctx context.Context, template, stylesheet []byte, active, note string) error {
	for _, slug := range []string{string(stylesheet), active} {
		key := r.scope.opt("theme_mods_" + slug)
		if r.guarded[key] {
			continue
		}
		if r.guarded == nil {
			r.guarded = map[string]bool{}
		}
		r.guarded[key] = true
		if err := r.changes.GuardOption(ctx, key, "WordPress creates a theme's theme_mods row when the theme first runs"); err != nil {
			return err
		}
	}
	if err := r.changes.SetOption(ctx, r.scope.opt("template"), template, note); err != nil {
		return err
	}
	return r.changes.SetOption(ctx, r.scope.opt("stylesheet"), stylesheet, note)
}

func (r *Session) muStage(inv *inventory.Inventory, excluded map[string]bool) stage {
	var ids, paths []string
	for _, m := range inv.MUPlugins {
		ids = append(ids, diag.Component{Kind: diag.KindMU, Name: m.File}.String())
		paths = append(paths, m.Path)
	}
	ids, paths = without(ids, paths, excluded)
	return r.renameStage(StageMUPlugins, ids, paths)
}

func (r *Session) dropinStage(inv *inventory.Inventory, excluded map[string]bool) stage {
	var ids, paths []string
	for _, d := range inv.Dropins {
		if d.Loads == inventory.LoadNever || d.IsDir {
			continue
		}
		ids = append(ids, diag.Component{Kind: diag.KindDropIn, Name: d.File}.String())
		paths = append(paths, d.Path)
	}
	ids, paths = without(ids, paths, excluded)
	return r.renameStage(StageDropins, ids, paths)
}
