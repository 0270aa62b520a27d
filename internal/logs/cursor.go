package logs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// DefaultMaxRead caps ReadNew and Tail when they are given no cap.
const DefaultMaxRead = 16 << 20

// readPiece is the largest single ReadRange request.
const readPiece = 4 << 20

// headLen is how much of a file's start a Mark remembers to recognise the
// same file later.
const headLen = 64

// Mark is a position in a log file together with what identifies the file
// at that moment: its size, modification time and first bytes. A log that
// was rotated or truncated since is recognised and read again from its
// start. The zero Mark (of a name) means "nothing read yet".
type Mark struct {
	Name    string
	Offset  int64 // bytes before this were already seen
	Size    int64 // file size when marked
	ModTime time.Time
	Head    string // up to 64 first bytes of the file
	Exists  bool
}

// Chunk is what a read returned.
type Chunk struct {
	Data    []byte
	Start   int64 // file offset of Data[0]
	Rotated bool  // the file was replaced or truncated since the mark; read from 0
	Dropped int64 // bytes skipped at the front to respect the cap
	Next    Mark  // mark for the next ReadNew
}

// MarkFile records the end of name now, before a probe. A missing file is
// not an error: its Mark has Exists false and everything it later holds is
// new.
func MarkFile(ctx context.Context, fsys site.FS, name string) (Mark, error) {
	st, err := fsys.Stat(ctx, name)
	if errors.Is(err, fs.ErrNotExist) {
		return Mark{Name: name}, nil
	}
	if err != nil {
		return Mark{}, fmt.Errorf("mark log %s: %w", name, err)
	}
	m := Mark{Name: name, Offset: st.Size(), Size: st.Size(), ModTime: st.ModTime(), Exists: true}
	if m.Head, err = head(ctx, fsys, name, st.Size()); err != nil {
		return Mark{}, fmt.Errorf("mark log %s: %w", name, err)
	}
	return m, nil
}

func head(ctx context.Context, fsys site.FS, name string, size int64) (string, error) {
	if size == 0 {
		return "", nil
	}
	b, err := fsys.ReadRange(ctx, name, 0, int(min(size, headLen)))
	return string(b), err
}

// ReadNew returns the bytes appended to m's file since m was taken, at most
// max (DefaultMaxRead when max <= 0). When more is new it keeps the last
// bytes, starting at a line boundary (unless the kept bytes hold only the
// end of one over-long line), and reports how many it dropped. If
// the file shrank, or its first bytes changed, it was rotated or truncated:
// ReadNew reads it from the start and sets Rotated. A file that does not
// exist gives an empty Chunk.
func ReadNew(ctx context.Context, fsys site.FS, m Mark, max int) (Chunk, error) {
	st, err := fsys.Stat(ctx, m.Name)
	if errors.Is(err, fs.ErrNotExist) {
		return Chunk{Next: Mark{Name: m.Name}, Rotated: m.Exists}, nil
	}
	if err != nil {
		return Chunk{}, fmt.Errorf("read new lines of %s: %w", m.Name, err)
	}
	size := st.Size()
	from, rotated := m.Offset, false
	if !m.Exists {
		from = 0
	}
	switch {
	case size < m.Offset:
		from, rotated = 0, true
	case size == m.Offset && st.ModTime().Equal(m.ModTime):
		// unchanged: skip the identity read
	case m.Exists && m.Head != "":
		h, err := head(ctx, fsys, m.Name, min(size, int64(len(m.Head))))
		if err != nil {
			return Chunk{}, fmt.Errorf("read new lines of %s: %w", m.Name, err)
		}
		if h != m.Head {
			from, rotated = 0, true
		}
	}
	c, err := readRange(ctx, fsys, m.Name, from, size, max)
	if err != nil {
		return Chunk{}, fmt.Errorf("read new lines of %s: %w", m.Name, err)
	}
	c.Rotated = rotated
	c.Next = Mark{Name: m.Name, Offset: c.Start + int64(len(c.Data)), Size: size, ModTime: st.ModTime(), Exists: true}
	if rotated || !m.Exists || m.Head == "" || len(m.Head) < headLen && size > int64(len(m.Head)) {
		if c.Next.Head, err = head(ctx, fsys, m.Name, size); err != nil {
			return Chunk{}, fmt.Errorf("read new lines of %s: %w", m.Name, err)
		}
	} else {
		c.Next.Head = m.Head
	}
	return c, nil
}

// Tail returns the last bytes of name, at most max (DefaultMaxRead when
// max <= 0), starting at the first full line, with a Mark at its end.
func Tail(ctx context.Context, fsys site.FS, name string, max int) (Chunk, error) {
	st, err := fsys.Stat(ctx, name)
	if err != nil {
		return Chunk{}, fmt.Errorf("tail %s: %w", name, err)
	}
	size := st.Size()
	c, err := readRange(ctx, fsys, name, 0, size, max)
	if err != nil {
		return Chunk{}, fmt.Errorf("tail %s: %w", name, err)
	}
	c.Next = Mark{Name: name, Offset: c.Start + int64(len(c.Data)), Size: size, ModTime: st.ModTime(), Exists: true}
	if c.Next.Head, err = head(ctx, fsys, name, size); err != nil {
		return Chunk{}, fmt.Errorf("tail %s: %w", name, err)
	}
	return c, nil
}

// Before returns what m's file held when m was taken: its last bytes
// before m.Offset, at most max (DefaultMaxRead when max <= 0), from the
// first full line. A file rotated or truncated since (it is shorter, or its
// first bytes changed) gives an empty Chunk: what it held is gone.
func Before(ctx context.Context, fsys site.FS, m Mark, max int) (Chunk, error) {
	if !m.Exists || m.Offset == 0 {
		return Chunk{}, nil
	}
	st, err := fsys.Stat(ctx, m.Name)
	if errors.Is(err, fs.ErrNotExist) {
		return Chunk{Rotated: true}, nil
	}
	if err != nil {
		return Chunk{}, fmt.Errorf("read history of %s: %w", m.Name, err)
	}
	if st.Size() < m.Offset {
		return Chunk{Rotated: true}, nil
	}
	if h, err := head(ctx, fsys, m.Name, int64(len(m.Head))); err != nil {
		return Chunk{}, fmt.Errorf("read history of %s: %w", m.Name, err)
	} else if h != m.Head {
		return Chunk{Rotated: true}, nil
	}
	c, err := readRange(ctx, fsys, m.Name, 0, m.Offset, max)
	if err != nil {
		return Chunk{}, fmt.Errorf("read history of %s: %w", m.Name, err)
	}
	return c, nil
}

// readRange reads [from, size) of name, keeping only the last max bytes
// and then only from the first line boundary among them.
func readRange(ctx context.Context, fsys site.FS, name string, from, size int64, max int) (Chunk, error) {
	if max <= 0 {
		max = DefaultMaxRead
	}
	if size <= from {
		return Chunk{Start: from}, nil
	}
	start, cut := from, false
	if size-from > int64(max) {
		// Read one byte more than kept, to see whether the kept part
		// starts right after a newline.
		start, cut = size-int64(max)-1, true
	}
	buf := make([]byte, 0, size-start)
	for off := start; off < size; {
		n := int(min(size-off, readPiece))
		b, err := fsys.ReadRange(ctx, name, off, n)
		if err != nil {
			return Chunk{}, err
		}
		buf = append(buf, b...)
		off += int64(len(b))
		if len(b) < n {
			break // the file shrank while we read
		}
	}
	c := Chunk{Data: buf, Start: start}
	if cut && len(buf) > 0 {
		skip := 1 // the extra byte
		if buf[0] != '\n' {
			// Drop the partial first line, unless it is all there is
			// (one line longer than the cap): then keep its end.
			if i := bytes.IndexByte(buf[1:], '\n'); i >= 0 && skip+i+1 < len(buf) {
				skip += i + 1
			}
		}
		c.Data, c.Start = buf[skip:], start+int64(skip)
		c.Dropped = c.Start - from
	}
	return c, nil
}
