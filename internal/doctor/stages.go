package doctor

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/phpser"
)

// renameStage switches components off by renaming their paths.
func (r *run) renameStage(name string, ids, paths []string) stage {
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

// pluginStage builds the plugin stage with the chosen strategy.
func (r *run) pluginStage(ctx context.Context, inv *inventory.Inventory, strategy string) (stage, string, error) {
	var plugins []inventory.Plugin
	for _, p := range inv.Plugins {
		if !inv.ActiveKnown || p.Active || p.NetworkActive {
			plugins = append(plugins, p)
		}
	}
	if strategy == "auto" {
		strategy = r.autoStrategy(inv)
	}
	if strategy == "db" {
		st, err := r.dbPluginStage(ctx, plugins)
		return st, strategy, err
	}
	if err := r.changes.GuardOption(ctx, "active_plugins", "WordPress may drop missing plugins from it"); err != nil {
		return stage{}, strategy, err
	}
	var ids, paths []string
	for _, p := range plugins {
		ids = append(ids, "plugin:"+p.Slug)
		paths = append(paths, p.Dir)
	}
	return r.renameStage("plugins", ids, paths), strategy, nil
}

// autoStrategy toggles active_plugins in the database (one write per probe)
// unless that cannot be trusted: no database, multisite network plugins, or
// a persistent object cache that may keep serving the old value.
func (r *run) autoStrategy(inv *inventory.Inventory) string {
	if r.s.DB == nil || r.s.Config.Multisite {
		return "rename"
	}
	for _, d := range inv.Dropins {
		if d.File == "object-cache.php" && d.Loads == inventory.LoadAlways {
			return "rename"
		}
	}
	return "db"
}

// dbPluginStage toggles entries of active_plugins, keeping the original
// array's keys and order (as WordPress's own deactivation does).
func (r *run) dbPluginStage(ctx context.Context, plugins []inventory.Plugin) (stage, error) {
	if r.s.DB == nil {
		return stage{}, fmt.Errorf("the db strategy needs the database: %w", r.s.DBErr)
	}
	raw, found, err := r.s.DB.Option(ctx, "active_plugins")
	if err != nil {
		return stage{}, fmt.Errorf("read active_plugins: %w", err)
	}
	if !found {
		return stage{}, errors.New("there is no active_plugins option")
	}
	v, err := phpser.Unserialize(raw)
	if err != nil {
		return stage{}, fmt.Errorf("active_plugins is not valid serialized data: %w", err)
	}
	arr, ok := v.(phpser.Array)
	if !ok {
		return stage{}, errors.New("active_plugins is not an array")
	}
	slugs := map[string]string{}
	for _, p := range plugins {
		slugs[p.File] = p.Slug
	}
	var ids, files []string
	for _, pair := range arr {
		file, ok := pair.Value.(phpser.String)
		if !ok {
			continue
		}
		slug, ok := slugs[string(file)]
		if !ok {
			slug = string(file) // active but missing: still searched
		}
		ids = append(ids, "plugin:"+slug)
		files = append(files, string(file))
	}
	current := raw
	return stage{name: "plugins", comps: ids, apply: func(ctx context.Context, want []bool) error {
		keep := map[string]bool{}
		for i, w := range want {
			if w {
				keep[files[i]] = true
			}
		}
		next := phpser.Serialize(arr.Filter(func(p phpser.Pair) bool {
			s, ok := p.Value.(phpser.String)
			return !ok || keep[string(s)]
		}))
		if bytes.Equal(next, current) {
			return nil
		}
		if err := r.changes.SetOption(ctx, "active_plugins", next, "bisect plugins"); err != nil {
			return err
		}
		current = next
		return nil
	}}, nil
}

// themeStage switches between the active theme (with its parent) and an
// installed default theme.
func (r *run) themeStage(ctx context.Context, inv *inventory.Inventory) (stage, string) {
	if r.s.DB == nil {
		return stage{}, "switching themes needs the database"
	}
	fallback := inv.FallbackThemes()
	if len(fallback) == 0 {
		return stage{}, "no WordPress default theme is installed to switch to"
	}
	tpl, _, err1 := r.s.DB.Option(ctx, "template")
	css, _, err2 := r.s.DB.Option(ctx, "stylesheet")
	if err := errors.Join(err1, err2); err != nil {
		return stage{}, err.Error()
	}
	def := fallback[0].Slug
	on, guarded := true, false
	return stage{name: "theme", comps: []string{"theme:" + string(css)}, apply: func(ctx context.Context, want []bool) error {
		if want[0] == on {
			return nil
		}
		t, s := []byte(def), []byte(def)
		if want[0] {
			t, s = tpl, css
		}
		// WordPress creates theme_mods_<stylesheet> for a theme that has
		// none when it first runs: switching to the default theme leaves
		// such a row behind unless undo removes it.
		if !guarded {
			for _, slug := range []string{def, string(css)} {
				if err := r.changes.GuardOption(ctx, "theme_mods_"+slug, "WordPress creates a theme's theme_mods row when the theme first runs"); err != nil {
					return err
				}
			}
			guarded = true
		}
		if err := r.changes.SetOption(ctx, "template", t, "bisect theme"); err != nil {
			return err
		}
		if err := r.changes.SetOption(ctx, "stylesheet", s, "bisect theme"); err != nil {
			return err
		}
		on = want[0]
		return nil
	}}, ""
}

func (r *run) muStage(inv *inventory.Inventory) stage {
	var ids, paths []string
	for _, m := range inv.MUPlugins {
		ids = append(ids, "mu-plugin:"+m.File)
		paths = append(paths, m.Path)
	}
	return r.renameStage("mu-plugins", ids, paths)
}

func (r *run) dropinStage(inv *inventory.Inventory) stage {
	var ids, paths []string
	for _, d := range inv.Dropins {
		if d.Loads == inventory.LoadNever || d.IsDir {
			continue
		}
		ids = append(ids, "drop-in:"+d.File)
		paths = append(paths, d.Path)
	}
	return r.renameStage("drop-ins", ids, paths)
}
