// Package verdict decides, from what the probes saw and what the logs say,
// why a site fails and which component is to blame. It is pure: the same
// evidence always gives the same verdict.
package verdict

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/logs"
)

// signals sorts the events of a diagnosis into what the rules look at.
type signals struct {
	fatal      []blamed // PHP fatal family (fatal, memory, time limit, parse)
	warnings   []blamed // PHP warnings/notices from an extension
	crashes    []logs.Event
	killed     []logs.Event // FPM killed a request at request_terminate_timeout
	slow       []blamed     // slowlog blocks
	headerSize []logs.Event
	fpmDown    []logs.Event // no socket, refused, no live upstreams
	fpmDenied  []logs.Event
	fpmBusy    []logs.Event // EAGAIN, max_children reached
	timeouts   []logs.Event // nginx upstream timed out (504)
	resets     []logs.Event // nginx lost PHP-FPM mid-request (a worker died)
	dbErrors   []logs.Event
}

// blamed is an event with the component it points at.
type blamed struct {
	ev   logs.Event
	comp logs.Component
}

func collect(events []logs.Event, layout logs.Layout) signals {
	var s signals
	var walk func(e logs.Event)
	walk = func(e logs.Event) {
		switch e.Kind {
		case logs.KindPHPFatal, logs.KindPHPMemory, logs.KindPHPTimeLimit, logs.KindPHPParse:
			s.fatal = append(s.fatal, blamed{e, layout.Blame(&e)})
		case logs.KindPHPWarning, logs.KindPHPNotice:
			if c := layout.Blame(&e); c.IsExtension() {
				s.warnings = append(s.warnings, blamed{e, c})
			}
		case logs.KindFPMChildSignal:
			if e.Signal != "SIGTERM" && e.Signal != "SIGQUIT" {
				s.crashes = append(s.crashes, e)
			}
		case logs.KindFPMRequestTimeout:
			s.killed = append(s.killed, e)
		case logs.KindSlowlog:
			s.slow = append(s.slow, blamed{e, layout.Blame(&e)})
		case logs.KindUpstreamHeaderSize:
			s.headerSize = append(s.headerSize, e)
		case logs.KindUpstreamNoSocket, logs.KindUpstreamRefused, logs.KindNoLiveUpstreams:
			s.fpmDown = append(s.fpmDown, e)
		case logs.KindUpstreamDenied:
			s.fpmDenied = append(s.fpmDenied, e)
		case logs.KindUpstreamBusy, logs.KindWorkersExhausted:
			s.fpmBusy = append(s.fpmBusy, e)
		case logs.KindUpstreamTimeout:
			s.timeouts = append(s.timeouts, e)
		case logs.KindUpstreamReset, logs.KindUpstreamClosed:
			s.resets = append(s.resets, e)
		case logs.KindWPDBError:
			s.dbErrors = append(s.dbErrors, e)
		}
		for _, sub := range e.Embedded {
			walk(sub)
		}
	}
	for _, e := range events {
		walk(e)
	}
	return s
}

// top returns the component most events blame, among extensions, with the
// events that blame it and the share of all blamed events it has.
func top(bs []blamed) (logs.Component, []logs.Event, float64, bool) {
	count := map[string]int{}
	byID := map[string]logs.Component{}
	evs := map[string][]logs.Event{}
	total := 0
	for _, b := range bs {
		if !b.comp.IsExtension() {
			continue
		}
		id := b.comp.ID()
		count[id]++
		byID[id] = b.comp
		evs[id] = append(evs[id], b.ev)
		total++
	}
	if total == 0 {
		return logs.Component{}, nil, 0, false
	}
	ids := make([]string, 0, len(count))
	for id := range count {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		return count[ids[i]] > count[ids[j]] || count[ids[i]] == count[ids[j]] && ids[i] < ids[j]
	})
	return byID[ids[0]], evs[ids[0]], float64(count[ids[0]]) / float64(total), true
}

// Evidence turns a log event into evidence (its first line, bounded).
func Evidence(e logs.Event) diag.Evidence {
	text := e.Raw
	if i := strings.IndexByte(text, '\n'); i >= 0 {
		text = text[:i]
	}
	if len(text) > 400 {
		text = text[:400] + "…"
	}
	ev := diag.Evidence{Source: e.Source, File: e.File, Line: e.Line, Text: text}
	if !e.Time.IsZero() {
		t := e.Time
		ev.Time = &t
	}
	return ev
}

// evidence picks up to max distinct entries (the same message from the
// same log counts once, with a count).
func evidence(evs []logs.Event, max int) []diag.Evidence {
	var out []diag.Evidence
	index := map[string]int{}
	for _, e := range evs {
		key := fmt.Sprintf("%s|%s|%s|%s|%d", e.Source, e.Kind, e.Message, e.File, e.Line)
		if i, ok := index[key]; ok {
			out[i].Count++
			continue
		}
		if len(out) == max {
			continue
		}
		ev := Evidence(e)
		ev.Count = 1
		index[key] = len(out)
		out = append(out, ev)
	}
	return out
}

// kindOf maps a blamed component to a verdict kind.
func kindOf(c logs.Component) diag.Kind {
	switch c.Kind {
	case logs.CompPlugin:
		return diag.KindPlugin
	case logs.CompTheme:
		return diag.KindTheme
	case logs.CompMUPlugin:
		return diag.KindMU
	case logs.CompDropIn:
		return diag.KindDropIn
	case logs.CompCore:
		return diag.KindCore
	}
	return diag.KindUnknown
}

// near reports whether a happened within d before or at b.
func near(a, b time.Time, d time.Duration) bool {
	if a.IsZero() || b.IsZero() {
		return false
	}
	diff := b.Sub(a)
	return diff >= -2*time.Second && diff <= d
}

func pct(r float64) string { return fmt.Sprintf("%.0f%%", r*100) }
