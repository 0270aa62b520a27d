package apache

import (
	"regexp"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// Parse parses one Apache httpd configuration file into the same
// Directive tree as nginx's: `<Section args>` ... `</Section>` become
// block directives named "Section". Lines continue with a trailing '\';
// '#' starts a comment only as the first non-blank character; arguments
// are split on blanks, with "..." or '...' quoting (\ escapes the quote).
// ${VAR} is expanded from vars (unknown variables stay as written).
// Includes are not followed. A stray or unclosed section is reported in
// the returned error (a *SyntaxError) and the tree so far returned.
func Parse(file string, data []byte, vars map[string]string) ([]*conf.Directive, error) {
	type frame struct {
		d   *conf.Directive
		out []*conf.Directive
	}
	var stack []frame
	var out []*conf.Directive
	var firstErr error
	fail := func(line int, msg string) {
		if firstErr == nil {
			firstErr = &conf.SyntaxError{Pos: conf.Pos{File: file, Line: line}, Msg: msg}
		}
	}
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		lineNo := i + 1
		text := strings.TrimRight(lines[i], "\r")
		for strings.HasSuffix(text, "\\") && i+1 < len(lines) {
			i++
			text = text[:len(text)-1] + strings.TrimRight(lines[i], "\r")
		}
		text = strings.TrimSpace(text)
		if text == "" || text[0] == '#' {
			continue
		}
		text = expandApacheVars(text, vars)
		switch {
		case strings.HasPrefix(text, "</"):
			name := strings.TrimSpace(strings.TrimSuffix(text[2:], ">"))
			if len(stack) == 0 || !strings.EqualFold(stack[len(stack)-1].d.Name, name) {
				fail(lineNo, "unexpected </"+name+">")
				continue
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			top.d.Block = out
			out = append(top.out, top.d)
		case strings.HasPrefix(text, "<"):
			if len(stack) >= maxNesting {
				fail(lineNo, "sections nested too deep")
				continue
			}
			fields := splitApacheArgs(strings.TrimSuffix(text[1:], ">"))
			if len(fields) == 0 || fields[0] == "" {
				fail(lineNo, "empty section")
				continue
			}
			d := &conf.Directive{Name: fields[0], Args: fields[1:], HasBlock: true, Pos: conf.Pos{File: file, Line: lineNo}}
			stack = append(stack, frame{d: d, out: out})
			out = nil
		default:
			fields := splitApacheArgs(text)
			if len(fields) == 0 || fields[0] == "" {
				fail(lineNo, "empty directive name")
				continue
			}
			d := &conf.Directive{Name: fields[0], Args: fields[1:], Pos: conf.Pos{File: file, Line: lineNo}}
			if strings.EqualFold(d.Name, "Define") && len(d.Args) > 0 && vars != nil {
				vars[d.Args[0]] = d.Arg(1)
			}
			out = append(out, d)
		}
	}
	for len(stack) > 0 {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fail(top.d.Pos.Line, "<"+top.d.Name+"> is not closed")
		top.d.Block = out
		out = append(top.out, top.d)
	}
	return out, firstErr
}

// maxNesting bounds section nesting.
const maxNesting = 64

// splitApacheArgs splits a line into words, honouring quotes.
func splitApacheArgs(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) {
			break
		}
		var b strings.Builder
		if q := s[i]; q == '"' || q == '\'' {
			i++
			for i < len(s) && s[i] != q {
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == q || s[i+1] == '\\') {
					i++
				}
				b.WriteByte(s[i])
				i++
			}
			i++ // closing quote (or end)
		} else {
			for i < len(s) && s[i] != ' ' && s[i] != '\t' {
				b.WriteByte(s[i])
				i++
			}
		}
		out = append(out, b.String())
	}
	return out
}

var apacheVarRe = regexp.MustCompile(`\$\{([A-Za-z0-9_]+)\}`)

func expandApacheVars(s string, vars map[string]string) string {
	if !strings.Contains(s, "${") {
		return s
	}
	return apacheVarRe.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := vars[m[2:len(m)-1]]; ok {
			return v
		}
		return m
	})
}

var envAssignRe = regexp.MustCompile(`^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$`)
var shellVarRe = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?`)

// ParseEnvvars reads the simple assignments of a shell environment file
// such as Debian's /etc/apache2/envvars ("export APACHE_LOG_DIR=/var/log/
// apache2$SUFFIX"): NAME=value lines, optionally exported, with quotes
// removed and $NAME / ${NAME} expanded from earlier assignments (unknown
// names expand to ""). Later assignments win; control flow is ignored.
func ParseEnvvars(data []byte) map[string]string {
	vars := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		m := envAssignRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		v := strings.TrimSpace(m[2])
		if i := strings.Index(v, " #"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		if !strings.HasPrefix(m[2], "'") {
			v = shellVarRe.ReplaceAllStringFunc(v, func(r string) string {
				return vars[strings.Trim(r, "${}")]
			})
		}
		vars[m[1]] = v
	}
	return vars
}
