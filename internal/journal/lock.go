package journal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"syscall"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// LockName is the lock directory wpdoctor makes beside wp-config.php. A
// directory, because creating one is atomic and exclusive over SFTP too.
const LockName = ".wpdoctor-lock"

// StaleAfter is the age after which a lock from another machine counts as
// stale.
var StaleAfter = 6 * time.Hour

// ErrLocked means another wpdoctor holds the site.
var ErrLocked = errors.New("site is locked by another wpdoctor")

// LockInfo says who holds a site (no secrets).
type LockInfo struct {
	Tool    string    `json:"tool"`
	User    string    `json:"user"`
	Host    string    `json:"host"`
	PID     int       `json:"pid"`
	Started time.Time `json:"started"`
	Journal string    `json:"journal,omitempty"`
}

// LockedError describes the holder of a lock.
type LockedError struct {
	Dir    string
	Holder LockInfo
	Stale  bool   // the holder is gone (same host, dead pid) or the lock is old
	Why    string // why it counts as stale
}

func (e *LockedError) Error() string {
	h := e.Holder
	msg := fmt.Sprintf("%v: %s@%s (pid %d) since %s (%s)", ErrLocked, h.User, h.Host, h.PID, h.Started.Format(time.RFC3339), e.Dir)
	if e.Stale {
		msg += fmt.Sprintf("; the lock looks stale (%s): run 'wpdoctor restore' for this site, which breaks it after undoing what that run left", e.Why)
	}
	return msg
}

func (e *LockedError) Unwrap() error { return ErrLocked }

// SiteLock is a held lock.
type SiteLock struct {
	fsys site.FS
	dir  string
}

// Lock takes the site's lock in configDir (the directory of wp-config.php).
func Lock(ctx context.Context, fsys site.FS, configDir string, info LockInfo) (*SiteLock, error) {
	dir := path.Join(configDir, LockName)
	if info.Tool == "" {
		info.Tool = "wpdoctor"
	}
	if info.Host == "" {
		info.Host, _ = os.Hostname()
	}
	if info.PID == 0 {
		info.PID = os.Getpid()
	}
	if info.User == "" {
		info.User = os.Getenv("USER")
	}
	if info.Started.IsZero() {
		info.Started = time.Now().UTC()
	}
	err := fsys.Mkdir(ctx, dir, 0o700)
	if errors.Is(err, fs.ErrExist) {
		return nil, holder(ctx, fsys, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("take site lock %s: %w", dir, err)
	}
	b, _ := json.Marshal(info)
	if err := fsys.WriteFileAtomic(ctx, path.Join(dir, "owner.json"), b, 0o600); err != nil {
		_ = fsys.Remove(ctx, dir)
		return nil, fmt.Errorf("take site lock %s: %w", dir, err)
	}
	return &SiteLock{fsys: fsys, dir: dir}, nil
}

// Release removes the lock. It runs on its own context.
func (l *SiteLock) Release(ctx context.Context) error {
	return BreakLock(ctx, l.fsys, path.Dir(l.dir))
}

// Dir is the lock directory.
func (l *SiteLock) Dir() string { return l.dir }

// BreakLock removes a site's lock, whoever holds it.
func BreakLock(ctx context.Context, fsys site.FS, configDir string) error {
	dir := path.Join(configDir, LockName)
	if err := fsys.Remove(ctx, path.Join(dir, "owner.json")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("break lock: %w", err)
	}
	if err := fsys.Remove(ctx, dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("break lock: %w", err)
	}
	return nil
}

// Holder says who holds a site's lock in configDir, and whether the lock
// looks stale; nil when the site is not locked.
func Holder(ctx context.Context, fsys site.FS, configDir string) (*LockedError, error) {
	dir := path.Join(configDir, LockName)
	if _, err := fsys.Lstat(ctx, dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, fmt.Errorf("read site lock %s: %w", dir, err)
	}
	var le *LockedError
	if errors.As(holder(ctx, fsys, dir), &le) {
		return le, nil
	}
	return nil, nil
}

// holder reads who holds a lock and whether it looks stale.
func holder(ctx context.Context, fsys site.FS, dir string) error {
	e := &LockedError{Dir: dir}
	b, err := fsys.ReadFile(ctx, path.Join(dir, "owner.json"))
	if err != nil || json.Unmarshal(b, &e.Holder) != nil {
		// Taken and not yet written, or a crash between the two.
		if fi, serr := fsys.Lstat(ctx, dir); serr == nil && time.Since(fi.ModTime()) > time.Minute {
			e.Stale, e.Why = true, "it names no owner"
		}
		return e
	}
	host, _ := os.Hostname()
	switch {
	case e.Holder.Host == host && !alive(e.Holder.PID):
		e.Stale, e.Why = true, fmt.Sprintf("process %d on this machine is gone", e.Holder.PID)
	case time.Since(e.Holder.Started) > StaleAfter:
		e.Stale, e.Why = true, fmt.Sprintf("older than %s", StaleAfter)
	}
	return e
}

func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
