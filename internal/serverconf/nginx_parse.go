package serverconf

import "strings"

// Directive is one nginx directive: its name, arguments (unquoted and
// unescaped), and, for block directives, the directives inside. After
// LoadNginx, `include` directives have been replaced by the directives of
// the files they name.
type Directive struct {
	Name     string       `json:"name"`
	Args     []string     `json:"args,omitempty"`
	Block    []*Directive `json:"block,omitempty"`
	HasBlock bool         `json:"has_block,omitempty"`
	Pos      Pos          `json:"pos,omitzero"`
}

// Arg returns argument i, or "" when there are fewer.
func (d *Directive) Arg(i int) string {
	if i < len(d.Args) {
		return d.Args[i]
	}
	return ""
}

// maxNginxNesting bounds block nesting; real configurations use fewer
// than ten levels.
const maxNginxNesting = 64

// ParseNginx parses one nginx configuration file without following
// includes. On a syntax error it returns the directives completed before
// the error together with a *SyntaxError (wrapping ErrSyntax), so callers
// can still use what was read.
func ParseNginx(file string, data []byte) ([]*Directive, error) {
	p := &nginxParser{lx: newLexer(file, data)}
	out, err := p.block(0)
	return out, err
}

type nginxParser struct {
	lx *lexer
}

// block parses directives until '}' (depth > 0) or end of input (depth 0).
func (p *nginxParser) block(depth int) ([]*Directive, error) {
	var out []*Directive
	var cur *Directive
	for {
		t, err := p.lx.next()
		if err != nil {
			return out, err
		}
		switch t.kind {
		case tokWord:
			if cur == nil {
				cur = &Directive{Name: t.text, Pos: Pos{File: p.lx.file, Line: t.line}}
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
				return out, &SyntaxError{Pos: cur.Pos, Msg: "blocks nested too deep"}
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

// Find returns the directives named name directly in ds, in order.
func Find(ds []*Directive, name string) []*Directive {
	var out []*Directive
	for _, d := range ds {
		if d.Name == name {
			out = append(out, d)
		}
	}
	return out
}

// findLast returns the last directive named name in ds, or nil.
func findLast(ds []*Directive, name string) *Directive {
	for i := len(ds) - 1; i >= 0; i-- {
		if ds[i].Name == name {
			return ds[i]
		}
	}
	return nil
}

// String renders a directive and its block in nginx syntax (arguments
// quoted when needed); used in messages and tests.
func (d *Directive) String() string {
	var b strings.Builder
	writeDirective(&b, d, 0)
	return b.String()
}

func writeDirective(b *strings.Builder, d *Directive, indent int) {
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
