package doctor

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"path"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/wpconfig"
)

// OffSuffix is appended to a component's path to switch it off by renaming.
// WordPress does not load a plugin folder, mu-plugin or drop-in that is not
// where it expects it.
const OffSuffix = ".wpdoctor-off"

// Changes is the only way the engine changes a site: under the site lock,
// through the journal. Undo puts everything back.
type Changes struct {
	site *Site
	sess *journal.Session
	lock *journal.SiteLock
	// stopBeat stops the lock's heartbeat and waits for it.
	stopBeat func()
}

// Heartbeat is how often a session tells the site lock it is alive (so
// another machine can tell a live run from one that is gone).
const Heartbeat = time.Minute

// heartbeat beats the lock every interval (wall time) until stopped,
// stamping the beats with clock.
func (c *Changes) heartbeat(clock Clock, every time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for (realClock{}).Sleep(ctx, every) == nil {
			_ = c.lock.Beat(ctx, clock.Now()) // a missed beat only ages the lock
		}
	}()
	c.stopBeat = func() { cancel(); <-done }
}

func (c *Changes) stopHeartbeat() {
	if c.stopBeat != nil {
		c.stopBeat()
		c.stopBeat = nil
	}
}

// SiteKey names a site's journal.
func SiteKey(s *Site) string { return journal.SiteKey(s.ID, s.Loc.ABSPATH) }

// BeginChanges takes the site lock and opens a journal. It fails when
// another wpdoctor holds the site, or an earlier run left changes that
// `wpdoctor restore` must undo first.
func BeginChanges(ctx context.Context, s *Site, stateDir, operation string, afterChange func(int)) (*Changes, error) {
	key := SiteKey(s)
	if p, ok := journal.PendingFor(stateDir, key); ok {
		return nil, &journal.PendingError{Path: p}
	}
	lock, err := journal.Lock(ctx, s.FS, path.Dir(s.Loc.Config), journal.LockInfo{})
	if err != nil {
		return nil, err
	}
	env := journal.Env{FS: s.FS, Dir: stateDir, AfterChange: afterChange}
	if s.DB != nil {
		env.Options = s.DB
	}
	sess, err := journal.Begin(ctx, env, journal.RunInfo{
		Site: key, Target: s.Target, Root: s.Loc.ABSPATH, Config: s.Loc.Config, Operation: operation,
	}, nil, nil)
	if err != nil {
		_ = lock.Release(context.WithoutCancel(ctx))
		return nil, err
	}
	return &Changes{site: s, sess: sess, lock: lock}, nil
}

// Journal is the journal file.
func (c *Changes) Journal() string { return c.sess.Path() }

// Undo reverts every change on a context of its own (cancelling the run
// never stops a restore), verifies the site, and releases the lock.
func (c *Changes) Undo(ctx context.Context) (*journal.Report, error) {
	uctx := context.WithoutCancel(ctx)
	rep, err := c.sess.Undo(uctx)
	c.stopHeartbeat()
	if err != nil {
		return rep, err // the lock stays: the site is not as it was
	}
	return rep, c.lock.Release(uctx)
}

// Keep ends a run whose changes are meant to stay (the culprit left
// disabled): the journal moves to journals/kept, the lock is released.
func (c *Changes) Keep(ctx context.Context) (string, error) {
	c.stopHeartbeat()
	p, err := c.sess.Finish()
	if err != nil {
		return "", err
	}
	return p, c.lock.Release(context.WithoutCancel(ctx))
}

// DebugLog describes debug logging switched on for the run.
type DebugLog struct {
	Path string // where WordPress now writes its debug log
}

// EnableDebugLog turns on WP_DEBUG and WP_DEBUG_LOG with WP_DEBUG_DISPLAY
// off, so visitors never see errors, logging to a file the web cannot serve:
// beside wp-config.php when that is above the document root, else a random,
// unguessable name in the content directory. settle is how long undo waits
// for the removed log to stay gone (PHP may still run the old config).
func (c *Changes) EnableDebugLog(ctx context.Context, settle time.Duration) (DebugLog, error) {
	cfg := c.site.Config
	var nonce [16]byte
	if _, err := rand.Read(nonce[:]); err != nil {
		return DebugLog{}, err
	}
	dir := cfg.ContentDir
	if !strings.HasPrefix(path.Dir(c.site.Loc.Config)+"/", c.site.Loc.ABSPATH+"/") {
		dir = path.Dir(c.site.Loc.Config)
	}
	logPath := path.Join(dir, "wpdoctor-debug-"+hex.EncodeToString(nonce[:])+".log")
	after, err := wpconfig.SetConstants(cfg.Source, []wpconfig.Setting{
		{Name: "WP_DEBUG", Value: wpconfig.BoolLit(true)},
		{Name: "WP_DEBUG_LOG", Value: wpconfig.StringLit(logPath)},
		{Name: "WP_DEBUG_DISPLAY", Value: wpconfig.BoolLit(false)},
	})
	if err != nil {
		return DebugLog{}, err
	}
	if err := c.sess.ExpectCreated(ctx, logPath, settle, "WordPress debug log created by wpdoctor's debug setting"); err != nil {
		return DebugLog{}, err
	}
	if err := c.sess.EditFile(ctx, cfg.Path, cfg.Source, after, "turn on WP_DEBUG_LOG (display off) for the diagnosis"); err != nil {
		return DebugLog{}, err
	}
	return DebugLog{Path: logPath}, nil
}

// RenameOff switches components off by renaming each path to path+OffSuffix
// (one pipelined batch).
func (c *Changes) RenameOff(ctx context.Context, paths []string, note string) error {
	return c.renames(ctx, paths, false, note)
}

// RenameOn switches components back on (the reverse rename), journaled too.
func (c *Changes) RenameOn(ctx context.Context, paths []string, note string) error {
	return c.renames(ctx, paths, true, note)
}

func (c *Changes) renames(ctx context.Context, paths []string, on bool, note string) error {
	if len(paths) == 0 {
		return nil
	}
	pairs := make([]site.RenamePair, len(paths))
	for i, p := range paths {
		if on {
			pairs[i] = site.RenamePair{Old: p + OffSuffix, New: p}
		} else {
			pairs[i] = site.RenamePair{Old: p, New: p + OffSuffix}
		}
	}
	return c.sess.RenameMany(ctx, pairs, note)
}

// GuardOption makes undo restore an option row WordPress may change, create
// or delete on its own because of the run's changes (active_plugins loses
// plugins whose folder is renamed away; switching themes creates the new
// theme's theme_mods row): undo brings the row back to its state before
// the run, removing it if it did not exist.
func (c *Changes) GuardOption(ctx context.Context, name, why string) error {
	if c.site.DB == nil {
		return nil
	}
	return c.sess.GuardOption(ctx, name, why)
}

// SetOption sets a raw option value, journaled.
func (c *Changes) SetOption(ctx context.Context, name string, value []byte, note string) error {
	if c.site.DB == nil {
		return fmt.Errorf("set option %s: %w", name, errors.Join(journal.ErrNoDB, c.site.DBErr))
	}
	return c.sess.SetOption(ctx, name, value, note)
}

// CreateFile writes a new file (there must be none), journaled: undo
// removes it.
func (c *Changes) CreateFile(ctx context.Context, name string, data []byte, note string) error {
	return c.sess.CreateFile(ctx, name, data, 0o644, note)
}

// ExpectCreated journals a file the site will create (a log): undo removes
// it, after settle for a late write.
func (c *Changes) ExpectCreated(ctx context.Context, name string, settle time.Duration, note string) error {
	return c.sess.ExpectCreated(ctx, name, settle, note)
}

// Mkdir creates a folder (there must be none), journaled: undo removes it
// once empty.
func (c *Changes) Mkdir(ctx context.Context, name, note string) error {
	return c.sess.Mkdir(ctx, name, 0o755, note)
}

// OpcacheDelay is how long PHP may keep serving a cached wp-config.php
// after it changed (opcache.revalidate_freq, 2 s by default, plus margin).
const OpcacheDelay = 3 * time.Second
