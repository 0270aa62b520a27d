package logs

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Limits that keep a hostile or broken log from blowing up memory.
const (
	MaxLineBytes  = 64 << 10  // a longer line is cut here and its rest dropped
	MaxEventBytes = 256 << 10 // Raw of a multi-line entry stops growing here
	MaxFrames     = 256       // stack frames kept per event
)

// lineString converts one line to a string, dropping the NUL bytes that a
// copytruncate rotation leaves at the start of a file and replacing invalid
// UTF-8, so every string an Event carries is valid UTF-8.
func lineString(b []byte) string {
	for len(b) > 0 && b[0] == 0 {
		b = b[1:]
	}
	if !utf8.Valid(b) {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(b)
}

// trimLine removes a trailing CR and cuts b at MaxLineBytes (at a rune
// boundary when one is near). It reports whether it cut.
func trimLine(b []byte) ([]byte, bool) {
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	if len(b) <= MaxLineBytes {
		return b, false
	}
	cut := MaxLineBytes
	for i := 0; i < utf8.UTFMax && cut > 0 && !utf8.RuneStart(b[cut]); i++ {
		cut--
	}
	return b[:cut], true
}

// eachLine calls fn for every line of data (without its newline).
func eachLine(data []byte, fn func(line []byte)) {
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			fn(data)
			return
		}
		fn(data[:i])
		data = data[i+1:]
	}
}

// lineReader splits a stream into lines with a fixed-size buffer: a line
// longer than MaxLineBytes is returned cut, and the rest of it skipped, so
// memory stays bounded whatever the input.
type lineReader struct {
	r          io.Reader
	buf        []byte
	start, end int
	err        error
	skipping   bool // dropping the rest of an over-long line
}

// The read buffer starts small (a short chunk costs little) and doubles,
// up to readBufSize, while reads fill it: a long stream is read in large
// pieces. It always holds more than MaxLineBytes+2 bytes.
const (
	initialBufSize = 16 << 10
	readBufSize    = 512 << 10
)

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{r: r, buf: make([]byte, initialBufSize)}
}

// next returns the next line without its newline, valid until the following
// call, and whether it is over MaxLineBytes. An over-long line is returned
// as its first MaxLineBytes+2 bytes (so that trimLine, even after dropping
// a CR, sees it is too long and cuts it as it would the whole line) and the
// rest of it is skipped. At the end it returns ok=false; failure()
// then tells why.
func (lr *lineReader) next() (line []byte, cut bool, ok bool) {
	for {
		if lr.skipping {
			if i := bytes.IndexByte(lr.buf[lr.start:lr.end], '\n'); i >= 0 {
				lr.start += i + 1
				lr.skipping = false
			} else {
				lr.start = lr.end
			}
		}
		if !lr.skipping {
			avail := lr.buf[lr.start:lr.end]
			if i := bytes.IndexByte(avail, '\n'); i >= 0 {
				lr.start += i + 1
				return avail[:i], i > MaxLineBytes, true
			}
			if len(avail) > MaxLineBytes+1 {
				lr.start = lr.end
				lr.skipping = true
				return avail[:MaxLineBytes+2], true, true
			}
			if lr.err != nil {
				lr.start = lr.end
				if len(avail) > 0 {
					return avail, len(avail) > MaxLineBytes, true
				}
				return nil, false, false
			}
		}
		if lr.err != nil {
			return nil, false, false
		}
		lr.fill()
	}
}

func (lr *lineReader) fill() {
	if lr.start > 0 {
		n := copy(lr.buf, lr.buf[lr.start:lr.end])
		lr.start, lr.end = 0, n
	}
	if lr.end == len(lr.buf) { // a long line: make room
		lr.grow()
	}
	for tries := 0; tries < 100 && lr.err == nil; tries++ {
		free := len(lr.buf) - lr.end
		n, err := lr.r.Read(lr.buf[lr.end:])
		lr.end += n
		lr.err = err
		if n == free && len(lr.buf) < readBufSize {
			lr.grow() // a big stream: read larger pieces
		}
		if n > 0 {
			return
		}
	}
	if lr.err == nil {
		lr.err = io.ErrNoProgress
	}
}

func (lr *lineReader) grow() {
	nb := make([]byte, min(2*len(lr.buf), readBufSize))
	lr.end = copy(nb, lr.buf[lr.start:lr.end])
	lr.start, lr.buf = 0, nb
}

// failure is the read error that ended the stream, nil at a clean EOF.
func (lr *lineReader) failure() error {
	if lr.err == nil || errors.Is(lr.err, io.EOF) {
		return nil
	}
	return fmt.Errorf("read log: %w", lr.err)
}
