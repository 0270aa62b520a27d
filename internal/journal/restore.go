package journal

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Pending is a journal left by a run that did not finish its undo.
type Pending struct {
	Path  string
	Info  RunInfo
	Steps int // journaled steps
	// Undone counts steps already reverted by an earlier partial restore.
	Undone int
}

// Damaged is a file in the journal directory that cannot be read as a
// journal. It blocks nothing else: the other journals are listed and
// restored as usual.
type Damaged struct {
	Path    string `json:"path"`
	Problem string `json:"problem"`
}

// MoveAside is the command that sets the damaged file aside, so that it is
// no longer taken for a journal (after reading it, if it matters).
func (d Damaged) MoveAside() string {
	return "mv " + shellQuote(d.Path) + " " + shellQuote(d.Path+".damaged")
}

func (d Damaged) String() string {
	return fmt.Sprintf("%s is not a readable journal (%s); look at it, then set it aside with: %s", d.Path, d.Problem, d.MoveAside())
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// ListPending lists the readable pending journals in the state directory;
// see ScanJournals for the damaged ones.
func ListPending(dir string) ([]Pending, error) {
	p, _, err := ScanJournals(dir)
	return p, err
}

// ScanJournals lists the pending journals in the state directory and the
// files there that cannot be read as journals. Only an unreadable
// directory is an error.
func ScanJournals(dir string) ([]Pending, []Damaged, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "journals"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("list journals in %s: %w", dir, err)
	}
	var out []Pending
	var bad []Damaged
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".journal") {
			continue
		}
		p := filepath.Join(dir, "journals", e.Name())
		pend, err := ReadPending(p)
		if err != nil {
			bad = append(bad, Damaged{Path: p, Problem: problemOf(err, p)})
			continue
		}
		out = append(out, pend)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, bad, nil
}

// problemOf is err without the path it names (Damaged says it).
func problemOf(err error, p string) string {
	msg := err.Error()
	msg = strings.Replace(msg, "journal "+p+" is ", "", 1)
	msg = strings.Replace(msg, "journal "+p+" ", "", 1)
	return strings.TrimPrefix(msg, p+": ")
}

// ReadPending reads one journal's begin record and counts its steps.
func ReadPending(p string) (Pending, error) {
	recs, err := readRecords(p)
	if err != nil {
		return Pending{}, err
	}
	pend := Pending{Path: p, Info: *recs[0].Begin}
	for _, r := range recs {
		switch r.Type {
		case "intent":
			pend.Steps++
		case "undone":
			pend.Undone++
		}
	}
	return pend, nil
}

// Live reports whether the run that wrote the journal is still running
// on this machine (its process is alive): such a journal is not left
// behind, it is in use.
func (p Pending) Live() bool {
	host, _ := os.Hostname()
	return p.Info.Host == host && p.Info.PID != os.Getpid() && alive(p.Info.PID)
}

// PendingFor returns the pending journal of a site key, if any.
func PendingFor(dir, key string) (string, bool) {
	p := journalPath(dir, key)
	if _, err := os.Stat(p); err == nil {
		return p, true
	}
	return "", false
}

// KeptFor returns the journal of a change kept on purpose (a culprit left
// disabled) for a site key, if any.
func KeptFor(dir, key string) (string, bool) {
	p := filepath.Join(filepath.Dir(journalPath(dir, key)), "kept", key+".journal")
	if _, err := os.Stat(p); err == nil {
		return p, true
	}
	return "", false
}

// RestoreKept reverts a kept change; the journal is removed once verified.
func RestoreKept(ctx context.Context, env Env, path string) (*Report, error) {
	s, err := Open(env, path)
	if err != nil {
		return nil, err
	}
	s.ended = false
	// A kept change may be reverted long after its run: the option table
	// has moved on since for reasons of its own; only the touched rows are
	// compared.
	s.snap.AllOptions = nil
	return s.Undo(ctx)
}

// Open rebuilds the session of a journal file so that Undo can finish it,
// after a crash, kill -9 or a lost connection.
func Open(env Env, path string) (*Session, error) {
	recs, err := readRecords(path)
	if err != nil {
		return nil, err
	}
	j, err := reopen(path)
	if err != nil {
		return nil, err
	}
	s := &Session{env: env, j: j, info: *recs[0].Begin, snap: newSnapshot(), done: map[int]bool{}}
	for _, r := range recs {
		switch r.Type {
		case "snapshot":
			s.snap.merge(r.Snapshot)
		case "intent":
			if r.Step == nil {
				j.close()
				return nil, fmt.Errorf("journal %s: intent %d has no step", path, r.Seq)
			}
			s.steps = append(s.steps, seqStep{r.Seq, *r.Step})
			if r.Seq > s.seq {
				s.seq = r.Seq
			}
		case "done":
			s.done[r.Seq] = true
		case "undone":
			s.done[-r.Seq] = true
		case "end":
			s.ended = true
		}
	}
	if err := checkPaths(env, s.info, s.steps, s.snap); err != nil {
		j.close()
		return nil, fmt.Errorf("journal %s: %w; nothing was undone (move the file aside if you did not write it)", path, err)
	}
	return s, nil
}

// Restore replays a journal's undo; see Session.Undo.
func Restore(ctx context.Context, env Env, path string) (*Report, error) {
	s, err := Open(env, path)
	if err != nil {
		return nil, err
	}
	if s.ended {
		s.j.close()
		return &Report{Verified: true}, os.Remove(path)
	}
	return s.Undo(ctx)
}
