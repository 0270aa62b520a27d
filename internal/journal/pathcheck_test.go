package journal

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeJournal writes a hand-made journal: a begin record and one intent
// per step, as an attacker or a careless edit could.
func writeJournal(t *testing.T, dir string, info RunInfo, snap *Snapshot, steps ...Step) string {
	t.Helper()
	p := journalPath(dir, "hand-made")
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	recs := []Record{{Type: "begin", Time: time.Now(), Begin: &info}}
	if snap != nil {
		recs = append(recs, Record{Type: "snapshot", Time: time.Now(), Snapshot: snap})
	}
	for i := range steps {
		recs = append(recs, Record{Type: "intent", Seq: i + 1, Time: time.Now(), Step: &steps[i]}, Record{Type: "done", Seq: i + 1, Time: time.Now()})
	}
	var b strings.Builder
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(p, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Issue 14, defect 14: a hand-written journal can never make restore
// delete, rename or write anything outside the site's WordPress root and
// the folder of its wp-config.php.
func TestRestoreRefusesJournalOutsideSite(t *testing.T) {
	f := newFixture(t)
	outside := t.TempDir()
	victim := filepath.Join(outside, "precious")
	if err := os.WriteFile(victim, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := f.run()
	rootedAt := func(root, cfg string) RunInfo { i := f.run(); i.Root, i.Config = root, cfg; return i }
	tests := []struct {
		name  string
		info  RunInfo
		snap  *Snapshot
		steps []Step
		env   func(Env) Env
	}{
		{name: "created file outside", info: good, steps: []Step{{Kind: KindCreated, Path: victim}}},
		{name: "traversal", info: good, steps: []Step{{Kind: KindCreated, Path: f.root + "/../" + filepath.Base(outside) + "/precious"}}},
		{name: "rename out of the site", info: good, steps: []Step{{Kind: KindRename, Path: f.plugin("alpha"), To: victim}}},
		{name: "rename into the site", info: good, steps: []Step{{Kind: KindRename, Path: victim, To: f.plugin("alpha") + ".off"}}},
		{name: "rename the root", info: good, steps: []Step{{Kind: KindRename, Path: f.root, To: f.root + ".x"}}},
		{name: "edit another file", info: good, steps: []Step{{Kind: KindEdit, Path: victim, Edits: []Edit{{Offset: 0, Old: "keep", New: "lost"}}}}},
		{name: "root is /", info: rootedAt("/", "/wp-config.php"), steps: []Step{{Kind: KindCreated, Path: victim}}},
		{name: "config elsewhere", info: rootedAt(f.root, outside+"/wp-config.php"), steps: []Step{{Kind: KindCreated, Path: victim}}},
		{name: "relative root", info: rootedAt("srv/www", "srv/www/wp-config.php")},
		{name: "snapshot outside", info: good, snap: &Snapshot{Paths: map[string]PathState{victim: {Exists: false}}}},
		{name: "unknown kind", info: good, steps: []Step{{Kind: "delete", Path: f.plugin("alpha")}}},
		{name: "another install", info: good, env: func(e Env) Env { e.Root = outside; return e }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeJournal(t, f.state, tt.info, tt.snap, tt.steps...)
			env := f.env(nil)
			if tt.env != nil {
				env = tt.env(env)
			}
			_, err := Restore(context.Background(), env, p)
			if !errors.Is(err, ErrOutsideSite) {
				t.Errorf("Restore = %v, want ErrOutsideSite", err)
			}
			if b, err := os.ReadFile(victim); err != nil || string(b) != "keep me" {
				t.Errorf("%s is now %q (%v)", victim, b, err)
			}
			if _, err := os.Stat(p); err != nil {
				t.Errorf("the refused journal was removed: %v", err)
			}
			if _, err := os.Stat(f.plugin("alpha")); err != nil {
				t.Errorf("alpha moved: %v", err)
			}
			os.Remove(p)
		})
	}
	// A content folder outside the root is fine when the install's config
	// names it (env.Dirs), never because the journal says so.
	content := t.TempDir()
	if err := os.Mkdir(filepath.Join(content, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	p := writeJournal(t, f.state, good, nil, Step{Kind: KindRename, Path: filepath.Join(content, "x"), To: filepath.Join(content, "x.off")})
	if _, err := Restore(context.Background(), f.env(nil), p); !errors.Is(err, ErrOutsideSite) {
		t.Errorf("a folder outside the site, not named by env: %v", err)
	}
	env := f.env(nil)
	env.Dirs = []string{content, "/"}
	if _, err := Restore(context.Background(), env, p); errors.Is(err, ErrOutsideSite) {
		t.Errorf("a content folder env names: %v", err)
	}
	os.Remove(p)
	// A journal of the site's own paths still restores.
	if err := os.Rename(f.plugin("alpha"), f.plugin("alpha")+".off"); err != nil {
		t.Fatal(err)
	}
	p = writeJournal(t, f.state, good, nil, Step{Kind: KindRename, Path: f.plugin("alpha"), To: f.plugin("alpha") + ".off"})
	env = f.env(nil)
	env.Root, env.Config = f.root, f.config
	if _, err := Restore(context.Background(), env, p); err != nil {
		t.Fatalf("a journal inside the site: %v", err)
	}
	if _, err := os.Stat(f.plugin("alpha")); err != nil {
		t.Errorf("alpha not renamed back: %v", err)
	}
}
