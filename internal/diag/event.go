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
	EventLog     EventKind = "log" // a log entry read during a probe (Log)
)

// Stage is a phase of the engine's work.
type Stage string

// Stages, in the order a diagnosis goes through them.
const (
	StageOpen     Stage = "open"      // obstacles found when opening the site
	StageLogs     Stage = "logs"      // finding and reading the logs
	StageProbe    Stage = "probe"     // probing the site
	StageDebugLog Stage = "debug-log" // WordPress debug logging for the run
	StageJournal  Stage = "journal"   // the change journal
	StageChecks   Stage = "checks"    // the diagnostic checks
	StageBisect   Stage = "bisect"    // switching components off in halving steps
	StageRestore  Stage = "restore"   // putting everything back
	StageKeep     Stage = "keep"      // the culprit left switched off
)

// Event is one piece of progress. The engine sends events; the CLI prints
// them as lines, the TUI renders them, fleet mode aggregates them.
type Event struct {
	Time    time.Time   `json:"time"`
	Kind    EventKind   `json:"kind"`
	Site    string      `json:"site,omitempty"` // the session's site name (fleet runs many)
	Stage   Stage       `json:"stage,omitempty"`
	Message string      `json:"message,omitempty"`
	Probe   *ProbeEvent `json:"probe,omitempty"`
	Finding *Finding    `json:"finding,omitempty"`
	Verdict *Verdict    `json:"verdict,omitempty"`
	Log     *Evidence   `json:"log,omitempty"`
}

// ProbeEvent is one bisect or diagnosis probe.
type ProbeEvent struct {
	Step   int      `json:"step"`
	URL    string   `json:"url"`
	Status int      `json:"status"`
	Class  string   `json:"class"`
	Broken bool     `json:"broken"`
	Millis int64    `json:"ms"`
	On     []string `json:"on,omitempty"`  // components switched on
	Off    []string `json:"off,omitempty"` // components switched off
	Left   int      `json:"candidates_left,omitempty"`
	// Remaining is a running estimate of the probes still to come in
	// this stage (bisect probes only).
	Remaining int    `json:"probes_remaining_estimate,omitempty"`
	Reason    string `json:"reason,omitempty"`
	Intention string `json:"intention,omitempty"`
}

// Sink receives events. It must not block for long.
type Sink func(Event)
