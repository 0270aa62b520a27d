package diag

import "time"

// EventKind says what an engine event reports.
type EventKind string

// Event kinds.
const (
	EventStage   EventKind = "stage"   // a stage begins (Stage)
	EventStep    EventKind = "step"    // a step within a stage (Message)
	EventProbe   EventKind = "probe"   // an HTTP probe answered (Probe)
	EventFinding EventKind = "finding" // a check found something (Finding)
	EventVerdict EventKind = "verdict"
	EventChange  EventKind = "change" // a change to the site (Message)
	EventWarn    EventKind = "warning"
)

// Event is one piece of progress. The engine sends events; the CLI prints
// them as lines, the TUI renders them, fleet mode aggregates them.
type Event struct {
	Time    time.Time   `json:"time"`
	Kind    EventKind   `json:"kind"`
	Stage   string      `json:"stage,omitempty"`
	Message string      `json:"message,omitempty"`
	Probe   *ProbeEvent `json:"probe,omitempty"`
	Finding *Finding    `json:"finding,omitempty"`
	Verdict *Verdict    `json:"verdict,omitempty"`
}

// ProbeEvent is one bisect or diagnosis probe.
type ProbeEvent struct {
	Step      int      `json:"step"`
	URL       string   `json:"url"`
	Status    int      `json:"status"`
	Class     string   `json:"class"`
	Broken    bool     `json:"broken"`
	Millis    int64    `json:"ms"`
	On        []string `json:"on,omitempty"`  // components switched on
	Off       []string `json:"off,omitempty"` // components switched off
	Left      int      `json:"candidates_left,omitempty"`
	Reason    string   `json:"reason,omitempty"`
	Intention string   `json:"intention,omitempty"`
}

// Sink receives events. It must not block for long.
type Sink func(Event)
