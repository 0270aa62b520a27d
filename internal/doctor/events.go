package doctor

import (
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// emitter sends events to an optional sink.
type emitter struct{ sink diag.Sink }

func (e emitter) send(ev diag.Event) {
	if e.sink == nil {
		return
	}
	if ev.Time.IsZero() {
		ev.Time = time.Now()
	}
	e.sink(ev)
}

func (e emitter) stage(name, msg string) {
	e.send(diag.Event{Kind: diag.EventStage, Stage: name, Message: msg})
}

func (e emitter) step(stage, msg string) {
	e.send(diag.Event{Kind: diag.EventStep, Stage: stage, Message: msg})
}

func (e emitter) change(stage, msg string) {
	e.send(diag.Event{Kind: diag.EventChange, Stage: stage, Message: msg})
}

func (e emitter) warn(stage, msg string) {
	e.send(diag.Event{Kind: diag.EventWarn, Stage: stage, Message: msg})
}
