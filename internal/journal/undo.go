package journal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// ErrRestoreIncomplete means undo could not bring the site back to the
// snapshot; the journal is kept for `wpdoctor restore`.
var ErrRestoreIncomplete = errors.New("restore incomplete")

// Report says what undo did and whether the site matches the snapshot.
type Report struct {
	Undone []string `json:"undone"`          // steps reverted
	Notes  []string `json:"notes,omitempty"` // things the owner should know
	Diffs  []Diff   `json:"diffs,omitempty"` // remaining differences from the snapshot
	// Others are option rows the run never touched that differ from the
	// start of the run (see OtherDiff): reported, left as they are.
	Others  []OtherDiff `json:"others,omitempty"`
	Journal string      `json:"journal,omitempty"`
	// Verified: every touched path and option is as in the snapshot.
	Verified bool `json:"verified"`
}

// DefaultUndoTimeout bounds how long undo keeps retrying through a lost
// connection before it leaves the journal for `wpdoctor restore`
// (Env.UndoTimeout overrides it).
const DefaultUndoTimeout = 3 * time.Minute

// Undo reverts every journaled step, newest first, then verifies the site
// against the snapshot. Run it on a fresh context: cancelling the run must
// never stop a restore. The journal is removed when the site is verified,
// and kept otherwise (with ErrRestoreIncomplete).
func (s *Session) Undo(ctx context.Context) (*Report, error) {
	s.mu.Lock()
	if s.ended {
		s.mu.Unlock()
		return &Report{Verified: true}, nil
	}
	s.mu.Unlock()
	timeout := s.env.UndoTimeout
	if timeout <= 0 {
		timeout = DefaultUndoTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	rep := &Report{Journal: s.j.path}
	var errs []error
	for i := len(s.steps) - 1; i >= 0; {
		// Consecutive renames go back as one pipelined batch.
		j := i
		for j > 0 && s.steps[j-1].Step.Kind == KindRename && s.steps[i].Step.Kind == KindRename {
			j--
		}
		batch := s.steps[j : i+1]
		if err := retrying(ctx, func() error { return s.undoBatch(ctx, batch, rep) }); err != nil {
			errs = append(errs, err)
		}
		i = j - 1
	}
	var diffs []Diff
	err := retrying(ctx, func() error {
		var err error
		diffs, err = verify(ctx, s.env.FS, s.env.Options, s.snap)
		return err
	})
	if err != nil {
		errs = append(errs, fmt.Errorf("verify: %w", err))
	}
	rep.Diffs = diffs
	if err := retrying(ctx, func() error { return s.otherChanges(ctx, rep) }); err != nil {
		rep.Notes = append(rep.Notes, "could not compare the whole option table with the start of the run: "+err.Error())
	}
	if len(errs) == 0 && len(diffs) == 0 {
		rep.Verified = true
		rep.Journal = ""
		if err := s.end("restored", true); err != nil {
			return rep, err
		}
		return rep, nil
	}
	s.j.close()
	for _, d := range diffs {
		errs = append(errs, errors.New(d.String()))
	}
	return rep, fmt.Errorf("%w (journal kept at %s; run 'wpdoctor restore'): %w", ErrRestoreIncomplete, s.j.path, errors.Join(errs...))
}

// Finish ends a session whose changes are meant to stay (a culprit left
// disabled at the owner's request). The journal is kept in journals/kept
// so the change can still be reverted later.
func (s *Session) Finish() (string, error) {
	if err := s.j.append(Record{Type: "end", Status: "kept"}); err != nil {
		return "", err
	}
	s.mu.Lock()
	s.ended = true
	s.mu.Unlock()
	s.j.close()
	dst := filepath.Join(filepath.Dir(s.j.path), "kept", filepath.Base(s.j.path))
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return "", err
	}
	if err := os.Rename(s.j.path, dst); err != nil {
		return "", err
	}
	s.j.path = dst
	return dst, nil
}

func (s *Session) end(status string, remove bool) error {
	if err := s.j.append(Record{Type: "end", Status: status}); err != nil {
		return err
	}
	s.mu.Lock()
	s.ended = true
	s.mu.Unlock()
	if remove {
		return s.j.remove()
	}
	return s.j.close()
}

func (s *Session) undoBatch(ctx context.Context, batch []seqStep, rep *Report) error {
	var todo []seqStep
	for i := len(batch) - 1; i >= 0; i-- {
		if !s.isUndone(batch[i].Seq) {
			todo = append(todo, batch[i])
		}
	}
	if len(todo) == 0 {
		return nil
	}
	if todo[0].Step.Kind == KindRename {
		// Renames touching the same path (off, on, off again while
		// bisecting) depend on each other: undo them in order, pipelining
		// only runs of independent ones.
		for _, part := range independent(todo) {
			if err := s.undoRenames(ctx, part, rep); err != nil {
				return err
			}
		}
		return nil
	}
	for _, st := range todo {
		note, err := s.undoOne(ctx, st.Step)
		if err != nil {
			return fmt.Errorf("undo %s: %w", st.Step, err)
		}
		if note != "" {
			rep.Notes = append(rep.Notes, note)
		}
		if err := s.markUndone(st.Seq); err != nil {
			return err
		}
		rep.Undone = append(rep.Undone, st.Step.String())
	}
	return nil
}

// independent splits renames (newest first) into consecutive runs in which
// no path appears twice.
func independent(steps []seqStep) [][]seqStep {
	var out [][]seqStep
	var cur []seqStep
	used := map[string]bool{}
	for _, st := range steps {
		if used[st.Step.Path] || used[st.Step.To] {
			out = append(out, cur)
			cur, used = nil, map[string]bool{}
		}
		cur = append(cur, st)
		used[st.Step.Path], used[st.Step.To] = true, true
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func (s *Session) isUndone(seq int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.done[-seq]
}

// markUndone records a reverted step (kept in done under -seq).
func (s *Session) markUndone(seq int) error {
	if err := s.j.append(Record{Type: "undone", Seq: seq}); err != nil {
		return err
	}
	s.mu.Lock()
	s.done[-seq] = true
	s.mu.Unlock()
	return nil
}

// undoRenames reverts renames: for each, the state decides — moved (rename
// back), never moved or already back (nothing), or both paths present
// (someone recreated the original: a conflict left for a person).
func (s *Session) undoRenames(ctx context.Context, todo []seqStep, rep *Report) error {
	var back []site.RenamePair
	var backSeqs []int
	var errs []error
	for _, st := range todo {
		from, err := site.Exists(ctx, s.env.FS, st.Step.Path)
		if err != nil {
			return err
		}
		to, err := site.Exists(ctx, s.env.FS, st.Step.To)
		if err != nil {
			return err
		}
		switch {
		case !from && to:
			back = append(back, site.RenamePair{Old: st.Step.To, New: st.Step.Path})
			backSeqs = append(backSeqs, st.Seq)
		case from && !to:
			if err := s.markUndone(st.Seq); err != nil {
				return err
			}
		case from && to:
			errs = append(errs, fmt.Errorf("undo %s: both %s and %s exist: %w", st.Step, st.Step.Path, st.Step.To, ErrChangedUnderneath))
		default:
			errs = append(errs, fmt.Errorf("undo %s: neither path exists: %w", st.Step, ErrChangedUnderneath))
		}
	}
	for i, err := range s.env.FS.RenameMany(ctx, back) {
		if err != nil {
			errs = append(errs, fmt.Errorf("rename %s back: %w", back[i].New, err))
			continue
		}
		if err := s.markUndone(backSeqs[i]); err != nil {
			return err
		}
		rep.Undone = append(rep.Undone, fmt.Sprintf("rename %s → %s", back[i].Old, back[i].New))
	}
	return errors.Join(errs...)
}

// undoOne reverts a non-rename step according to the current state.
func (s *Session) undoOne(ctx context.Context, st Step) (note string, err error) {
	switch st.Kind {
	case KindEdit:
		return s.undoEdit(ctx, st)
	case KindOption, KindGuardOption:
		return s.undoOption(ctx, st)
	case KindCreated:
		if s.snap.Paths[st.Path].Exists {
			return "", nil
		}
		return "", s.removeSettled(ctx, st)
	case KindNewFile:
		return s.undoNewFile(ctx, st)
	case KindMkdir:
		return s.undoMkdir(ctx, st)
	}
	return "", fmt.Errorf("unknown step kind %q", st.Kind)
}

// maxSettle bounds how long undo waits for a created file to stay gone.
const maxSettle = time.Minute

// removeSettled removes a file the site created, again and again if the
// site keeps writing it, until it has been gone for st.Settle.
func (s *Session) removeSettled(ctx context.Context, st Step) error {
	deadline := time.Now().Add(maxSettle)
	gone := time.Now()
	for {
		err := s.env.FS.Remove(ctx, st.Path)
		switch {
		case err == nil:
			gone = time.Now()
		case !errors.Is(err, fs.ErrNotExist):
			return err
		}
		if time.Since(gone) >= st.Settle {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s keeps being written by the site", st.Path)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func (s *Session) undoEdit(ctx context.Context, st Step) (string, error) {
	cur, err := s.env.FS.ReadFile(ctx, st.Path)
	if err != nil {
		return "", err
	}
	switch SHA(cur) {
	case st.BeforeSHA:
		return "", nil // never written, or already restored
	case st.AfterSHA:
		orig, err := ApplyEdits(cur, InvertEdits(st.Edits))
		if err != nil {
			return "", err
		}
		if SHA(orig) != st.BeforeSHA {
			return "", fmt.Errorf("reverting the edits does not give back the original %s", st.Path)
		}
		return "", s.env.FS.WriteFileAtomic(ctx, st.Path, orig, 0o644)
	}
	// Someone else changed the file too: revert our spans where they now
	// are, and keep their change.
	orig, err := rebaseEdits(cur, InvertEdits(st.Edits))
	if err != nil {
		return "", fmt.Errorf("%s: %w, and wpdoctor's edits can no longer be found in it: %w", st.Path, ErrChangedUnderneath, err)
	}
	if err := s.env.FS.WriteFileAtomic(ctx, st.Path, orig, 0o644); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s was also changed by something else during the run: wpdoctor's edits were reverted, the other change was kept", st.Path), nil
}

func (s *Session) undoOption(ctx context.Context, st Step) (string, error) {
	if s.env.Options == nil {
		return "", ErrNoDB
	}
	want := s.snap.Options[st.Option] // the value before the run
	cur, found, err := s.env.Options.Option(ctx, st.Option)
	if err != nil {
		return "", err
	}
	if found == want.Found && bytes.Equal(cur, want.Value) {
		return "", nil
	}
	note := ""
	expected := st.Kind == KindOption && found && bytes.Equal(cur, st.After)
	if !expected {
		note = fmt.Sprintf("option %s was changed during the run by something other than wpdoctor (WordPress drops plugins whose folder is missing when wp-admin/plugins.php is visited); it was restored to its value from before the run", st.Option)
	}
	var ok bool
	if want.Found {
		ok, err = s.env.Options.CompareAndSwapOption(ctx, st.Option, found, cur, want.Value)
	} else {
		ok, err = s.env.Options.DeleteOption(ctx, st.Option, cur)
	}
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("option %s: %w (it changed again while being restored)", st.Option, ErrChangedUnderneath)
	}
	return note, nil
}

// retrying runs fn until it succeeds, fails for a reason other than a lost
// connection, or ctx ends.
func retrying(ctx context.Context, fn func() error) error {
	backoff := 500 * time.Millisecond
	for {
		err := fn()
		if err == nil || !transient(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (gave up: %w)", err, ctx.Err())
		case <-time.After(backoff):
		}
		if backoff < 8*time.Second {
			backoff *= 2
		}
	}
}

// transient recognises errors worth retrying: the connection or database
// went away. Errors about the site's state are not.
func transient(err error) bool {
	if errors.Is(err, ErrChangedUnderneath) || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrExist) ||
		errors.Is(err, fs.ErrPermission) || errors.Is(err, ErrNoDB) {
		return false
	}
	var te interface{ Temporary() bool }
	if errors.As(err, &te) && te.Temporary() {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"connection lost", "connection refused", "connection reset", "broken pipe", "EOF", "i/o timeout", "invalid connection", "bad connection", "closed network connection", "no route"} {
		if bytes.Contains([]byte(msg), []byte(s)) {
			return true
		}
	}
	return false
}

// rebaseEdits applies edits at their offsets or, where the file has
// shifted, where their text now occurs exactly once.
func rebaseEdits(data []byte, edits []Edit) ([]byte, error) {
	out := data
	for i, e := range edits {
		if got, err := ApplyEdits(out, []Edit{e}); err == nil {
			out = got
			continue
		}
		at, ok := locate(out, e.Old)
		if !ok {
			return nil, fmt.Errorf("edit %d: its text is gone or not unique", i)
		}
		e.Offset = at
		got, err := ApplyEdits(out, []Edit{e})
		if err != nil {
			return nil, err
		}
		out = got
	}
	return out, nil
}
