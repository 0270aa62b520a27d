package wpconfig

import (
	"bytes"
	"strconv"
)

// maxRounds bounds how many times a damaged file is re-parsed.
const maxRounds = 64

// readAll parses the whole source. When the parser reports an error, the
// statements before it are kept (they were read exactly as PHP reads them),
// the first line of the broken statement is salvaged on its own if it
// parses (with a ; added if needed), and parsing starts again on the next
// line with everything before it blanked out, until the rest parses
// cleanly.
func (w *walker) readAll() {
	src, start := w.src, 0
	for round := 0; ; round++ {
		buf, ok := blankOutside(src, start, len(src))
		if !ok {
			return
		}
		p := parsePHP(buf)
		e, failed := p.firstError()
		errAt := len(src)
		if failed {
			errAt = max(e.pos, start)
		}
		w.recovered = round > 0
		lastEnd := start
		for _, s := range p.stmts {
			sp := w.span(s)
			if isNil(s) || sp.Start < start {
				continue
			}
			if sp.End > errAt {
				break
			}
			w.visit(s, ctx{cond: Always})
			lastEnd = sp.End
		}
		if !failed {
			return
		}
		w.cfg.Damaged = true
		w.cfg.Diagnostics = append(w.cfg.Diagnostics, Diagnostic{Line: e.line, Msg: e.msg})
		from := skipTrivia(src, lastEnd)
		if from >= len(src) {
			return
		}
		next := nextLine(src, from)
		w.salvage(lineStart(src, from), next)
		if next >= len(src) {
			return
		}
		if round+1 >= maxRounds {
			w.cfg.Diagnostics = append(w.cfg.Diagnostics, Diagnostic{
				Line: lineAt(src, next),
				Msg:  "too many errors: stopped reading after " + strconv.Itoa(maxRounds) + " attempts",
			})
			return
		}
		start = next
	}
}

// salvage parses src[from:to] alone, and again with a ";" added, keeps its
// statements if either parses cleanly, and says what it did.
func (w *walker) salvage(from, to int) {
	d := Diagnostic{Line: lineAt(w.src, from), Msg: "statement could not be read"}
	defer func() { w.cfg.Diagnostics = append(w.cfg.Diagnostics, d) }()
	if from < len("<?php ") || to <= from {
		return
	}
	buf, ok := blankOutside(w.src, from, to)
	if !ok {
		return
	}
	for i, b := range [][]byte{buf, append(buf, ';')} {
		p := parsePHP(b)
		if len(p.errs) > 0 {
			continue
		}
		w.recovered = true
		w.stmts(p.stmts)
		d.Msg = "statement recovered on its own"
		if i == 1 {
			d.Msg = "statement recovered by adding a missing semicolon"
		}
		return
	}
}

// skipTrivia returns the offset of the first byte at or after i that is not
// whitespace or a complete comment.
func skipTrivia(src []byte, i int) int {
	for i < len(src) {
		switch c := src[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
		case c == '#' && !bytes.HasPrefix(src[i:], []byte("#[")),
			c == '/' && bytes.HasPrefix(src[i:], []byte("//")):
			i = nextLine(src, i)
		case c == '/' && bytes.HasPrefix(src[i:], []byte("/*")):
			end := bytes.Index(src[i+2:], []byte("*/"))
			if end < 0 {
				return i
			}
			i += 2 + end + 2
		default:
			return i
		}
	}
	return i
}

// nextLine returns the start of the line after the one holding i (line
// breaks as in lineAt), skipping lines that look like the inside of a doc
// comment (" * ...").
func nextLine(src []byte, i int) int {
	for {
		nl := bytes.IndexAny(src[i:], "\r\n")
		if nl < 0 {
			return len(src)
		}
		i += nl + 1
		if src[i-1] == '\r' && i < len(src) && src[i] == '\n' {
			i++
		}
		rest := bytes.TrimLeft(src[i:], " \t")
		if len(rest) == 0 || rest[0] != '*' {
			return i
		}
	}
}

// lineStart returns the offset of the start of the line holding i.
func lineStart(src []byte, i int) int {
	return bytes.LastIndexAny(src[:i], "\r\n") + 1
}

// lineAt returns the 1-based line number of offset i, counting line breaks
// as PHP does: \n, \r\n and a lone \r.
func lineAt(src []byte, i int) int {
	src = src[:min(i, len(src))]
	n := 1 + bytes.Count(src, []byte("\n"))
	for j, c := range src {
		if c == '\r' && (j+1 >= len(src) || src[j+1] != '\n') {
			n++
		}
	}
	return n
}
