package proc

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// Process is one line of `ps -eo pid,ppid,user,args` (or `ps axo ...`).
type Process struct {
	PID  int    `json:"pid"`
	PPID int    `json:"ppid"`
	User string `json:"user"`
	Args string `json:"args"`
}

// maxPSLines bounds the lines ParsePS reads.
const maxPSLines = 100000

// ParsePS parses ps output with a header line naming at least PID and
// COMMAND/ARGS/CMD columns (PPID and USER when present), in any order,
// the command last. Lines that do not fit are skipped; kernel threads
// ("[kthreadd]") are kept. It fails only when no header is found.
func ParsePS(data []byte) ([]Process, error) {
	lines := strings.Split(string(data), "\n")
	hdr := -1
	var cols []string
	for i, l := range lines {
		f := strings.Fields(l)
		if len(f) >= 2 && containsFold(f, "PID") && isCommandCol(f[len(f)-1]) {
			hdr, cols = i, f
			break
		}
	}
	if hdr < 0 {
		return nil, fmt.Errorf("parse ps output: no header with PID and COMMAND: %w", conf.ErrSyntax)
	}
	var out []Process
	for n, l := range lines[hdr+1:] {
		if n >= maxPSLines {
			break
		}
		f := fieldsN(l, len(cols))
		if len(f) < len(cols) {
			continue
		}
		var p Process
		ok := true
		for i, c := range cols[:len(cols)-1] {
			switch strings.ToUpper(c) {
			case "PID":
				p.PID, ok = atoiOK(f[i], ok)
			case "PPID":
				p.PPID, ok = atoiOK(f[i], ok)
			case "USER", "UID", "RUSER", "EUSER":
				p.User = f[i]
			}
		}
		if !ok {
			continue
		}
		p.Args = f[len(cols)-1]
		out = append(out, p)
	}
	return out, nil
}

func isCommandCol(s string) bool {
	switch strings.ToUpper(s) {
	case "COMMAND", "ARGS", "CMD":
		return true
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func atoiOK(s string, ok bool) (int, bool) {
	n, err := strconv.Atoi(s)
	return n, ok && err == nil
}

// fieldsN splits s into at most n blank-separated fields, the last one
// holding the rest of the line (trimmed).
func fieldsN(s string, n int) []string {
	var out []string
	s = strings.TrimSpace(strings.TrimRight(s, "\r"))
	for len(out) < n-1 && s != "" {
		i := strings.IndexAny(s, " \t")
		if i < 0 {
			out = append(out, s)
			return out
		}
		out = append(out, s[:i])
		s = strings.TrimLeft(s[i:], " \t")
	}
	if s != "" {
		out = append(out, s)
	}
	return out
}
