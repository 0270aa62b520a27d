package logs

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// AggregateOptions bound an Aggregator's memory. Zero fields take the
// defaults in parentheses.
type AggregateOptions struct {
	MaxGroups      int // distinct signatures kept (512); later ones fold into one group per kind
	MaxSamples     int // events kept per group (3): the first ones
	MaxSampleBytes int // Raw of a kept sample is cut here (4096)
}

// Group counts the events that share a signature: kind, blamed component
// and message template (the message with numbers masked).
type Group struct {
	Kind        Kind
	Severity    Severity // the highest seen
	Component   Component
	Template    string
	Count       int
	First, Last time.Time // zero when no event of the group had a parsed time
	Samples     []Event
	Overflow    bool // this group collects signatures past MaxGroups
}

// Signature identifies the group: "kind|component|template".
func (g *Group) Signature() string {
	return string(g.Kind) + "|" + g.Component.ID() + "|" + g.Template
}

// Aggregator summarises a stream of events in bounded memory, whatever the
// stream's length: at most MaxGroups groups plus one overflow group per
// kind, each with at most MaxSamples truncated samples. Not safe for
// concurrent use.
type Aggregator struct {
	layout   Layout
	opt      AggregateOptions
	groups   map[string]*Group
	overflow map[Kind]*Group
	attr     map[string]Component // attribution cache, bounded
	key      []byte
	total    int
}

// NewAggregator returns an Aggregator that blames events through layout.
func NewAggregator(layout Layout, opt AggregateOptions) *Aggregator {
	if opt.MaxGroups <= 0 {
		opt.MaxGroups = 512
	}
	if opt.MaxSamples <= 0 {
		opt.MaxSamples = 3
	}
	if opt.MaxSampleBytes <= 0 {
		opt.MaxSampleBytes = 4096
	}
	return &Aggregator{layout: layout, opt: opt, groups: map[string]*Group{},
		overflow: map[Kind]*Group{}, attr: map[string]Component{}}
}

// Total is the number of events added.
func (a *Aggregator) Total() int { return a.total }

// Add counts e. It does not keep e or anything it references, except as a
// bounded copy in a group's samples.
func (a *Aggregator) Add(e Event) {
	a.total++
	w := e.Worst()
	comp := a.blame(&e)
	a.key = append(a.key[:0], e.Kind...)
	a.key = append(a.key, '|')
	a.key = appendComponentID(a.key, comp)
	a.key = append(a.key, '|')
	tmplAt := len(a.key)
	a.key = appendTemplate(a.key, w.Message)
	g := a.groups[string(a.key)]
	if g == nil {
		if len(a.groups) < a.opt.MaxGroups {
			g = &Group{Kind: e.Kind, Component: a.detach(comp), Template: string(a.key[tmplAt:])}
			a.groups[string(a.key)] = g
		} else if g = a.overflow[e.Kind]; g == nil {
			g = &Group{Kind: e.Kind, Component: Component{Kind: CompOther}, Template: "(more signatures)", Overflow: true}
			a.overflow[e.Kind] = g
		}
	}
	g.Count++
	g.Severity = max(g.Severity, e.Severity, w.Severity)
	if !e.Time.IsZero() {
		if g.First.IsZero() || e.Time.Before(g.First) {
			g.First = e.Time
		}
		if e.Time.After(g.Last) {
			g.Last = e.Time
		}
	}
	if len(g.Samples) < a.opt.MaxSamples {
		g.Samples = append(g.Samples, compactEvent(e, a.opt.MaxSampleBytes))
	}
}

// Groups returns the groups, most severe first, then most frequent, then
// by signature. The result is a copy.
func (a *Aggregator) Groups() []Group {
	out := make([]Group, 0, len(a.groups)+len(a.overflow))
	for _, g := range a.groups {
		out = append(out, *g)
	}
	for _, g := range a.overflow {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(x, y Group) int {
		if c := cmp.Compare(y.Severity, x.Severity); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Count, x.Count); c != 0 {
			return c
		}
		return strings.Compare(x.Signature(), y.Signature())
	})
	return out
}

// blame is Layout.Blame with a bounded cache keyed by the event's file.
func (a *Aggregator) blame(e *Event) Component {
	w := e.Worst()
	if w.File == "" || len(w.Frames) > 0 {
		return a.layout.Blame(e)
	}
	if c, ok := a.attr[w.File]; ok {
		c.Line = w.Line
		return c
	}
	c := a.layout.Blame(e)
	if len(a.attr) >= 4096 {
		clear(a.attr)
	}
	a.attr[strings.Clone(w.File)] = a.detach(c)
	return c
}

// detach copies c's strings so that it does not pin an event's Raw.
func (a *Aggregator) detach(c Component) Component {
	c.Slug, c.Path = strings.Clone(c.Slug), strings.Clone(c.Path)
	return c
}

func appendComponentID(b []byte, c Component) []byte {
	switch c.Kind {
	case CompPlugin, CompTheme, CompMUPlugin, CompDropIn:
		b = append(b, c.Kind...)
		b = append(b, ':')
		return append(b, c.Slug...)
	case CompCore:
		return append(b, "core"...)
	}
	return append(b, "other"...)
}
