package nginx

import (
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// maxNginxNesting bounds block nesting; real configurations use fewer
// than ten levels.
const maxNginxNesting = 64

// Parse parses one nginx configuration file without following
// includes. On a syntax error it returns the directives completed before
// the error together with a *SyntaxError (wrapping ErrSyntax), so callers
// can still use what was read.
func Parse(file string, data []byte) ([]*conf.Directive, error) {
	p := &nginxParser{lx: newLexer(file, data)}
	out, err := p.block(0)
	return out, err
}

type nginxParser struct {
	lx *lexer
}

// block parses directives until '}' (depth > 0) or end of input (depth 0).
func (p *nginxParser) block(depth int) ([]*conf.Directive, error) {
	var out []*conf.Directive
	var cur *conf.Directive
	for {
		t, err := p.lx.next()
		if err != nil {
			return out, err
		}
		switch t.kind {
		case tokWord:
			if cur == nil {
				cur = &conf.Directive{Name: t.text, Pos: conf.Pos{File: p.lx.file, Line: t.line}}
			} else {
				cur.Args = append(cur.Args, t.text)
			}
		case tokSemi:
			if cur == nil {
				return out, p.lx.errf(t.line, `unexpected ";"`)
			}
			out = append(out, cur)
			cur = nil
		case tokOpen:
			if cur == nil {
				return out, p.lx.errf(t.line, `unexpected "{"`)
			}
			if depth+1 > maxNginxNesting {
				return out, &conf.SyntaxError{Pos: cur.Pos, Msg: "blocks nested too deep"}
			}
			cur.HasBlock = true
			inner, err := p.block(depth + 1)
			cur.Block = inner
			out = append(out, cur)
			if err != nil {
				return out, err
			}
			cur = nil
		case tokClose:
			if cur != nil || depth == 0 {
				return out, p.lx.errf(t.line, `unexpected "}"`)
			}
			return out, nil
		case tokEOF:
			if cur != nil {
				return out, p.lx.errf(t.line, `unexpected end of file, expecting ";" or "}"`)
			}
			if depth > 0 {
				return out, p.lx.errf(t.line, `unexpected end of file, expecting "}"`)
			}
			return out, nil
		}
	}
}

// Render writes a directive and its block in nginx syntax (arguments
// quoted when needed); parsing the result gives the same tree.
func Render(d *conf.Directive) string {
	var b strings.Builder
	writeDirective(&b, d, 0)
	return b.String()
}

func writeDirective(b *strings.Builder, d *conf.Directive, indent int) {
	b.WriteString(strings.Repeat("\t", indent))
	b.WriteString(quoteNginx(d.Name))
	for _, a := range d.Args {
		b.WriteByte(' ')
		b.WriteString(quoteNginx(a))
	}
	if !d.HasBlock {
		b.WriteString(";\n")
		return
	}
	b.WriteString(" {\n")
	for _, c := range d.Block {
		writeDirective(b, c, indent+1)
	}
	b.WriteString(strings.Repeat("\t", indent))
	b.WriteString("}\n")
}

func quoteNginx(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\r\n;{}#\"'\\") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\t", `\t`, "\r", `\r`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}
