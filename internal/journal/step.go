// Package journal makes every change wpdoctor makes to a site reversible.
//
// A change is a typed Step with everything needed to undo it. The step is
// written to a local journal file (fsync'd, 0600) before it is applied, and
// its completion after; a snapshot taken before the first change records
// what the touched paths and option rows held. Undo walks the steps
// backwards, checking the site's current state before each inverse, so it
// is idempotent: it may run twice, after a partial undo, or after a crash
// between "intent" and "done". It ends by comparing the site with the
// snapshot.
//
// The journal never holds secrets: wp-config.php edits are recorded as the
// small spans they changed (debug constants) plus checksums of the whole
// file, never the file's bytes.
package journal

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/wpconfig"
)

// Kind names a step type.
type Kind string

// Step kinds.
const (
	// KindRename renames a path (a plugin folder, a drop-in, a theme).
	KindRename Kind = "rename"
	// KindEdit replaces spans of a small text file (wp-config.php).
	KindEdit Kind = "edit"
	// KindOption sets an option row.
	KindOption Kind = "option"
	// KindGuardOption changes nothing but restores an option row that
	// WordPress itself may change behind our back (active_plugins loses a
	// plugin whose folder is renamed when wp-admin/plugins.php is visited).
	KindGuardOption Kind = "guard-option"
	// KindCreated is a file the site will create because of our changes
	// (the debug log): undo removes it if it was not there before.
	KindCreated Kind = "created"
	// KindNewFile is a file wpdoctor created where there was none (the
	// probe agent): undo removes it if it still holds what was written.
	KindNewFile Kind = "new-file"
	// KindMkdir is a folder wpdoctor created (a must-use plugins folder
	// for the agent): undo removes it if it is empty again.
	KindMkdir Kind = "mkdir"
)

// Step is one reversible change.
type Step struct {
	Kind Kind   `json:"kind"`
	Path string `json:"path,omitempty"` // rename source, edited or created file
	To   string `json:"to,omitempty"`   // rename target

	// KindEdit: checksums (KindNewFile: AfterSHA, the content written) of the whole file before and after, and the spans.
	BeforeSHA string `json:"before_sha,omitempty"`
	AfterSHA  string `json:"after_sha,omitempty"`
	Edits     []Edit `json:"edits,omitempty"`

	// KindOption, KindGuardOption.
	Option      string `json:"option,omitempty"`
	BeforeFound bool   `json:"before_found,omitempty"`
	Before      []byte `json:"before,omitempty"` // raw option value (never a secret)
	After       []byte `json:"after,omitempty"`

	// Settle (KindCreated): the site may still write the file for a while
	// after the change that made it was undone (PHP's opcache keeps the old
	// wp-config.php for ~2 s; requests in flight keep their settings).
	// Undo removes the file until it has stayed gone this long.
	Settle time.Duration `json:"settle_ns,omitempty"`

	Note string `json:"note,omitempty"` // why, for people reading the journal
}

// Edit replaces Old with New at byte Offset (offsets refer to the file as
// it is before this edit and after the previous ones of the same step).
type Edit struct {
	Offset int    `json:"offset"`
	Old    string `json:"old"`
	New    string `json:"new"`
}

func (s Step) String() string {
	switch s.Kind {
	case KindRename:
		return fmt.Sprintf("rename %s → %s", s.Path, s.To)
	case KindEdit:
		return fmt.Sprintf("edit %s (%d change(s))", s.Path, len(s.Edits))
	case KindOption:
		return fmt.Sprintf("set option %s", s.Option)
	case KindGuardOption:
		return fmt.Sprintf("guard option %s", s.Option)
	case KindCreated:
		return fmt.Sprintf("remove %s if created", s.Path)
	case KindNewFile:
		return fmt.Sprintf("create %s", s.Path)
	case KindMkdir:
		return fmt.Sprintf("create folder %s", s.Path)
	}
	return string(s.Kind)
}

// SHA returns the hex SHA-256 of data.
func SHA(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// ApplyEdits applies edits to data in order. It fails if an edit's Old text
// is not where the edit says.
func ApplyEdits(data []byte, edits []Edit) ([]byte, error) {
	out := append([]byte(nil), data...)
	for i, e := range edits {
		end := e.Offset + len(e.Old)
		if e.Offset < 0 || end > len(out) || string(out[e.Offset:end]) != e.Old {
			return nil, fmt.Errorf("edit %d does not match the file at offset %d", i, e.Offset)
		}
		out = append(out[:e.Offset], append([]byte(e.New), out[end:]...)...)
	}
	return out, nil
}

// InvertEdits returns the edits that undo edits (applied in reverse order).
func InvertEdits(edits []Edit) []Edit {
	inv := make([]Edit, len(edits))
	for i, e := range edits {
		inv[len(edits)-1-i] = Edit{Offset: e.Offset, Old: e.New, New: e.Old}
	}
	return inv
}

// DiffEdits describes after as before with spans replaced: one edit
// covering the differing middle (common prefix and suffix trimmed). It is
// how a caller that produced after by a minimal edit turns it into a step.
func DiffEdits(before, after []byte) []Edit {
	return diffEdits(before, after)
}

// lineEdits is DiffEdits widened to whole lines, so the text is unique
// enough to be found again if the file shifts (another program editing it
// during the run).
func lineEdits(before, after []byte) []Edit {
	edits := diffEdits(before, after)
	for i, e := range edits {
		start := bytes.LastIndexByte(before[:e.Offset], '\n') + 1
		endOld := e.Offset + len(e.Old)
		tail := 0
		if k := bytes.IndexByte(before[endOld:], '\n'); k >= 0 {
			tail = k + 1
		} else {
			tail = len(before) - endOld
		}
		head := string(before[start:e.Offset])
		rest := string(before[endOld : endOld+tail])
		edits[i] = Edit{Offset: start, Old: head + e.Old + rest, New: head + e.New + rest}
	}
	return edits
}

func diffEdits(before, after []byte) []Edit {
	p := 0
	for p < len(before) && p < len(after) && before[p] == after[p] {
		p++
	}
	s := 0
	for s < len(before)-p && s < len(after)-p && before[len(before)-1-s] == after[len(after)-1-s] {
		s++
	}
	if p == len(before) && p == len(after) {
		return nil
	}
	return []Edit{{Offset: p, Old: string(before[p : len(before)-s]), New: string(after[p : len(after)-s])}}
}

// mentionsSecret reports whether text names a secret constant.
func mentionsSecret(text string) bool {
	for _, n := range wpconfig.SecretNames() {
		if bytes.Contains([]byte(text), []byte(n)) {
			return true
		}
	}
	return false
}

// locate finds where text occurs exactly once in data.
func locate(data []byte, text string) (int, bool) {
	i := bytes.Index(data, []byte(text))
	if i < 0 || text == "" || bytes.Contains(data[i+1:], []byte(text)) {
		return 0, false
	}
	return i, true
}
