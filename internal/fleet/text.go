package fleet

import (
	"fmt"
	"io"
	"strings"
)

// Line is one finished site, as the fleet prints it on a pipe:
//
//	@shop   culprit   exit 3   8.1s  plugin:wpd-crash — PHP Fatal error in …
func Line(e Entry) string {
	s := fmt.Sprintf("%-20s %-14s exit %-3d %6.1fs", e.Name, e.Verdict, e.Exit, e.Seconds)
	if d := Detail(e); d != "" {
		s += "  " + d
	}
	return s
}

// Detail says in one line why a site got its verdict.
func Detail(e Entry) string {
	var parts []string
	if r := e.Report; r != nil && e.Exit != ExitOK {
		v := r.Verdict
		if len(v.Components) > 0 {
			parts = append(parts, strings.Join(v.Components, ","))
		}
		if v.Cause != "" {
			parts = append(parts, v.Cause)
		}
	}
	if e.Bisected {
		parts = append(parts, "(bisected)")
	}
	if e.Error != "" {
		parts = append(parts, e.Error)
	}
	return clip(strings.Join(parts, " — "), 160)
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// Recap writes the summary after the per-site lines, like Ansible's PLAY
// RECAP: each site with its verdict, then the counts.
func Recap(w io.Writer, d Document) error {
	s := d.Summary
	head := fmt.Sprintf("FLEET RECAP: %d sites, %.1fs wall, exit %d ", s.Sites, s.Seconds, s.Exit)
	if len(s.Shards) > 0 && s.Shards[0] != "" {
		head = fmt.Sprintf("FLEET RECAP (shard %s): %d sites, %.1fs wall, exit %d ", strings.Join(s.Shards, ","), s.Sites, s.Seconds, s.Exit)
	}
	_, err := fmt.Fprintf(w, "\n%s%s\n", head, strings.Repeat("*", max(3, 72-len(head))))
	for _, e := range d.Sites {
		if err == nil {
			_, err = fmt.Fprintf(w, "%-20s : %-14s exit=%-3d %s\n", e.Name, e.Verdict, e.Exit, e.State)
		}
	}
	var counts []string
	for _, code := range append([]int{ExitOK}, severity...) {
		if n := s.Counts[Label(code)]; n > 0 {
			counts = append(counts, fmt.Sprintf("%s=%d", Label(code), n))
		}
	}
	for label, n := range s.Counts { // codes outside the documented ones
		if !known(label) {
			counts = append(counts, fmt.Sprintf("%s=%d", label, n))
		}
	}
	if err == nil {
		_, err = fmt.Fprintf(w, "\n%s; finished %d of %d", strings.Join(counts, " "), s.Finished, s.Sites)
	}
	if err == nil && s.NotStarted > 0 {
		_, err = fmt.Fprintf(w, ", %d not started (interrupted)", s.NotStarted)
	}
	if err == nil {
		_, err = fmt.Fprintln(w)
	}
	return err
}

func known(label string) bool {
	for _, c := range append([]int{ExitOK}, severity...) {
		if Label(c) == label {
			return true
		}
	}
	return false
}
