package doctor

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/journal"
)

func assertSame(t *testing.T, before, after map[string]string, what string) {
	t.Helper()
	if d := diffState(before, after); len(d) > 0 {
		t.Fatalf("%s: the site differs:\n%s", what, strings.Join(d, "\n"))
	}
}

// The whole flow a front end drives: diagnose → plan → bisect → keep the
// culprit off → close; then restore --kept puts the site back exactly.
func TestSessionFlowPluginCulprit(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "bad", "gamma", "delta")
	before := f.snapshot()
	state := t.TempDir()
	ctx := context.Background()
	sess := f.open(state)
	if obs := sess.Obstacles(); len(obs) != 0 {
		t.Fatalf("obstacles on a clean site: %+v", obs)
	}
	d, err := sess.Diagnose(ctx, DiagnoseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != diag.StatusBroken {
		t.Fatalf("status %s, want broken", d.Status)
	}
	if d.Plan == nil {
		t.Fatalf("no bisect plan for a broken site without evidence: %+v", d.Verdict)
	}
	p := d.Plan
	var names []string
	for _, st := range p.Stages {
		names = append(names, st.Name)
	}
	if strings.Join(names, ",") != "plugins,theme,mu-plugins,drop-ins" {
		t.Errorf("stages %v", names)
	}
	// auto: the probe agent, placed and confirmed in the diagnosis's
	// debug-log round (per-request logging), switches plugins for wpdoctor's
	// probes only.
	if p.Strategy != StrategyIsolated || p.StrategyWhy == "" {
		t.Errorf("strategy %q (%s), want isolated with a reason", p.Strategy, p.StrategyWhy)
	}
	if got := diag.ComponentIDs(p.Stages[0].Components); strings.Join(got, " ") != "plugin:alpha plugin:bad plugin:gamma plugin:delta" {
		t.Errorf("plugin components %v", got)
	}
	if p.Stages[2].Skip == "" || p.Stages[3].Skip == "" {
		t.Errorf("empty mu-plugin and drop-in stages should be skipped: %+v", p.Stages)
	}
	if p.ExpectedProbes != 4 || !strings.Contains(p.Visitors, "about 4 page loads") || p.URL != "http://shop.test/" {
		t.Errorf("plan: %d probes, visitors %q, url %q", p.ExpectedProbes, p.Visitors, p.URL)
	}

	br, err := sess.Bisect(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if br.Verdict.Kind != diag.KindPlugin || strings.Join(br.Verdict.Components, ",") != "plugin:bad" || br.Verdict.Basis != "bisect" {
		t.Fatalf("verdict %+v", br.Verdict)
	}
	if len(br.Culprits) != 1 || br.Culprits[0] != (diag.Component{Kind: diag.KindPlugin, Name: "bad"}) {
		t.Fatalf("culprits %v", br.Culprits)
	}
	// Bisect probes are tagged with the site and say what is left.
	var bisectProbes int
	for _, e := range f.eventsOf(diag.EventProbe) {
		if e.Site != "shop" {
			t.Errorf("event without the site name: %+v", e)
		}
		if e.Stage == diag.StageBisect {
			bisectProbes++
			if e.Probe.Left == 0 || len(e.Probe.On)+len(e.Probe.Off) != 4 {
				t.Errorf("bisect probe event: %+v", e.Probe)
			}
		}
	}
	if bisectProbes == 0 || bisectProbes > 8 {
		t.Errorf("%d bisect probe events", bisectProbes)
	}

	kr, err := sess.KeepCulpritOff(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !kr.Answers || kr.Journal == "" || len(kr.Kept) != 1 {
		t.Fatalf("keep: %+v", kr)
	}
	rep, err := sess.Close(ctx)
	if err != nil || !rep.Restored {
		t.Fatalf("close: %v restored=%v", err, rep.Restored)
	}
	// Only the culprit is off.
	mid := f.snapshot()
	d2 := diffState(before, mid)
	if len(d2) != 4 || !f.exists("wp-content/plugins/bad"+OffSuffix) || f.exists("wp-content/plugins/bad") {
		t.Fatalf("with the culprit kept off, the site differs by:\n%s", strings.Join(d2, "\n"))
	}
	if _, ok := journal.PendingFor(state, SiteKey(f.load())); ok {
		t.Fatal("a pending journal was left")
	}
	res, err := RestoreKept(ctx, f.load(), state)
	if err != nil || res == nil || !res.Report.Verified {
		t.Fatalf("restore kept: %v %+v", err, res)
	}
	assertSame(t, before, f.snapshot(), "after restore --kept")
	if res, err := RestoreKept(ctx, f.load(), state); res != nil || err != nil {
		t.Fatalf("second restore --kept: %+v %v", res, err)
	}
}

// A theme culprit is found after the plugins, and kept off by switching to
// a default theme (it used to be silently ignored).
func TestSessionThemeCulpritKeptOff(t *testing.T) {
	f := newFakeSite(t, "theme:badtheme", "alpha", "beta")
	f.db.set("template", "badtheme")
	f.db.set("stylesheet", "badtheme")
	before := f.snapshot()
	state := t.TempDir()
	ctx := context.Background()
	sess := f.open(state)
	d, err := sess.Diagnose(ctx, DiagnoseOptions{})
	if err != nil || d.Plan == nil {
		t.Fatalf("diagnose: %v plan %v", err, d)
	}
	br, err := sess.Bisect(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if br.Verdict.Kind != diag.KindTheme || br.Verdict.Components[0] != "theme:badtheme" {
		t.Fatalf("verdict %+v stages %+v", br.Verdict, br.Bisect.Stages)
	}
	if br.Bisect.Stages[0].Outcome != "broken-with-none" {
		t.Errorf("plugin stage %+v", br.Bisect.Stages[0])
	}
	kr, err := sess.KeepCulpritOff(ctx)
	if err != nil || !kr.Answers {
		t.Fatalf("keep: %v %+v", err, kr)
	}
	if _, err := sess.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if f.db.get("stylesheet") != "twentytwentyfour" || f.db.get("template") != "twentytwentyfour" {
		t.Fatalf("theme kept off: stylesheet %q template %q", f.db.get("stylesheet"), f.db.get("template"))
	}
	// WordPress creates the default theme's theme_mods row while it runs.
	f.db.set("theme_mods_twentytwentyfour", "a:0:{}")
	if _, err := RestoreKept(ctx, f.load(), state); err != nil {
		t.Fatal(err)
	}
	assertSame(t, before, f.snapshot(), "after restore --kept")
}

// The logs name the culprit: no debug-log round, the plan proposes a
// bisect to confirm; a front end that declines gets the site back exactly
// on Close.
func TestSessionEvidenceAndCloseRestores(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "bad")
	f.logFatal = true
	before := f.snapshot()
	ctx := context.Background()
	sess := f.open(t.TempDir())
	d, err := sess.Diagnose(ctx, DiagnoseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Verdict.Kind != diag.KindPlugin || len(d.Verdict.Components) == 0 || d.Verdict.Components[0] != "plugin:bad" {
		t.Fatalf("verdict from the logs: %+v", d.Verdict)
	}
	if d.Plan == nil || !strings.Contains(d.Plan.Why, "plugin:bad") || d.Plan.ExpectedProbes != 2 {
		t.Fatalf("plan to confirm: %+v", d.Plan)
	}
	// The server's log already names the culprit: turning debug logging
	// on would cost a change, the opcache wait and one more page load.
	cfg, _ := f.fs.ReadFile(ctx, f.abs("wp-config.php"))
	if strings.Contains(string(cfg), "WP_DEBUG_LOG") {
		t.Fatal("debug logging turned on although the logs already name the culprit")
	}
	if len(f.eventsOf(diag.EventLog)) == 0 {
		t.Error("no log events")
	}
	rep, err := sess.Close(ctx)
	if err != nil || !rep.Restored || rep.Verdict.Components[0] != "plugin:bad" {
		t.Fatalf("close: %v %+v", err, rep)
	}
	assertSame(t, before, f.snapshot(), "after close")
	if again, err := sess.Close(ctx); err != nil || again != rep {
		t.Fatalf("second close: %v", err)
	}
}

// A healthy site: no plan, nothing changed, no lock taken.
func TestSessionHealthy(t *testing.T) {
	f := newFakeSite(t, "", "alpha")
	before := f.snapshot()
	sess := f.open(t.TempDir())
	d, err := sess.Diagnose(context.Background(), DiagnoseOptions{Repeat: 2, URLs: []string{"http://shop.test/shop/"}})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != diag.StatusHealthy || d.Verdict.Kind != diag.KindHealthy || d.Plan != nil {
		t.Fatalf("healthy site: %s %s plan=%v", d.Status, d.Verdict.Kind, d.Plan)
	}
	if n := f.Requests(); n != 4 {
		t.Errorf("%d probes, want 2 front page + login + extra", n)
	}
	if _, err := sess.Bisect(context.Background(), &BisectPlan{Stages: []PlannedStage{{Name: "nonsense"}}}); err == nil {
		t.Error("an unknown stage was accepted")
	}
	rep, err := sess.Close(context.Background())
	if err != nil || !rep.Restored {
		t.Fatal(err)
	}
	assertSame(t, before, f.snapshot(), "healthy")
}

// The front end may change the plan: exclude a component it knows is
// innocent (it stays on) and choose the rename strategy.
func TestSessionChangedPlan(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "bad", "gamma")
	before := f.snapshot()
	ctx := context.Background()
	sess := f.open(t.TempDir())
	d, err := sess.Diagnose(ctx, DiagnoseOptions{})
	if err != nil || d.Plan == nil {
		t.Fatal(err)
	}
	plan := *d.Plan
	plan.Strategy = StrategyRename
	plan.Exclude = []diag.Component{{Kind: diag.KindPlugin, Name: "alpha"}}
	plan.Stages = plan.Stages[:1]
	var renamedAlpha bool
	f.fs.failRename = func(old string) error {
		if strings.HasSuffix(old, "/plugins/alpha") {
			renamedAlpha = true
		}
		return nil
	}
	br, err := sess.Bisect(ctx, &plan)
	if err != nil {
		t.Fatal(err)
	}
	if br.Bisect.Strategy != StrategyRename || br.Verdict.Components[0] != "plugin:bad" {
		t.Fatalf("bisect %+v verdict %+v", br.Bisect, br.Verdict)
	}
	if br.Bisect.Stages[0].Candidates != 2 || renamedAlpha {
		t.Errorf("excluded plugin searched: %+v, renamed=%v", br.Bisect.Stages[0], renamedAlpha)
	}
	if _, err := sess.Close(ctx); err != nil {
		t.Fatal(err)
	}
	assertSame(t, before, f.snapshot(), "after a changed plan")
}

// leaveRun simulates a run that died (kill -9) after switching a plugin
// off: its journal stays pending and its lock names a dead process.
func leaveRun(t *testing.T, f *fakeSite, state string) {
	t.Helper()
	ctx := context.Background()
	c, err := BeginChanges(ctx, f.load(), state, "diagnose --auto-bisect", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RenameOff(ctx, []string{f.abs("wp-content/plugins/alpha")}, "bisect"); err != nil {
		t.Fatal(err)
	}
	writeOwner(t, f, journal.LockInfo{Tool: "wpdoctor", User: "shop", Host: hostname(t), PID: 1 << 30})
}

func writeOwner(t *testing.T, f *fakeSite, li journal.LockInfo) {
	t.Helper()
	dir := f.fs.p(f.abs(journal.LockName))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	li.Started = li.Started.UTC()
	b := `{"tool":"` + li.Tool + `","user":"` + li.User + `","host":"` + li.Host + `","pid":` + itoa(li.PID) + `,"started":"2026-12-03T06:00:00Z"}`
	if err := os.WriteFile(filepath.Join(dir, "owner.json"), []byte(b), 0o600); err != nil {
		t.Fatal(err)
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

func hostname(t *testing.T) string {
	h, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// Defect 10: a pending journal and a stale lock stop a diagnosis (exit 8
// with the restore command) until restored; the session can restore first.
func TestSessionPendingJournalAtOpen(t *testing.T) {
	f := newFakeSite(t, "", "alpha", "beta")
	before := f.snapshot()
	state := t.TempDir()
	leaveRun(t, f, state)
	ctx := context.Background()
	sess := f.open(state)
	obs := sess.Obstacles()
	if len(obs) != 2 || obs[0].Kind != ObstaclePending || obs[1].Kind != ObstacleStaleLock {
		t.Fatalf("obstacles %+v", obs)
	}
	if !strings.Contains(obs[0].Err().Error(), "wpdoctor restore "+fakeRoot) || obs[0].Question() == "" {
		t.Errorf("pending obstacle says %q", obs[0].Err())
	}
	if !errors.Is(obs[1].Err(), ErrStaleLock) || errors.Is(obs[1].Err(), journal.ErrLocked) {
		t.Errorf("stale lock error %v", obs[1].Err())
	}
	_, err := sess.Diagnose(ctx, DiagnoseOptions{})
	if !errors.Is(err, journal.ErrPending) {
		t.Fatalf("diagnose on a site with a pending journal: %v", err)
	}
	if f.Requests() != 0 {
		t.Fatal("the site was probed despite the pending journal")
	}
	res, err := sess.RestorePending(ctx)
	if err != nil || res.Journal == "" || res.BrokeLock == "" || !res.Report.Verified {
		t.Fatalf("restore pending: %v %+v", err, res)
	}
	if len(sess.Obstacles()) != 0 {
		t.Fatalf("obstacles after restore: %+v", sess.Obstacles())
	}
	assertSame(t, before, f.snapshot(), "after restoring the pending journal")
	if _, err := sess.Diagnose(ctx, DiagnoseOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Close(ctx); err != nil {
		t.Fatal(err)
	}
}

// A stale lock alone (a run that died with nothing to undo).
func TestSessionStaleLockOnly(t *testing.T) {
	f := newFakeSite(t, "", "alpha")
	writeOwner(t, f, journal.LockInfo{Tool: "wpdoctor", User: "shop", Host: hostname(t), PID: 1 << 30})
	state := t.TempDir()
	sess := f.open(state)
	if obs := sess.Obstacles(); len(obs) != 1 || obs[0].Kind != ObstacleStaleLock {
		t.Fatalf("obstacles %+v", obs)
	}
	if _, err := sess.Diagnose(context.Background(), DiagnoseOptions{}); !errors.Is(err, ErrStaleLock) {
		t.Fatalf("diagnose with a stale lock: %v", err)
	}
	res, err := RestorePending(context.Background(), f.load(), state)
	if err != nil || res.Journal != "" || res.BrokeLock == "" {
		t.Fatalf("restore: %v %+v", err, res)
	}
	if f.exists(journal.LockName) {
		t.Fatal("the stale lock is still there")
	}
}

// Defect 3: a lock held by a live run is refused by diagnose (exit 7) and
// by restore, which must not undo that run's changes half-way.
func TestSessionLiveLock(t *testing.T) {
	f := newFakeSite(t, "", "alpha", "beta")
	state := t.TempDir()
	ctx := context.Background()
	// A live run (pid 1 is always alive) switched alpha off.
	sess0 := journalEnv(f.load(), state)
	js, err := journal.Begin(ctx, sess0, journal.RunInfo{Site: SiteKey(f.load()), Target: fakeRoot, Root: fakeRoot,
		Config: f.abs("wp-config.php"), Operation: "diagnose --auto-bisect", PID: 1, Host: hostname(t)}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := js.Rename(ctx, f.abs("wp-content/plugins/alpha"), f.abs("wp-content/plugins/alpha")+OffSuffix, "bisect"); err != nil {
		t.Fatal(err)
	}
	writeOwner(t, f, journal.LockInfo{Tool: "wpdoctor", User: "other", Host: hostname(t), PID: 1})
	during := f.snapshot()

	sess := f.open(state)
	var live *Obstacle
	for i, ob := range sess.Obstacles() {
		if ob.Kind == ObstacleLiveLock {
			live = &sess.Obstacles()[i]
		}
	}
	if live == nil || live.Holder.PID != 1 || live.Restore != "" {
		t.Fatalf("obstacles %+v", sess.Obstacles())
	}
	_, err = sess.Diagnose(ctx, DiagnoseOptions{})
	if !errors.Is(err, journal.ErrLocked) || strings.Contains(err.Error(), "restore") {
		t.Fatalf("diagnose of a live-locked site: %v", err)
	}
	if _, err := sess.RestorePending(ctx); !errors.Is(err, journal.ErrLocked) {
		t.Fatalf("session restore of a live-locked site: %v", err)
	}
	if _, err := RestorePending(ctx, f.load(), state); !errors.Is(err, journal.ErrLocked) {
		t.Fatalf("restore of a live-locked site: %v", err)
	}
	if _, err := RestoreKept(ctx, f.load(), state); err != nil {
		t.Fatalf("restore --kept without a kept journal: %v", err)
	}
	assertSame(t, during, f.snapshot(), "a live run's changes")
	// The same live run without its lock (between lock and journal): the
	// journal's own pid says it is in use.
	if err := os.RemoveAll(f.fs.p(f.abs(journal.LockName))); err != nil {
		t.Fatal(err)
	}
	during = f.snapshot()
	if _, err := RestorePending(ctx, f.load(), state); !errors.Is(err, journal.ErrLocked) {
		t.Fatalf("restore of a live run's journal: %v", err)
	}
	assertSame(t, during, f.snapshot(), "a live run's changes")
	if _, err := sess.Close(ctx); err != nil {
		t.Fatal(err)
	}
}

// Cancellation at each phase leaves the site restored.
func TestSessionCancel(t *testing.T) {
	for _, tc := range []struct {
		name    string
		atProbe int64
	}{{"while probing", 2}, {"during the debug-log probe", 5}, {"during the bisect", 7}} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeSite(t, "plugin:bad", "alpha", "bad", "gamma", "delta")
			before := f.snapshot()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			f.onProbe = func(n int64) {
				if n == tc.atProbe {
					cancel()
				}
			}
			sess := f.open(t.TempDir())
			d, err := sess.Diagnose(ctx, DiagnoseOptions{})
			if err == nil && d.Plan != nil {
				_, err = sess.Bisect(ctx, d.Plan)
			}
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err %v, want canceled", err)
			}
			rep, err := sess.Close(ctx)
			if err != nil || rep == nil || !rep.Restored {
				t.Fatalf("close after cancel: %v %+v", err, rep)
			}
			assertSame(t, before, f.snapshot(), "after cancel")
		})
	}
}

// A restore that fails half-way keeps the journal; `restore` finishes it.
func TestSessionHalfFailedRestore(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "bad", "gamma", "delta")
	before := f.snapshot()
	state := t.TempDir()
	ctx := context.Background()
	sess := f.open(state)
	d, err := sess.Diagnose(ctx, DiagnoseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d.Plan.Strategy = StrategyRename
	if _, err := sess.Bisect(ctx, d.Plan); err != nil {
		t.Fatal(err)
	}
	// Undo cannot rename one plugin back (permissions changed).
	f.fs.failRename = func(old string) error {
		if strings.HasSuffix(old, "/plugins/bad"+OffSuffix) {
			return &fs.PathError{Op: "rename", Path: old, Err: fs.ErrPermission}
		}
		return nil
	}
	rep, err := sess.Close(ctx)
	if !errors.Is(err, journal.ErrRestoreIncomplete) || rep.Restored || rep.Journal == "" {
		t.Fatalf("close with a failing undo: %v restored=%v journal=%q", err, rep.Restored, rep.Journal)
	}
	if !f.exists(journal.LockName) {
		t.Error("the lock was released although the site is not restored")
	}
	f.fs.failRename = nil
	// The same process restores: its own lock is not a live run's.
	writeOwner(t, f, journal.LockInfo{Tool: "wpdoctor", User: "shop", Host: hostname(t), PID: 1 << 30})
	js, err := ListJournals(state)
	if err != nil || len(js.Pending) != 1 {
		t.Fatalf("journals %+v %v", js, err)
	}
	res, err := RestorePending(ctx, f.load(), state)
	if err != nil || !res.Report.Verified {
		t.Fatalf("restore: %v %+v", err, res)
	}
	assertSame(t, before, f.snapshot(), "after restore")
	if f.exists(journal.LockName) {
		t.Error("lock left after restore")
	}
}

// Defect 4: a damaged file in the journal directory is reported and the
// other journals are still listed and restored.
func TestDamagedJournalBlocksNothing(t *testing.T) {
	f := newFakeSite(t, "", "alpha", "beta")
	before := f.snapshot()
	state := t.TempDir()
	leaveRun(t, f, state)
	bad := filepath.Join(state, "journals", "aaa-garbage.journal")
	if err := os.WriteFile(bad, []byte("this is not a journal\n{"), 0o600); err != nil {
		t.Fatal(err)
	}
	js, err := ListJournals(state)
	if err != nil {
		t.Fatal(err)
	}
	if len(js.Pending) != 1 || js.Pending[0].Info.Target != fakeRoot {
		t.Fatalf("pending %+v", js.Pending)
	}
	if len(js.Damaged) != 1 || js.Damaged[0].Path != bad || js.Damaged[0].Problem == "" ||
		!strings.Contains(js.Damaged[0].MoveAside(), "mv '"+bad+"' '"+bad+".damaged'") {
		t.Fatalf("damaged %+v", js.Damaged)
	}
	if _, err := RestorePending(context.Background(), f.load(), state); err != nil {
		t.Fatal(err)
	}
	assertSame(t, before, f.snapshot(), "restored beside a damaged journal")
}

// Inspect reads the install through the seams and changes nothing.
func TestSessionInspect(t *testing.T) {
	f := newFakeSite(t, "", "alpha", "beta")
	before := f.snapshot()
	sess := f.open(t.TempDir())
	info := sess.Inspect(context.Background())
	if info.Home != "http://shop.test" || len(info.Plugins) != 2 || info.Theme.Stylesheet != "shoptheme" ||
		info.PHP.Value != "8.2.7" || info.WebServer.Value != "nginx/1.22.1" || !info.DB.Reachable || info.WordPress.WordPress != "6.4.2" {
		t.Fatalf("info %+v", info)
	}
	if sess.Site().Loc.Config != path.Join(fakeRoot, "wp-config.php") {
		t.Errorf("config at %s", sess.Site().Loc.Config)
	}
	assertSame(t, before, f.snapshot(), "inspect")
}

// The lock of a running session beats, so another machine sees it live.
func TestSessionHeartbeat(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "bad")
	state := t.TempDir()
	s := f.load()
	sess, err := Open(context.Background(), s, OpenOptions{StateDir: state, Prober: f, Clock: &fakeClock{now: time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)},
		OpcacheDelay: time.Millisecond, Heartbeat: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sess.Diagnose(context.Background(), DiagnoseOptions{}); err != nil {
		t.Fatal(err)
	}
	var beat time.Time
	for i := 0; i < 200 && beat.IsZero(); i++ {
		time.Sleep(time.Millisecond)
		if le, err := journal.Holder(context.Background(), f.fs, fakeRoot); err == nil && le != nil {
			beat = le.Holder.Heartbeat
		}
	}
	if beat.Before(time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)) {
		t.Fatalf("no heartbeat from the clock: %v", beat)
	}
	if _, err := sess.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if f.exists(journal.LockName) {
		t.Fatal("the lock outlived the session")
	}
}

// Run with fixed answers: restore what an earlier run left first, bisect,
// keep the culprit off.
func TestRunFixedAnswers(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "bad", "gamma")
	state := t.TempDir()
	leaveRun(t, f, state)
	o := OpenOptions{Name: "shop", StateDir: state, Prober: f, Clock: &fakeClock{}, OpcacheDelay: time.Millisecond}
	if _, err := Run(context.Background(), f.load(), o, Answers{Bisect: true}); !errors.Is(err, journal.ErrPending) {
		t.Fatalf("run without RestorePending: %v", err)
	}
	rep, err := Run(context.Background(), f.load(), o, Answers{RestorePending: true, Bisect: true, Strategy: StrategyRename, KeepCulpritOff: true})
	if err != nil || rep == nil {
		t.Fatal(err)
	}
	if !rep.Restored || rep.Bisect.Strategy != StrategyRename || len(rep.Kept) != 1 || !strings.Contains(rep.Kept[0], "/plugins/bad") {
		t.Fatalf("report: restored=%v bisect=%+v kept=%v", rep.Restored, rep.Bisect, rep.Kept)
	}
	if !f.exists("wp-content/plugins/alpha") || !f.exists("wp-content/plugins/bad"+OffSuffix) {
		t.Fatal("site state after the run")
	}
}

// Without the database: the plan renames folders, skips the theme and
// says why; the bisect still finds the plugin.
func TestSessionWithoutDatabase(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "bad")
	f.write("wp-content/mu-plugins/helper.php", "<?php\n")
	before := f.snapshot()
	s := f.load()
	s.DB, s.DBErr = nil, errors.New("database unreachable") // the web server still reads it
	sess, err := Open(context.Background(), s, OpenOptions{StateDir: t.TempDir(), Prober: f, Clock: &fakeClock{}, OpcacheDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	d, err := sess.Diagnose(context.Background(), DiagnoseOptions{SiteURL: "http://shop.test/"})
	if err != nil || d.Plan == nil {
		t.Fatalf("diagnose: %v %+v", err, d)
	}
	p := d.Plan
	if p.Strategy != StrategyRename || !strings.Contains(p.StrategyWhy, "database") || p.Stages[1].Skip != "switching themes needs the database" {
		t.Fatalf("plan without the database: %+v", p)
	}
	if got := diag.ComponentIDs(p.Stages[2].Components); len(got) != 1 || got[0] != "mu-plugin:helper.php" {
		t.Errorf("mu-plugin stage %v", got)
	}
	br, err := sess.Bisect(context.Background(), nil)
	if err != nil || br.Verdict.Components[0] != "plugin:bad" {
		t.Fatalf("bisect: %v %+v", err, br)
	}
	rep, err := sess.Close(context.Background())
	if err != nil || !rep.Restored {
		t.Fatal(err)
	}
	assertSame(t, before, f.snapshot(), "without the database")
}

// With every searched component off the site still fails: the verdict
// says the cause is not among them (the front end excluded the real one).
func TestSessionNotAComponent(t *testing.T) {
	f := newFakeSite(t, "mu-plugin:none", "alpha", "beta")
	f.write("wp-content/mu-plugins/none", "")
	before := f.snapshot()
	sess := f.open(t.TempDir())
	d, err := sess.Diagnose(context.Background(), DiagnoseOptions{})
	if err != nil || d.Plan == nil {
		t.Fatalf("%v %+v", err, d)
	}
	// The front end leaves the must-use plugin out: it knows it is innocent.
	d.Plan.Exclude = []diag.Component{{Kind: diag.KindMU, Name: "none"}}
	br, err := sess.Bisect(context.Background(), d.Plan)
	if err != nil {
		t.Fatal(err)
	}
	if br.Verdict.Kind == diag.KindPlugin || len(br.Culprits) != 0 || !strings.Contains(br.Verdict.Cause, "not among them") {
		t.Fatalf("verdict %+v", br.Verdict)
	}
	if _, err := sess.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	assertSame(t, before, f.snapshot(), "not a component")
}

// An intermittent failure: the plan says the healthy answers are
// confirmed (more probes), and the bisect still finds the plugin.
func TestSessionIntermittent(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "bad", "gamma", "delta")
	f.flaky = true
	before := f.snapshot()
	sess := f.open(t.TempDir())
	d, err := sess.Diagnose(context.Background(), DiagnoseOptions{Repeat: 4})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != diag.StatusIntermittent || d.Plan == nil {
		t.Fatalf("status %s plan %v", d.Status, d.Plan)
	}
	if d.Plan.ExpectedProbes != expectedProbes(4, true) || d.Plan.ExpectedProbes <= expectedProbes(4, false) || !strings.Contains(d.Plan.Visitors, "at least") {
		t.Errorf("intermittent plan expects %d probes", d.Plan.ExpectedProbes)
	}
	br, err := sess.Bisect(context.Background(), d.Plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(br.Culprits) != 1 || br.Culprits[0].Name != "bad" {
		t.Fatalf("culprits %v, verdict %+v, stages %+v", br.Culprits, br.Verdict, br.Bisect.Stages)
	}
	var last *diag.ProbeEvent
	for _, e := range f.eventsOf(diag.EventProbe) {
		if e.Stage == diag.StageBisect {
			last = e.Probe
		}
	}
	if last == nil || last.Remaining != 0 || last.Left != 1 {
		t.Errorf("last bisect probe: %+v", last)
	}
	if _, err := sess.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	assertSame(t, before, f.snapshot(), "intermittent")
}

// A lock from another machine: live while its heartbeat is fresh (restore
// refuses), stale once it stopped (restore undoes and breaks it).
func TestRestoreRemoteLockHeartbeat(t *testing.T) {
	f := newFakeSite(t, "", "alpha", "beta")
	before := f.snapshot()
	state := t.TempDir()
	leaveRun(t, f, state)
	owner := func(beat time.Time) {
		b := `{"tool":"wpdoctor","user":"ops","host":"laptop.elsewhere","pid":4242,"started":"2026-12-03T06:00:00Z","heartbeat":"` + beat.UTC().Format(time.RFC3339) + `"}`
		if err := os.WriteFile(filepath.Join(f.fs.p(f.abs(journal.LockName)), "owner.json"), []byte(b), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	owner(time.Now().Add(-time.Minute))
	if _, err := RestorePending(context.Background(), f.load(), state); !errors.Is(err, journal.ErrLocked) {
		t.Fatalf("restore under a remote run's fresh heartbeat: %v", err)
	}
	if f.exists("wp-content/plugins/alpha") {
		t.Fatal("a live remote run's change was undone")
	}
	owner(time.Now().Add(-time.Hour))
	res, err := RestorePending(context.Background(), f.load(), state)
	if err != nil || !strings.Contains(res.BrokeLock, "no heartbeat") {
		t.Fatalf("restore after the heartbeat stopped: %v %+v", err, res)
	}
	assertSame(t, before, f.snapshot(), "after restoring a dead remote run")
}

// TestSessionIntermittentLookingSteady: a crash that comes and goes but
// failed on every diagnosis probe gets the deterministic search; its
// answers look like plugins breaking the site only together, the lookalike
// check loads the parts again, sees the failure come back, and the
// culprit alone is named under the intermittent model, with a note.
func TestSessionIntermittentLookingSteady(t *testing.T) {
	f := newFakeSite(t, "plugin:bad", "alpha", "beta", "bad", "gamma", "delta", "epsilon", "zeta")
	f.flaky, f.steadyFirst = true, 5
	before := f.snapshot()
	sess := f.open(t.TempDir())
	d, err := sess.Diagnose(context.Background(), DiagnoseOptions{Repeat: 3})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status == diag.StatusIntermittent || d.Plan == nil {
		t.Fatalf("status %s plan %v: want a steady-looking failure", d.Status, d.Plan)
	}
	br, err := sess.Bisect(context.Background(), d.Plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(br.Culprits) != 1 || br.Culprits[0].Name != "bad" {
		t.Fatalf("culprits %v, verdict %+v, stages %+v", br.Culprits, br.Verdict, br.Bisect.Stages)
	}
	st := br.Bisect.Stages[0]
	if !st.Intermittent || st.LookalikeProbes == 0 || st.Confidence < 0.99 {
		t.Errorf("stage %+v: want the lookalike check to turn it intermittent, found at ≥ 99%%", st)
	}
	if !strings.Contains(strings.Join(sess.Report().Notes, "\n"), "comes and goes") {
		t.Errorf("notes %v: want the turn explained", sess.Report().Notes)
	}
	if _, err := sess.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	assertSame(t, before, f.snapshot(), "intermittent looking steady")
}

// A healthy site whose debug log holds a fatal error from an hour ago: the
// diagnosis loads the site again and its notes (what a front end shows
// with a healthy verdict) say what the log holds.
func TestSessionHealthyNotesPastFailures(t *testing.T) {
	f := newFakeSite(t, "", "alpha")
	at := time.Now().UTC().Add(-time.Hour).Format("02-Jan-2006 15:04:05")
	f.write("wp-content/debug.log", "["+at+" UTC] PHP Fatal error:  Uncaught Error: Call to undefined function nope() in /srv/www/wp-content/plugins/alpha/alpha.php:3\n")
	before := f.snapshot()
	sess := f.open(t.TempDir())
	d, err := sess.Diagnose(context.Background(), DiagnoseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != diag.StatusHealthy {
		t.Fatalf("status %s, want healthy", d.Status)
	}
	if !strings.Contains(strings.Join(d.Notes, "\n"), "from the 24 h before this run") {
		t.Errorf("notes %q: want what the debug log holds", d.Notes)
	}
	if rep, err := sess.Close(context.Background()); err != nil || !rep.Restored {
		t.Fatalf("close: %v", err)
	}
	assertSame(t, before, f.snapshot(), "healthy with past failures")
}
