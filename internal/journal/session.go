package journal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// OptionStore is the site's option table (internal/wpdb.DB implements it).
type OptionStore interface {
	Option(ctx context.Context, name string) (value []byte, found bool, err error)
	CompareAndSwapOption(ctx context.Context, name string, oldFound bool, old, new []byte) (bool, error)
	DeleteOption(ctx context.Context, name string, value []byte) (bool, error)
}

// ErrNoDB is returned for option steps when the database is unreachable.
var ErrNoDB = errors.New("database not reachable")

// ErrChangedUnderneath means a step's target is no longer as the journal
// expects: someone else changed it during the run.
var ErrChangedUnderneath = errors.New("changed by something else during the run")

// Env is what a session works on.
type Env struct {
	FS      site.FS
	Options OptionStore // nil when the database is unreachable
	Dir     string      // state directory (StateDir())
	// Root and Config, when set, are the WordPress root and wp-config.php
	// of the install being restored: Open refuses a journal of another.
	Root, Config string
	// Dirs are further folders of that install undo may touch (a
	// WP_CONTENT_DIR, plugin or mu-plugin folder outside the root).
	Dirs []string
	// AfterChange, when set, is called after each change is applied and
	// journaled — one call per operation (a batch of pipelined renames is
	// one change: its renames are applied together), counted from 1
	// (fault injection: the CLI's WPDOCTOR_FAILPOINT_KILL_AFTER_CHANGE
	// kills the process there).
	AfterChange func(n int)
	// UndoTimeout bounds undo's retries through a lost connection
	// (default DefaultUndoTimeout).
	UndoTimeout time.Duration
}

// Session is an open journal: every change goes through it.
type Session struct {
	env  Env
	j    *file
	info RunInfo

	mu      sync.Mutex
	seq     int
	snap    Snapshot
	steps   []seqStep // intents, in order
	done    map[int]bool
	ended   bool
	changes int // applied changes, for AfterChange
}

type seqStep struct {
	Seq  int
	Step Step
}

// Begin opens a journal for a site and snapshots the paths and options that
// are about to be touched. It fails with ErrPending if an earlier run's
// journal for this site is still there.
func Begin(ctx context.Context, env Env, b RunInfo, paths, options []string) (*Session, error) {
	b.Version = 1
	if b.Started.IsZero() {
		b.Started = time.Now().UTC()
	}
	if b.PID == 0 {
		b.PID = os.Getpid()
	}
	if b.Host == "" {
		b.Host, _ = os.Hostname()
	}
	j, err := create(env.Dir, b.Site)
	if err != nil {
		return nil, err
	}
	s := &Session{env: env, j: j, info: b, snap: newSnapshot(), done: map[int]bool{}}
	if err := j.append(Record{Type: "begin", Begin: &b}); err != nil {
		j.close()
		os.Remove(j.path)
		return nil, err
	}
	if err := s.digestOptions(ctx); err != nil {
		s.abandon()
		return nil, err
	}
	if err := s.Touch(ctx, paths, options); err != nil {
		s.abandon()
		return nil, err
	}
	return s, nil
}

// digestOptions journals the digest of the whole option table, so that
// the end of the run can tell every row that differs, touched or not.
func (s *Session) digestOptions(ctx context.Context) error {
	all, err := digestAll(ctx, s.env.Options)
	if err != nil || all == nil {
		return err
	}
	snap := Snapshot{AllOptions: all}
	if err := s.j.append(Record{Type: "snapshot", Snapshot: &snap}); err != nil {
		return err
	}
	s.snap.merge(&snap)
	return nil
}

// abandon removes a journal that recorded no change.
func (s *Session) abandon() {
	if len(s.steps) == 0 {
		s.j.remove()
	} else {
		s.j.close()
	}
}

// Path is the journal file.
func (s *Session) Path() string { return s.j.path }

// Info is the journal's begin record.
func (s *Session) Info() RunInfo { return s.info }

// Touch adds paths and options to the snapshot (before they are changed).
// Ones already in it keep their first state.
func (s *Session) Touch(ctx context.Context, paths, options []string) error {
	add := newSnapshot()
	for _, p := range paths {
		if _, ok := s.snap.Paths[p]; ok {
			continue
		}
		st, err := pathState(ctx, s.env.FS, p)
		if err != nil {
			return fmt.Errorf("snapshot %s: %w", p, err)
		}
		add.Paths[p] = st
	}
	for _, n := range options {
		if _, ok := s.snap.Options[n]; ok {
			continue
		}
		st, err := optionState(ctx, s.env.Options, n)
		if err != nil {
			return fmt.Errorf("snapshot option %s: %w", n, err)
		}
		add.Options[n] = st
	}
	if len(add.Paths) == 0 && len(add.Options) == 0 {
		return nil
	}
	if err := s.j.append(Record{Type: "snapshot", Snapshot: &add}); err != nil {
		return err
	}
	s.snap.merge(&add)
	return nil
}

// intent journals steps before they are applied; one fsync for the batch.
func (s *Session) intent(steps ...Step) ([]int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended {
		return nil, errors.New("journal already ended")
	}
	seqs := make([]int, len(steps))
	for i, st := range steps {
		s.seq++
		st := st
		if _, err := s.j.f.Write(mustLine(Record{Type: "intent", Seq: s.seq, Step: &st})); err != nil {
			return nil, fmt.Errorf("write journal: %w", err)
		}
		s.steps = append(s.steps, seqStep{s.seq, st})
		seqs[i] = s.seq
	}
	if err := s.j.f.Sync(); err != nil {
		return nil, fmt.Errorf("sync journal: %w", err)
	}
	return seqs, nil
}

func (s *Session) markDone(seqs ...int) error {
	s.mu.Lock()
	for _, q := range seqs {
		if _, err := s.j.f.Write(mustLine(Record{Type: "done", Seq: q})); err != nil {
			s.mu.Unlock()
			return fmt.Errorf("write journal: %w", err)
		}
		s.done[q] = true
	}
	err := s.j.f.Sync()
	s.changes++
	n := s.changes
	s.mu.Unlock()
	if s.env.AfterChange != nil && len(seqs) > 0 {
		s.env.AfterChange(n)
	}
	return err
}

// Rename renames a path, journaled.
func (s *Session) Rename(ctx context.Context, from, to, note string) error {
	return s.RenameMany(ctx, []site.RenamePair{{Old: from, New: to}}, note)
}

// RenameMany renames paths as one journaled batch, pipelined. If some
// renames fail, the others stay applied (and journaled); the error lists
// the failures.
func (s *Session) RenameMany(ctx context.Context, pairs []site.RenamePair, note string) error {
	var paths []string
	steps := make([]Step, len(pairs))
	for i, p := range pairs {
		paths = append(paths, p.Old, p.New)
		steps[i] = Step{Kind: KindRename, Path: p.Old, To: p.New, Note: note}
	}
	if err := s.Touch(ctx, paths, nil); err != nil {
		return err
	}
	seqs, err := s.intent(steps...)
	if err != nil {
		return err
	}
	errs := s.env.FS.RenameMany(ctx, pairs)
	var ok []int
	var failed []error
	for i, e := range errs {
		if e == nil {
			ok = append(ok, seqs[i])
		} else {
			failed = append(failed, fmt.Errorf("rename %s: %w", pairs[i].Old, e))
		}
	}
	if err := s.markDone(ok...); err != nil {
		return err
	}
	return errors.Join(failed...)
}

// EditFile replaces a small file's content with after, journaling the
// changed spans (never the file) and both checksums. before must be the
// file's current content.
func (s *Session) EditFile(ctx context.Context, path string, before, after []byte, note string) error {
	if err := s.Touch(ctx, []string{path}, nil); err != nil {
		return err
	}
	cur, err := s.env.FS.ReadFile(ctx, path)
	if err != nil {
		return fmt.Errorf("edit %s: %w", path, err)
	}
	if !bytes.Equal(cur, before) {
		return fmt.Errorf("edit %s: %w", path, ErrChangedUnderneath)
	}
	edits := lineEdits(before, after)
	for _, e := range edits {
		if mentionsSecret(e.Old + e.New) {
			edits = DiffEdits(before, after)
			break
		}
	}
	for _, e := range edits {
		if mentionsSecret(e.Old + e.New) {
			return fmt.Errorf("edit %s: the change touches a secret constant; wpdoctor will not journal it", path)
		}
	}
	st := Step{Kind: KindEdit, Path: path, BeforeSHA: SHA(before), AfterSHA: SHA(after), Edits: edits, Note: note}
	seqs, err := s.intent(st)
	if err != nil {
		return err
	}
	if err := s.env.FS.WriteFileAtomic(ctx, path, after, 0o644); err != nil {
		return fmt.Errorf("edit %s: %w", path, err)
	}
	return s.markDone(seqs...)
}

// SetOption sets an option row, journaled, if it still holds what the
// session saw last.
func (s *Session) SetOption(ctx context.Context, name string, value []byte, note string) error {
	if s.env.Options == nil {
		return ErrNoDB
	}
	if err := s.Touch(ctx, nil, []string{name}); err != nil {
		return err
	}
	cur, found, err := s.env.Options.Option(ctx, name)
	if err != nil {
		return err
	}
	st := Step{Kind: KindOption, Option: name, BeforeFound: found, Before: cur, After: value, Note: note}
	seqs, err := s.intent(st)
	if err != nil {
		return err
	}
	swapped, err := s.env.Options.CompareAndSwapOption(ctx, name, found, cur, value)
	if err != nil {
		return err
	}
	if !swapped {
		return fmt.Errorf("set option %s: %w", name, ErrChangedUnderneath)
	}
	return s.markDone(seqs...)
}

// GuardOption journals an option that must end as it began, even though
// wpdoctor does not change it itself.
func (s *Session) GuardOption(ctx context.Context, name, note string) error {
	if err := s.Touch(ctx, nil, []string{name}); err != nil {
		return err
	}
	st := s.snap.Options[name]
	seqs, err := s.intent(Step{Kind: KindGuardOption, Option: name, BeforeFound: st.Found, Before: st.Value, Note: note})
	if err != nil {
		return err
	}
	return s.markDone(seqs...)
}

// ExpectCreated journals a file the site will create because of a change
// (e.g. a debug log): undo removes it unless it existed before, and keeps
// removing it until it has stayed gone for settle.
func (s *Session) ExpectCreated(ctx context.Context, path string, settle time.Duration, note string) error {
	if err := s.Touch(ctx, []string{path}, nil); err != nil {
		return err
	}
	seqs, err := s.intent(Step{Kind: KindCreated, Path: path, Settle: settle, Note: note})
	if err != nil {
		return err
	}
	return s.markDone(seqs...)
}

// Steps are the journaled steps so far, in order.
func (s *Session) Steps() []Step {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Step, len(s.steps))
	for i, st := range s.steps {
		out[i] = st.Step
	}
	return out
}

func mustLine(r Record) []byte {
	if r.Time.IsZero() {
		r.Time = time.Now().UTC()
	}
	b, err := jsonMarshal(r)
	if err != nil {
		panic(err) // Records are plain data
	}
	return append(b, '\n')
}
