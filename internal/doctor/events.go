package doctor

import (
	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// emitter sends events, tagged with the site's name, to an optional sink.
type emitter struct {
	sink  diag.Sink
	site  string
	clock Clock
}

func (e emitter) send(ev diag.Event) {
	if e.sink == nil {
		return
	}
	if ev.Time.IsZero() {
		ev.Time = e.clock.Now()
	}
	ev.Site = e.site
	e.sink(ev)
}

func (e emitter) stage(st diag.Stage, msg string) {
	e.send(diag.Event{Kind: diag.EventStage, Stage: st, Message: msg})
}

func (e emitter) step(st diag.Stage, msg string) {
	e.send(diag.Event{Kind: diag.EventStep, Stage: st, Message: msg})
}

func (e emitter) change(st diag.Stage, msg string) {
	e.send(diag.Event{Kind: diag.EventChange, Stage: st, Message: msg})
}

func (e emitter) warn(st diag.Stage, msg string) {
	e.send(diag.Event{Kind: diag.EventWarn, Stage: st, Message: msg})
}
