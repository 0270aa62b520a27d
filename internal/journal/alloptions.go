package journal

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// OptionLister is an option store that can list every row (internal/wpdb.DB
// implements it). With one, the journal compares the whole option table at
// the end of a run, not only the rows it touched.
type OptionLister interface {
	// OptionDigests returns every row's name with the lower-case hex
	// SHA-256 of its value.
	OptionDigests(ctx context.Context) (map[string]string, error)
}

// VolatileOption reports whether WordPress itself rewrites an option row
// on ordinary page loads (transients, the cron array, fatal-error recovery
// mode), whether or not wpdoctor runs. A row of another table of a
// multisite network is named "[table] name" (wpdb.NetworkRows): its name
// is what counts.
func VolatileOption(name string) bool {
	if strings.HasPrefix(name, "[") {
		if _, n, ok := strings.Cut(name, "] "); ok {
			name = n
		}
	}
	switch {
	case strings.HasPrefix(name, "_transient_"), strings.HasPrefix(name, "_site_transient_"):
		return true
	case name == "cron", strings.HasPrefix(name, "recovery_"):
		return true
	}
	return false
}

// OtherDiff is an option row that differs from the start of the run
// although the journal never touched it: written by WordPress, a plugin or a
// visitor during the run. It is reported, never reverted: wpdoctor cannot
// tell such a write from real work the site did meanwhile.
type OtherDiff struct {
	Option string `json:"option"`
	Change string `json:"change"` // "appeared", "changed" or "removed"
}

func (d OtherDiff) String() string { return fmt.Sprintf("option %s %s", d.Option, d.Change) }

// compareAll lists the untouched option rows that differ from the digest
// taken at the start; volatile rows are counted, not listed.
func compareAll(before, after map[string]string, touched map[string]OptionState) (others []OtherDiff, volatile int) {
	add := func(name, change string) {
		if _, ok := touched[name]; ok {
			return // verified row by row against the snapshot
		}
		if VolatileOption(name) {
			volatile++
			return
		}
		others = append(others, OtherDiff{Option: name, Change: change})
	}
	for n, sum := range after {
		was, ok := before[n]
		switch {
		case !ok:
			add(n, "appeared")
		case was != sum:
			add(n, "changed")
		}
	}
	for n := range before {
		if _, ok := after[n]; !ok {
			add(n, "removed")
		}
	}
	sort.Slice(others, func(i, j int) bool { return others[i].Option < others[j].Option })
	return others, volatile
}

// digestAll reads the option table's digest, or nil when the store cannot
// list its rows.
func digestAll(ctx context.Context, o OptionStore) (map[string]string, error) {
	l, ok := o.(OptionLister)
	if !ok || o == nil {
		return nil, nil
	}
	d, err := l.OptionDigests(ctx)
	if err != nil {
		return nil, fmt.Errorf("list options: %w", err)
	}
	if d == nil {
		d = map[string]string{}
	}
	return d, nil
}

// otherChanges compares the option table with the digest from the start of
// the run and says what changed that wpdoctor did not touch.
func (s *Session) otherChanges(ctx context.Context, rep *Report) error {
	if s.snap.AllOptions == nil || s.env.Options == nil {
		return nil
	}
	now, err := digestAll(ctx, s.env.Options)
	if err != nil || now == nil {
		return err
	}
	others, volatile := compareAll(s.snap.AllOptions, now, s.snap.Options)
	rep.Others = others
	if len(others) > 0 {
		names := make([]string, len(others))
		for i, d := range others {
			names[i] = d.String()
		}
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d option row(s) changed during the run by something other than wpdoctor, left as they are: %s", len(others), strings.Join(names, ", ")))
	}
	if volatile > 0 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%d transient, cron or recovery-mode row(s) were rewritten by WordPress during the run, as it does on any page load", volatile))
	}
	return nil
}
