package journal

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// changes applies a typical multi-step change: renames, a wp-config edit,
// option updates, a guarded option and an expected file. stopAfter limits
// how many of the six steps run (a crash after that many).
func changes(t *testing.T, ctx context.Context, f *fixture, s *Session, stopAfter int) {
	t.Helper()
	steps := []func() error{
		func() error { return s.GuardOption(ctx, "active_plugins", "renamed plugins") },
		func() error {
			return s.RenameMany(ctx, []site.RenamePair{
				{Old: f.plugin("alpha"), New: f.plugin("alpha.wpdoctor-off")},
				{Old: f.plugin("beta"), New: f.plugin("beta.wpdoctor-off")},
				{Old: f.plugin("gamma"), New: f.plugin("gamma.wpdoctor-off")},
			}, "bisect: half off")
		},
		func() error {
			after := strings.Replace(testConfig, "'WP_DEBUG', false", "'WP_DEBUG', true", 1)
			after = strings.Replace(after, "/* That's all", "define( 'WP_DEBUG_LOG', '/tmp/x.log' );\r\n/* That's all", 1)
			return s.EditFile(ctx, f.config, []byte(testConfig), []byte(after), "debug logging")
		},
		func() error { return s.ExpectCreated(ctx, filepath.Join(f.root, "debug.log"), 0, "debug log") },
		func() error { return s.SetOption(ctx, "template", []byte("twentytwentyfour"), "default theme") },
		func() error { return s.SetOption(ctx, "new_option", []byte("x"), "an option that did not exist") },
	}
	for i, step := range steps {
		if i == stopAfter {
			return
		}
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	// The site creates the debug log.
	if err := os.WriteFile(filepath.Join(f.root, "debug.log"), []byte("PHP Notice"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestUndoRestoresEverything(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	before, beforeOpts := treeSum(t, f.root), f.opts.dump()
	s, err := Begin(ctx, f.env(nil), f.run(), []string{f.config}, []string{"template"})
	if err != nil {
		t.Fatal(err)
	}
	changes(t, ctx, f, s, -1)
	if treeSum(t, f.root) == before || f.opts.dump() == beforeOpts {
		t.Fatal("changes changed nothing")
	}
	st, _ := os.Stat(s.Path())
	if st.Mode().Perm() != 0o600 {
		t.Errorf("journal mode %v, want 0600", st.Mode().Perm())
	}
	journalBytes, _ := os.ReadFile(s.Path())
	for _, secret := range []string{"S3cr3t-Pa55", "salty-salt-9f8e7d", "DB_PASSWORD", "shop"} {
		if strings.Contains(string(journalBytes), secret) {
			t.Errorf("journal holds %q", secret)
		}
	}
	rep, err := s.Undo(context.Background())
	if err != nil {
		t.Fatalf("undo: %v", err)
	}
	if !rep.Verified || len(rep.Diffs) != 0 {
		t.Errorf("report %+v", rep)
	}
	if got := treeSum(t, f.root); got != before {
		t.Error("tree differs after undo")
	}
	if got := f.opts.dump(); got != beforeOpts {
		t.Errorf("options after undo:\n%s\nwant:\n%s", got, beforeOpts)
	}
	if _, err := os.Stat(s.Path()); !errors.Is(err, os.ErrNotExist) {
		t.Error("journal not removed after a verified undo")
	}
	if rep2, err := s.Undo(context.Background()); err != nil || !rep2.Verified {
		t.Errorf("second undo: %v %+v", err, rep2)
	}
}

// TestCrashAfterEveryStep abandons the run after each step (as kill -9
// would) and restores from the journal file alone.
func TestCrashAfterEveryStep(t *testing.T) {
	for stop := 0; stop <= 6; stop++ {
		ctx := context.Background()
		f := newFixture(t)
		before, beforeOpts := treeSum(t, f.root), f.opts.dump()
		s, err := Begin(ctx, f.env(nil), f.run(), []string{f.config}, nil)
		if err != nil {
			t.Fatal(err)
		}
		changes(t, ctx, f, s, stop)
		s.j.close() // the process dies here
		p := s.Path()
		pend, err := ListPending(f.state)
		if err != nil || len(pend) != 1 || pend[0].Path != p {
			t.Fatalf("stop %d: pending %v %v", stop, pend, err)
		}
		if _, err := Begin(ctx, f.env(nil), f.run(), nil, nil); !errors.Is(err, ErrPending) {
			t.Errorf("stop %d: a new run began over a pending journal: %v", stop, err)
		}
		for round := 0; round < 2; round++ { // restore is idempotent
			rep, err := Restore(context.Background(), f.env(nil), p)
			if err != nil && round == 0 {
				t.Fatalf("stop %d: restore: %v", stop, err)
			}
			if round == 0 && !rep.Verified {
				t.Errorf("stop %d: not verified: %+v", stop, rep)
			}
		}
		if treeSum(t, f.root) != before || f.opts.dump() != beforeOpts {
			t.Errorf("stop %d: site differs after restore", stop)
		}
	}
}

// TestCrashBetweenIntentAndApply: the intent is journaled, the change never
// happened. Restore must not "undo" what was not done.
func TestCrashBetweenIntentAndApply(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	before := treeSum(t, f.root)
	s, err := Begin(ctx, f.env(nil), f.run(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Touch(ctx, []string{f.plugin("alpha"), f.plugin("alpha.off"), f.config}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.intent(Step{Kind: KindRename, Path: f.plugin("alpha"), To: f.plugin("alpha.off")},
		Step{Kind: KindEdit, Path: f.config, BeforeSHA: SHA([]byte(testConfig)), AfterSHA: "x", Edits: []Edit{{Offset: 3, Old: "p", New: "q"}}}); err != nil {
		t.Fatal(err)
	}
	s.j.close()
	// A torn record at the end, as a crash in the middle of a write leaves.
	fh, _ := os.OpenFile(s.Path(), os.O_APPEND|os.O_WRONLY, 0)
	fh.WriteString(`{"t":"intent","seq":9,"step":{"kind":"rena`)
	fh.Close()
	rep, err := Restore(ctx, f.env(nil), s.Path())
	if err != nil || !rep.Verified {
		t.Fatalf("restore: %v %+v", err, rep)
	}
	if treeSum(t, f.root) != before {
		t.Error("restore changed a site that was never changed")
	}
}

func TestWordPressDroppedActivePlugin(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	beforeOpts := f.opts.dump()
	s, err := Begin(ctx, f.env(nil), f.run(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	changes(t, ctx, f, s, 2)
	// Someone visits wp-admin/plugins.php: WordPress deactivates the
	// renamed plugins for good.
	f.opts.set("active_plugins", `a:1:{i:2;s:15:"delta/delta.php";}`)
	rep, err := s.Undo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if f.opts.dump() != beforeOpts {
		t.Errorf("active_plugins not restored:\n%s", f.opts.dump())
	}
	if len(rep.Notes) == 0 || !strings.Contains(rep.Notes[0], "active_plugins") {
		t.Errorf("no note about the changed option: %v", rep.Notes)
	}
}

func TestEditConflictKeepsTheirChange(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	s, err := Begin(ctx, f.env(nil), f.run(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	changes(t, ctx, f, s, 3)
	// A cache plugin adds WP_CACHE at the top meanwhile.
	cur, _ := os.ReadFile(f.config)
	theirs := strings.Replace(string(cur), "<?php\r\n", "<?php\r\ndefine('WP_CACHE', true);\r\n", 1)
	os.WriteFile(f.config, []byte(theirs), 0o640)
	rep, err := s.Undo(ctx)
	if !errors.Is(err, ErrRestoreIncomplete) {
		t.Fatalf("undo: %v (the file legitimately differs from the snapshot)", err)
	}
	got, _ := os.ReadFile(f.config)
	want := strings.Replace(testConfig, "<?php\r\n", "<?php\r\ndefine('WP_CACHE', true);\r\n", 1)
	if string(got) != want {
		t.Errorf("config after undo:\n%q\nwant:\n%q", got, want)
	}
	if len(rep.Notes) == 0 || len(rep.Diffs) != 1 || rep.Diffs[0].What != f.config {
		t.Errorf("report %+v", rep)
	}
	if _, err := os.Stat(s.Path()); err != nil {
		t.Error("journal removed although the site differs")
	}
}

func TestRenameConflictIsReported(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	s, err := Begin(ctx, f.env(nil), f.run(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	changes(t, ctx, f, s, 2)
	os.MkdirAll(f.plugin("alpha"), 0o755) // someone re-installs alpha meanwhile
	_, err = s.Undo(ctx)
	if !errors.Is(err, ErrRestoreIncomplete) || !strings.Contains(err.Error(), "both") {
		t.Fatalf("undo: %v", err)
	}
	if _, err := os.Stat(f.plugin("beta")); err != nil {
		t.Error("the other renames were not undone")
	}
}

func TestUndoRetriesThroughLostConnection(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	before := treeSum(t, f.root)
	flaky := &flakyFS{}
	s, err := Begin(ctx, f.env(flaky), f.run(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	changes(t, ctx, f, s, 2)
	flaky.failures.Store(2)
	rep, err := s.Undo(ctx)
	if err != nil || !rep.Verified {
		t.Fatalf("undo: %v %+v", err, rep)
	}
	if treeSum(t, f.root) != before {
		t.Error("tree differs")
	}
}

func TestApplyAndInvertEdits(t *testing.T) {
	before := []byte(testConfig)
	after := []byte(strings.Replace(testConfig, "false", "true", 1))
	edits := DiffEdits(before, after)
	got, err := ApplyEdits(before, edits)
	if err != nil || string(got) != string(after) {
		t.Fatalf("apply: %v %q", err, got)
	}
	back, err := ApplyEdits(after, InvertEdits(edits))
	if err != nil || string(back) != string(before) {
		t.Fatalf("invert: %v", err)
	}
	if _, err := ApplyEdits(before, []Edit{{Offset: 1, Old: "zzz"}}); err == nil {
		t.Error("a mismatched edit applied")
	}
	if DiffEdits(before, before) != nil {
		t.Error("diff of equal files is not empty")
	}
}

func FuzzEdits(f *testing.F) {
	f.Add([]byte(testConfig), []byte(strings.Replace(testConfig, "false", "true", 1)))
	f.Add([]byte(""), []byte("x"))
	f.Fuzz(func(t *testing.T, before, after []byte) {
		edits := DiffEdits(before, after)
		got, err := ApplyEdits(before, edits)
		if err != nil || string(got) != string(after) {
			t.Fatalf("apply: %v", err)
		}
		back, err := ApplyEdits(after, InvertEdits(edits))
		if err != nil || string(back) != string(before) {
			t.Fatalf("invert: %v", err)
		}
	})
}

// TestUndoRepeatedRenames: bisecting renames the same folder off, on and
// off again; undo must replay those in order, not as one batch.
func TestUndoRepeatedRenames(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	before := treeSum(t, f.root)
	s, err := Begin(ctx, f.env(nil), f.run(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	off := func(names ...string) []site.RenamePair {
		var p []site.RenamePair
		for _, n := range names {
			p = append(p, site.RenamePair{Old: f.plugin(n), New: f.plugin(n) + ".off"})
		}
		return p
	}
	on := func(names ...string) []site.RenamePair {
		var p []site.RenamePair
		for _, n := range names {
			p = append(p, site.RenamePair{Old: f.plugin(n) + ".off", New: f.plugin(n)})
		}
		return p
	}
	for _, batch := range [][]site.RenamePair{off("alpha", "beta", "gamma"), on("alpha"), off("alpha"), on("beta", "gamma"), off("gamma")} {
		if err := s.RenameMany(ctx, batch, "bisect"); err != nil {
			t.Fatal(err)
		}
	}
	if rep, err := s.Undo(ctx); err != nil || !rep.Verified {
		t.Fatalf("undo: %v %+v", err, rep)
	}
	if treeSum(t, f.root) != before {
		t.Error("tree differs after undoing repeated renames")
	}
}
