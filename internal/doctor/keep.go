package doctor

import (
	"context"
	"errors"
	"fmt"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/inventory"
	"github.com/wpdoctor/wpdoctor/internal/journal"
)

// ErrNoCulprit means there is no culprit to keep switched off.
var ErrNoCulprit = errors.New("no culprit was found to keep switched off")

// KeepResult says what KeepCulpritOff left switched off.
type KeepResult struct {
	Kept    []string // what was changed, for humans
	Journal string   // the kept journal: `wpdoctor restore --kept` reverts it
	// Answers: the failing URL answers normally with the culprit off.
	Answers bool
	Probe   string // what the probe with the culprit off saw
}

// Culprits are the components the bisect found (nil before or without).
func (r *Session) Culprits() []diag.Component { return r.culprits }

// KeepCulpritOff ends the run with only the culprit switched off: it first
// undoes every change of the run and verifies, then switches the culprit
// off as a kept change (a plugin, must-use plugin or drop-in by renaming
// it, a theme by switching to an installed default theme), probes the
// site, and leaves a kept journal for `wpdoctor restore --kept`. It runs on
// a context of its own. Refused (with a note in the report) when an earlier
// kept change exists for the site.
func (r *Session) KeepCulpritOff(ctx context.Context) (*KeepResult, error) {
	ctx = context.WithoutCancel(ctx)
	if len(r.culprits) == 0 {
		return nil, ErrNoCulprit
	}
	r.restore(ctx)
	if !r.rep.Restored {
		return nil, fmt.Errorf("keep the culprit off: %w: the run's own changes are not undone", journal.ErrRestoreIncomplete)
	}
	res, err := r.keepOff(ctx)
	if err != nil {
		r.rep.Notes = append(r.rep.Notes, "the culprit was not left disabled: "+err.Error())
		return nil, err
	}
	return res, nil
}

func (r *Session) keepOff(ctx context.Context) (*KeepResult, error) {
	if p, ok := journal.KeptFor(r.o.StateDir, SiteKey(r.s)); ok {
		return nil, fmt.Errorf("an earlier kept change exists (%s); run 'wpdoctor restore --kept' first", p)
	}
	inv, err := r.inventory(ctx)
	if err != nil {
		return nil, err
	}
	r.ev.stage(diag.StageKeep, "switching off only "+idsOf(diag.ComponentIDs(r.culprits)))
	c, err := BeginChanges(ctx, r.s, r.o.StateDir, "leave culprit disabled", nil)
	if err != nil {
		return nil, err
	}
	prev := r.changes
	r.changes, r.guarded = c, nil
	defer func() { r.changes = prev }()
	res := &KeepResult{}
	if err := r.switchOff(ctx, inv, res); err != nil {
		if _, uerr := c.Undo(ctx); uerr != nil {
			r.rep.Restored = false
			r.rep.Journal = c.Journal()
		}
		return nil, err
	}
	r.rep.Kept = append(r.rep.Kept, res.Kept...)
	path, err := c.Keep(ctx)
	res.Journal, r.rep.Journal = path, path
	if err != nil {
		r.rep.Notes = append(r.rep.Notes, "keeping the culprit disabled: "+err.Error())
	}
	for _, k := range res.Kept {
		r.ev.change(diag.StageKeep, k)
	}
	pr := r.prober.Probe(ctx, r.failingURL)
	r.note(pr, "with the culprit left disabled")
	res.Answers, res.Probe = !pr.Failing(), pr.Reason
	state := "answers normally"
	if pr.Failing() {
		state = "still fails: " + pr.Reason
	}
	r.rep.Notes = append(r.rep.Notes, fmt.Sprintf("with %s left disabled the site %s; 'wpdoctor restore --kept' switches it back on", idsOf(r.rep.Verdict.Components), state))
	return res, err
}

// switchOff switches every culprit off through r.changes.
func (r *Session) switchOff(ctx context.Context, inv *inventory.Inventory, res *KeepResult) error {
	var paths []string
	for _, c := range r.culprits {
		switch c.Kind {
		case diag.KindTheme:
			fallback := inv.FallbackThemes()
			if r.s.DB == nil || len(fallback) == 0 {
				return fmt.Errorf("switch the theme %s off: %s", c.Name, r.themeSkip(inv))
			}
			def := fallback[0].Slug
			if err := r.setTheme(ctx, []byte(def), []byte(def), c.Name, "culprit left disabled at the owner's request"); err != nil {
				return err
			}
			res.Kept = append(res.Kept, "theme "+c.Name+" → default theme "+def)
		default:
			p, ok := culpritPath(inv, c)
			if !ok {
				return fmt.Errorf("switch %s off: it is not in the inventory", c)
			}
			paths = append(paths, p)
		}
	}
	if err := r.changes.RenameOff(ctx, paths, "culprit left disabled at the owner's request"); err != nil {
		return err
	}
	shared := ""
	if r.scope.net != nil {
		shared = " (the folder is the whole network's: the component is off on every site of it)"
	}
	for _, p := range paths {
		res.Kept = append(res.Kept, "renamed "+p+" → "+p+OffSuffix+shared)
	}
	return nil
}

// culpritPath is the path to rename to switch a component off.
func culpritPath(inv *inventory.Inventory, c diag.Component) (string, bool) {
	switch c.Kind {
	case diag.KindPlugin:
		for _, p := range inv.Plugins {
			if p.Slug == c.Name {
				return p.Dir, true
			}
		}
	case diag.KindMU:
		for _, m := range inv.MUPlugins {
			if m.File == c.Name {
				return m.Path, true
			}
		}
	case diag.KindDropIn:
		for _, d := range inv.Dropins {
			if d.File == c.Name {
				return d.Path, true
			}
		}
	}
	return "", false
}
