package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/fleet"
)

// liveTable is the fleet's output on a terminal: finished sites scroll up
// as lines (the same as on a pipe); below them, redrawn in place, a table
// of the sites in flight (site, stage, status, time) and the counts.
type liveTable struct {
	w     io.Writer
	now   func() time.Time
	total int

	mu      sync.Mutex
	running map[string]*liveRow
	done    int
	counts  map[string]int
	drawn   int // lines of the table on the screen
	stop    chan struct{}
	stopped sync.WaitGroup
}

type liveRow struct {
	name, stage, status string
	started             time.Time
}

func newLiveTable(w io.Writer, total int, now func() time.Time) *liveTable {
	return &liveTable{w: w, now: now, total: total, running: map[string]*liveRow{}, counts: map[string]int{}, stop: make(chan struct{})}
}

// start redraws the table every interval until close.
func (l *liveTable) start(interval time.Duration) {
	l.stopped.Add(1)
	go func() {
		defer l.stopped.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-l.stop:
				return
			case <-t.C:
				l.mu.Lock()
				l.redraw(nil)
				l.mu.Unlock()
			}
		}
	}()
}

// event notes a site's progress.
func (l *liveTable) event(s fleet.Site, e diag.Event) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r := l.running[s.Name]
	if r == nil {
		r = &liveRow{name: s.Name, started: l.now()}
		l.running[s.Name] = r
	}
	switch e.Kind {
	case diag.EventStage:
		r.stage, r.status = fmt.Sprint(e.Stage), e.Message // (a string or a diag.Stage)
	case diag.EventProbe:
		if e.Probe != nil {
			r.status = fmt.Sprintf("probe %d %s", e.Probe.Status, e.Probe.Class)
		}
	case diag.EventChange, diag.EventWarn, diag.EventStep:
		r.status = e.Message
	}
}

// finished prints a site's line above the table.
func (l *liveTable) finished(e fleet.Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.running, e.Name)
	l.done++
	l.counts[e.Verdict]++
	l.redraw([]string{fleet.Line(e)})
}

// close draws the table one last time, then leaves it.
func (l *liveTable) close() {
	close(l.stop)
	l.stopped.Wait()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.redraw(nil)
	l.drawn = 0
}

// redraw erases the table, prints lines, and draws the table again.
// Called with mu held.
func (l *liveTable) redraw(lines []string) {
	var b strings.Builder
	for range l.drawn {
		b.WriteString("\x1b[1A\x1b[2K")
	}
	b.WriteString("\r")
	for _, ln := range lines {
		b.WriteString(ln + "\n")
	}
	names := make([]string, 0, len(l.running))
	for n := range l.running {
		names = append(names, n)
	}
	sort.Strings(names)
	l.drawn = 0
	if len(names) > 0 {
		fmt.Fprintf(&b, "  %-20s %-10s %7s  %s\n", "SITE", "STAGE", "TIME", "STATUS")
		l.drawn++
	}
	for _, n := range names {
		r := l.running[n]
		fmt.Fprintf(&b, "  %-20s %-10s %6.1fs  %s\n", r.name, r.stage, l.now().Sub(r.started).Seconds(), clipRunes(r.status, 70))
		l.drawn++
	}
	var counts []string
	for k, v := range l.counts {
		counts = append(counts, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(counts)
	fmt.Fprintf(&b, "  %d of %d done, %d running  %s\n", l.done, l.total, len(names), strings.Join(counts, " "))
	l.drawn++
	_, _ = io.WriteString(l.w, b.String())
}

func clipRunes(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
