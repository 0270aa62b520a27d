package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/doctor"
	"github.com/wpdoctor/wpdoctor/internal/journal"
)

// localSite writes a minimal WordPress install (its database unreachable
// at once) and points the state directory at a fresh one.
func localSite(t *testing.T) (root, state string) {
	t.Helper()
	root, state = t.TempDir(), t.TempDir()
	t.Setenv("WPDOCTOR_STATE_DIR", state)
	files := map[string]string{
		"wp-settings.php":         "<?php\n",
		"wp-includes/version.php": "<?php\n$wp_version = '6.4.2';\n",
		"wp-config.php": "<?php\ndefine('DB_NAME','x');\ndefine('DB_USER','x');\ndefine('DB_PASSWORD','x');\n" +
			"define('DB_HOST','127.0.0.1:1');\n$table_prefix = 'wp_';\ndefine('WP_HOME','http://127.0.0.1:1');\n",
		"wp-content/plugins/alpha/alpha.php": "<?php\n/*\nPlugin Name: Alpha\n*/\n",
	}
	for p, c := range files {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root, state
}

// leaveChanges leaves what a run killed after its first change leaves: a
// pending journal, a plugin renamed, and the lock (owned by pid).
func leaveChanges(t *testing.T, root, state string, pid int) {
	t.Helper()
	io, _, _ := testIO()
	s, closeSite, err := openSite(context.Background(), io, &ConnFlags{}, root)
	if err != nil {
		t.Fatal(err)
	}
	defer closeSite()
	c, err := doctor.BeginChanges(context.Background(), s, state, "diagnose --auto-bisect", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.RenameOff(context.Background(), []string{filepath.Join(root, "wp-content/plugins/alpha")}, "bisect"); err != nil {
		t.Fatal(err)
	}
	host, _ := os.Hostname()
	b, _ := json.Marshal(journal.LockInfo{Tool: "wpdoctor", User: "someone", Host: host, PID: pid, Started: time.Now().UTC()})
	if err := os.WriteFile(filepath.Join(root, journal.LockName, "owner.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func exists(p string) bool { _, err := os.Lstat(p); return err == nil }

// Issue 14 defect 10: a pending journal stops a plain diagnose with exit 8
// and the restore command; it never diagnoses the modified site.
func TestDiagnosePendingJournalExit8(t *testing.T) {
	root, state := localSite(t)
	leaveChanges(t, root, state, 1<<30) // the run is gone
	io, out, errb := testIO()
	code := Run(context.Background(), []string{"diagnose", "-q", root}, io)
	if code != ExitRestoreIncomplete {
		t.Fatalf("exit %d, want 8; stdout %s stderr %s", code, out, errb)
	}
	if !strings.Contains(errb.String(), "wpdoctor restore "+root) || strings.Contains(out.String(), "Restored") {
		t.Fatalf("stdout %q stderr %q", out, errb)
	}
	if !exists(filepath.Join(root, "wp-content/plugins/alpha"+doctor.OffSuffix)) {
		t.Fatal("the pending changes were touched")
	}
	// restore then puts the site back and breaks the stale lock.
	io, out, errb = testIO()
	if code := Run(context.Background(), []string{"restore", root}, io); code != ExitOK {
		t.Fatalf("restore exit %d: %s %s", code, out, errb)
	}
	if !exists(filepath.Join(root, "wp-content/plugins/alpha")) || exists(filepath.Join(root, journal.LockName)) {
		t.Fatalf("not restored: %s", out)
	}
}

// Defect 10, the stale lock alone: exit 8 with the restore command.
func TestDiagnoseStaleLockExit8(t *testing.T) {
	root, _ := localSite(t)
	host, _ := os.Hostname()
	b, _ := json.Marshal(journal.LockInfo{Tool: "wpdoctor", Host: host, PID: 1 << 30, Started: time.Now().UTC()})
	if err := os.Mkdir(filepath.Join(root, journal.LockName), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, journal.LockName, "owner.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	io, out, errb := testIO()
	if code := Run(context.Background(), []string{"diagnose", "-q", root}, io); code != ExitRestoreIncomplete {
		t.Fatalf("exit %d, want 8: %s %s", code, out, errb)
	}
	if !strings.Contains(errb.String(), "wpdoctor restore "+root) {
		t.Fatalf("stderr %q", errb)
	}
}

// Issue 14 defect 3: a lock held by a live run: diagnose and restore both
// exit 7 with the owner's details, restore undoes nothing, and neither
// tells the user to run restore.
func TestLiveLockRefusedExit7(t *testing.T) {
	root, _ := localSite(t)
	state := os.Getenv("WPDOCTOR_STATE_DIR")
	leaveChanges(t, root, state, 1) // pid 1 is alive
	for _, args := range [][]string{{"diagnose", "-q", root}, {"restore", root}, {"restore"}} {
		io, out, errb := testIO()
		code := Run(context.Background(), args, io)
		if code != ExitLocked {
			t.Fatalf("%v: exit %d, want 7: %s %s", args, code, out, errb)
		}
		t.Logf("%v: %s", args, errb)
		if !strings.Contains(errb.String(), "pid 1") || strings.Contains(errb.String(), "run 'wpdoctor restore") {
			t.Fatalf("%v: stderr %q", args, errb)
		}
		if !exists(filepath.Join(root, "wp-content/plugins/alpha"+doctor.OffSuffix)) {
			t.Fatalf("%v undid a live run's change", args)
		}
	}
}

// Issue 14 defect 4: a damaged journal is reported (path, problem, how to
// set it aside) and the valid journals are still listed and restored.
func TestRestoreDamagedJournal(t *testing.T) {
	root, state := localSite(t)
	leaveChanges(t, root, state, 1<<30)
	bad := filepath.Join(state, "journals", "0-garbage.journal")
	if err := os.WriteFile(bad, []byte("garbage\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	io, out, errb := testIO()
	if code := Run(context.Background(), []string{"restore", "--list"}, io); code != ExitOK {
		t.Fatalf("list exit %d: %s %s", code, out, errb)
	}
	if !strings.Contains(out.String(), "site "+root) || !strings.Contains(out.String(), "DAMAGED") || !strings.Contains(out.String(), "mv '"+bad+"'") {
		t.Fatalf("list: %s", out)
	}
	io, out, errb = testIO()
	code := Run(context.Background(), []string{"restore"}, io)
	if !exists(filepath.Join(root, "wp-content/plugins/alpha")) {
		t.Fatalf("the valid journal was not restored (exit %d): %s %s", code, out, errb)
	}
	t.Logf("restore: %s%s", out, errb)
	if code != ExitError || !strings.Contains(errb.String(), bad) {
		t.Fatalf("restore with a damaged journal: exit %d, stderr %q", code, errb)
	}
	// restore OTHER is not blocked by it either.
	io, out, errb = testIO()
	if code := Run(context.Background(), []string{"restore", root}, io); code != ExitOK {
		t.Fatalf("restore TARGET exit %d: %s %s", code, out, errb)
	}
}
