package journal

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

func TestLock(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fsys := site.LocalFS{}
	l, err := Lock(ctx, fsys, dir, LockInfo{User: "owner"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Lock(ctx, fsys, dir, LockInfo{User: "second"})
	var le *LockedError
	if !errors.As(err, &le) || !errors.Is(err, ErrLocked) {
		t.Fatalf("second lock: %v", err)
	}
	if le.Stale || le.Holder.User != "owner" || le.Holder.PID != os.Getpid() {
		t.Errorf("holder %+v stale %v", le.Holder, le.Stale)
	}
	if err := l.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, LockName)); !errors.Is(err, os.ErrNotExist) {
		t.Error("lock left behind")
	}
}

func TestStaleLock(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	host, _ := os.Hostname()
	for _, c := range []struct {
		info  LockInfo
		stale bool
	}{
		{LockInfo{Host: host, PID: 999999999, Started: time.Now()}, true}, // dead process here
		{LockInfo{Host: "elsewhere", PID: 1, Started: time.Now()}, false}, // another machine, recent
		{LockInfo{Host: "elsewhere", PID: 1, Started: time.Now().Add(-7 * time.Hour)}, true},
		// Another machine's run that beats is live however long it runs;
		// one whose heartbeat stopped is gone.
		{LockInfo{Host: "elsewhere", PID: 1, Started: time.Now().Add(-7 * time.Hour), Heartbeat: time.Now().Add(-time.Minute)}, false},
		{LockInfo{Host: "elsewhere", PID: 1, Started: time.Now().Add(-time.Hour), Heartbeat: time.Now().Add(-20 * time.Minute)}, true},
	} {
		os.Mkdir(filepath.Join(dir, LockName), 0o700)
		b, _ := json.Marshal(c.info)
		os.WriteFile(filepath.Join(dir, LockName, "owner.json"), b, 0o600)
		_, err := Lock(ctx, site.LocalFS{}, dir, LockInfo{})
		var le *LockedError
		if !errors.As(err, &le) || le.Stale != c.stale {
			t.Errorf("%+v: %v", c.info, err)
		}
		if err := BreakLock(ctx, site.LocalFS{}, dir); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLockHeartbeat(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	l, err := Lock(ctx, site.LocalFS{}, dir, LockInfo{User: "owner"})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 3, 7, 0, 0, 0, time.UTC)
	if err := l.Beat(ctx, at); err != nil {
		t.Fatal(err)
	}
	le, err := Holder(ctx, site.LocalFS{}, dir)
	if err != nil || le == nil || !le.Holder.Heartbeat.Equal(at) || le.Holder.User != "owner" || le.Stale {
		t.Fatalf("holder after a beat: %+v %v", le, err)
	}
	if err := l.Release(ctx); err != nil {
		t.Fatal(err)
	}
	if le, err := Holder(ctx, site.LocalFS{}, dir); le != nil || err != nil {
		t.Fatalf("holder of a free site: %+v %v", le, err)
	}
}
