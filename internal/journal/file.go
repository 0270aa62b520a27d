package journal

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Record is one line of a journal file.
type Record struct {
	Type string    `json:"t"` // begin, snapshot, intent, done, undone, end
	Seq  int       `json:"seq,omitempty"`
	Time time.Time `json:"time"`

	Begin    *RunInfo  `json:"begin,omitempty"`
	Snapshot *Snapshot `json:"snapshot,omitempty"`
	Step     *Step     `json:"step,omitempty"`
	Status   string    `json:"status,omitempty"` // end: restored, kept (culprit left disabled)
}

// RunInfo identifies the run and the site, enough for `wpdoctor restore` to
// reconnect. It holds no secrets.
type RunInfo struct {
	Version   int       `json:"version"`
	Site      string    `json:"site"`   // the site key
	Target    string    `json:"target"` // as the user named it
	Root      string    `json:"root"`   // WordPress root (ABSPATH)
	Config    string    `json:"config"` // wp-config.php path
	Host      string    `json:"host"`   // this machine
	PID       int       `json:"pid"`
	Started   time.Time `json:"started"`
	Operation string    `json:"operation"` // diagnose, bisect, ...
}

// StateDir is where journals live: $XDG_STATE_HOME/wpdoctor, else
// ~/.local/state/wpdoctor. WPDOCTOR_STATE_DIR overrides both.
func StateDir() (string, error) {
	if d := os.Getenv("WPDOCTOR_STATE_DIR"); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "wpdoctor"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find state directory: %w", err)
	}
	return filepath.Join(home, ".local", "state", "wpdoctor"), nil
}

// SiteKey names a site's journal: readable, and unique per host and path.
func SiteKey(target, root string) string {
	h := sha256.Sum256([]byte(target + "\x00" + root))
	var b strings.Builder
	for _, r := range target + root {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 48 {
			break
		}
	}
	return strings.Trim(b.String(), "_") + "-" + hex.EncodeToString(h[:6])
}

// file is an open journal, appended to with an fsync per record.
type file struct {
	path string
	f    *os.File
}

func journalPath(dir, key string) string { return filepath.Join(dir, "journals", key+".journal") }

// create starts a new journal; it refuses when one exists (a pending
// restore must come first).
func create(dir, key string) (*file, error) {
	p := journalPath(dir, key)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return nil, fmt.Errorf("create journal directory: %w", err)
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil, &PendingError{Path: p}
	}
	if err != nil {
		return nil, fmt.Errorf("create journal: %w", err)
	}
	return &file{path: p, f: f}, syncDir(filepath.Dir(p))
}

// reopen appends to an existing journal (restore records its progress).
func reopen(p string) (*file, error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open journal: %w", err)
	}
	return &file{path: p, f: f}, nil
}

// append writes one record durably.
func (j *file) append(r Record) error {
	if r.Time.IsZero() {
		r.Time = time.Now().UTC()
	}
	b, err := jsonMarshal(r)
	if err != nil {
		return err
	}
	if _, err := j.f.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("write journal: %w", err)
	}
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("sync journal: %w", err)
	}
	return nil
}

func (j *file) close() error { return j.f.Close() }

// remove deletes a journal whose run ended restored.
func (j *file) remove() error {
	j.f.Close()
	if err := os.Remove(j.path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(j.path))
}

// readRecords reads a journal file. A torn last line (a crash in the middle
// of a write, so it has no newline) is ignored: its step was never applied.
func readRecords(p string) ([]Record, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	lines := bytes.Split(b, []byte("\n"))
	var recs []Record
	for i, line := range lines {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r Record
		if err := json.Unmarshal(line, &r); err != nil {
			if i == len(lines)-1 { // no trailing newline: torn
				break
			}
			return nil, fmt.Errorf("journal %s is damaged at line %d: %w", p, i+1, err)
		}
		recs = append(recs, r)
	}
	if len(recs) == 0 || recs[0].Type != "begin" || recs[0].Begin == nil {
		return nil, fmt.Errorf("journal %s has no begin record", p)
	}
	return recs, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// PendingError is a journal left by an earlier run that was not restored.
type PendingError struct{ Path string }

func (e *PendingError) Error() string {
	return fmt.Sprintf("an earlier run left changes on this site that were not undone (journal %s): run 'wpdoctor restore' first", e.Path)
}

// ErrPending is what PendingError matches with errors.Is.
var ErrPending = errors.New("pending journal")

func (e *PendingError) Is(target error) bool { return target == ErrPending }

func jsonMarshal(r Record) ([]byte, error) { return json.Marshal(r) }
