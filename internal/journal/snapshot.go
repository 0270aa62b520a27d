package journal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// maxHashed is the largest file whose content the snapshot checksums.
const maxHashed = 16 << 20

// Snapshot is what the touched paths and option rows held before the first
// change.
type Snapshot struct {
	Paths   map[string]PathState   `json:"paths,omitempty"`
	Options map[string]OptionState `json:"options,omitempty"`
	// AllOptions is every option row's name with the SHA-256 of its value,
	// taken when the journal begins (when the option store can list its
	// rows). At the end, rows that differ from it and that the journal
	// did not touch are reported, never silently kept or deleted.
	AllOptions map[string]string `json:"all_options,omitempty"`
}

// PathState is a path's state: absent, a directory, or a file with its
// size, mode and checksum.
type PathState struct {
	Exists bool   `json:"exists"`
	Dir    bool   `json:"dir,omitempty"`
	Size   int64  `json:"size,omitempty"`
	Mode   uint32 `json:"mode,omitempty"`
	SHA    string `json:"sha,omitempty"`
}

// OptionState is an option row: absent, or its raw value.
type OptionState struct {
	Found bool   `json:"found"`
	Value []byte `json:"value,omitempty"`
}

func (s *Snapshot) merge(o *Snapshot) {
	if o == nil {
		return
	}
	for p, st := range o.Paths {
		if _, ok := s.Paths[p]; !ok {
			s.Paths[p] = st
		}
	}
	for n, st := range o.Options {
		if _, ok := s.Options[n]; !ok {
			s.Options[n] = st
		}
	}
	if s.AllOptions == nil && o.AllOptions != nil {
		s.AllOptions = o.AllOptions
	}
}

func newSnapshot() Snapshot {
	return Snapshot{Paths: map[string]PathState{}, Options: map[string]OptionState{}}
}

// pathState reads a path's state.
func pathState(ctx context.Context, fsys site.FS, p string) (PathState, error) {
	fi, err := fsys.Lstat(ctx, p)
	if errors.Is(err, fs.ErrNotExist) {
		return PathState{}, nil
	}
	if err != nil {
		return PathState{}, err
	}
	st := PathState{Exists: true, Dir: fi.IsDir(), Mode: uint32(fi.Mode())}
	if fi.Mode().IsRegular() {
		st.Size = fi.Size()
		if fi.Size() <= maxHashed {
			b, err := fsys.ReadFile(ctx, p)
			if err != nil {
				return PathState{}, err
			}
			st.SHA, st.Size = SHA(b), int64(len(b))
		}
	}
	return st, nil
}

func optionState(ctx context.Context, o OptionStore, name string) (OptionState, error) {
	if o == nil {
		return OptionState{}, ErrNoDB
	}
	v, found, err := o.Option(ctx, name)
	if err != nil {
		return OptionState{}, err
	}
	return OptionState{Found: found, Value: v}, nil
}

// Diff is one way the site differs from the snapshot.
type Diff struct {
	What string `json:"what"` // path or "option NAME"
	Want string `json:"want"`
	Got  string `json:"got"`
}

func (d Diff) String() string { return fmt.Sprintf("%s: expected %s, found %s", d.What, d.Want, d.Got) }

// verify compares the site with the snapshot.
func verify(ctx context.Context, fsys site.FS, o OptionStore, snap Snapshot) ([]Diff, error) {
	var diffs []Diff
	paths := make([]string, 0, len(snap.Paths))
	for p := range snap.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		want := snap.Paths[p]
		got, err := pathState(ctx, fsys, p)
		if err != nil {
			return diffs, fmt.Errorf("verify %s: %w", p, err)
		}
		if d := comparePath(want, got); d != "" {
			diffs = append(diffs, Diff{What: p, Want: describePath(want), Got: describePath(got)})
		}
	}
	names := make([]string, 0, len(snap.Options))
	for n := range snap.Options {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		want := snap.Options[n]
		got, err := optionState(ctx, o, n)
		if err != nil {
			return diffs, fmt.Errorf("verify option %s: %w", n, err)
		}
		if want.Found != got.Found || !bytes.Equal(want.Value, got.Value) {
			diffs = append(diffs, Diff{What: "option " + n, Want: describeOption(want), Got: describeOption(got)})
		}
	}
	return diffs, nil
}

func comparePath(want, got PathState) string {
	switch {
	case want.Exists != got.Exists:
		return "existence"
	case !want.Exists:
		return ""
	case want.Dir != got.Dir:
		return "type"
	case want.Mode != got.Mode:
		return "mode"
	case want.SHA != got.SHA || want.Size != got.Size:
		return "content"
	}
	return ""
}

func describePath(s PathState) string {
	switch {
	case !s.Exists:
		return "absent"
	case s.Dir:
		return fmt.Sprintf("directory (mode %v)", fs.FileMode(s.Mode))
	case s.SHA != "":
		return fmt.Sprintf("file of %d bytes, sha256 %.12s…, mode %v", s.Size, s.SHA, fs.FileMode(s.Mode))
	}
	return fmt.Sprintf("file of %d bytes, mode %v", s.Size, fs.FileMode(s.Mode))
}

func describeOption(s OptionState) string {
	if !s.Found {
		return "no row"
	}
	v := string(s.Value)
	if len(v) > 120 {
		v = v[:120] + "…"
	}
	return fmt.Sprintf("%q", v)
}
