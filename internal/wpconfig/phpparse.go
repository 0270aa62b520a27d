package wpconfig

import (
	"fmt"

	"github.com/VKCOM/php-parser/pkg/ast"
	"github.com/VKCOM/php-parser/pkg/conf"
	perrors "github.com/VKCOM/php-parser/pkg/errors"
	"github.com/VKCOM/php-parser/pkg/parser"
	"github.com/VKCOM/php-parser/pkg/version"
)

// phpVersion is the grammar used: the newest the parser knows.
var phpVersion = version.Version{Major: 8, Minor: 1}

// parseError is one error the parser or its lexer reported.
type parseError struct {
	pos, line int // byte offset and 1-based line; EOF when the parser gave none
	msg       string
}

// parsed is the outcome of one run of the PHP parser.
type parsed struct {
	root  ast.Vertex
	stmts []ast.Vertex
	errs  []parseError
}

// firstError returns the earliest error, or ok false.
func (p parsed) firstError() (e parseError, ok bool) {
	for i, x := range p.errs {
		if i == 0 || x.pos < e.pos {
			e = x
		}
	}
	return e, len(p.errs) > 0
}

// parsePHP runs the real PHP parser on buf. Lexer warnings count as errors.
// A panic inside the parser is reported as an error at offset 0.
func parsePHP(buf []byte) (p parsed) {
	eof := parseError{pos: len(buf), line: lineAt(buf, len(buf))}
	defer func() {
		if r := recover(); r != nil {
			p = parsed{errs: []parseError{{pos: 0, line: 1, msg: fmt.Sprint("parser failure: ", r)}}}
		}
	}()
	buf = loneCRtoLF(buf)
	v := phpVersion
	root, err := parser.Parse(buf, conf.Config{
		Version: &v,
		ErrorHandlerFunc: func(e *perrors.Error) {
			pe := eof
			if e.Pos != nil {
				pe.pos, pe.line = e.Pos.StartPos, e.Pos.StartLine
			}
			pe.msg = e.Msg
			p.errs = append(p.errs, pe)
		},
	})
	if err != nil {
		p.errs = append(p.errs, parseError{pos: 0, line: 1, msg: err.Error()})
		return p
	}
	p.root = root
	if r, ok := root.(*ast.Root); ok && r != nil {
		p.stmts = r.Stmts
	}
	return p
}

// blankOutside returns a copy of src[:end] in which every byte before start
// is a space, except line breaks, so that offsets and line numbers do not move;
// an open tag is written into the blanked part so that src[start:] is read
// as PHP code. ok is false when the blanked part has no room for the tag
// (five bytes on one line before start).
func blankOutside(src []byte, start, end int) (buf []byte, ok bool) {
	buf = make([]byte, end)
	copy(buf, src[:end])
	if start == 0 {
		return buf, true
	}
	for i := 0; i < start; i++ {
		if buf[i] != '\n' && buf[i] != '\r' {
			buf[i] = ' '
		}
	}
	run := 0
	for i := 0; i < start-1; i++ { // keep one byte of whitespace after the tag
		run++
		if buf[i] == '\n' || buf[i] == '\r' {
			run = 0
		}
		if run == 5 {
			copy(buf[i-4:], "<?php")
			return buf, true
		}
	}
	return nil, false
}

// loneCRtoLF returns buf with every \r that is not followed by \n replaced
// by \n (a copy, when there is any). PHP treats a lone \r as a line break;
// the parser does not (it rejects "<?php\r" and panics on a final \r).
// Offsets and line numbers stay the same; string values are decoded from
// the original source, so they keep their \r.
func loneCRtoLF(buf []byte) []byte {
	var out []byte
	for i, c := range buf {
		if c != '\r' || (i+1 < len(buf) && buf[i+1] == '\n') {
			continue
		}
		if out == nil {
			out = append([]byte(nil), buf...)
		}
		out[i] = '\n'
	}
	if out == nil {
		return buf
	}
	return out
}
