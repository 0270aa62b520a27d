// Package tui is wpdoctor's terminal UI: a Bubble Tea program that picks a
// site, connects, shows the overview, the diagnosis as it happens, asks
// before the bisect changes anything, shows the bisect live and the verdict,
// and restores the site whenever the user leaves.
//
// The UI talks to the engine only through the narrow Engine interface
// below, with its own small types, so every screen is built and tested
// against a fake; the CLI supplies the adapter onto the real engine.
package tui

import (
	"context"
	"time"
)

// Engine is what the UI needs of the engine. Calls are made one at a time
// from tea.Cmds, never from Update or View. Progress arrives on Events for
// the whole session.
type Engine interface {
	// Events delivers progress; it is never closed while the program runs.
	Events() <-chan Event
	// Open connects to target and inspects the install. Questions (host
	// key, password) arrive as EventAsk events while it runs.
	Open(ctx context.Context, target string) (*Overview, error)
	// RestorePending replays a journal an earlier run left behind (or
	// removes its stale lock) and says what it did.
	RestorePending(ctx context.Context) (string, error)
	// Diagnose probes, reads the logs and runs the checks. It changes
	// nothing on the site but (journaled) debug logging, undone before it
	// returns. Plan is set when only a bisect can tell.
	Diagnose(ctx context.Context) (*Diagnosis, error)
	// Bisect runs the plan the user accepted and restores before it returns.
	Bisect(ctx context.Context, p Plan) (*Verdict, error)
	// KeepCulpritOff switches only the culprit off again, journaled, and
	// says how the site answers without it.
	KeepCulpritOff(ctx context.Context) (string, error)
	// WriteReport writes the report (.md or .html) to path.
	WriteReport(path string) error
	// ReportJSON is the report as wpdoctor diagnose --json prints it.
	ReportJSON() ([]byte, error)
	// Close restores everything not explicitly kept (waiting for a running
	// call to finish its own restore), verifies it and disconnects.
	Close(ctx context.Context) (string, error)
}

// EventKind says what an Event carries.
type EventKind int

// Event kinds.
const (
	EventStep    EventKind = iota // a step of a stage began or ended (Stage, Text, Done, Err)
	EventProbe                    // an HTTP probe answered (Probe)
	EventLog                      // a log line was read (Log)
	EventFinding                  // a check reported (Finding)
	EventChange                   // the site was changed, journaled (Text)
	EventWarn                     // something went wrong but the run goes on (Text)
	EventAsk                      // the engine needs an answer (Ask)
)

// Event is one piece of engine progress.
type Event struct {
	Kind    EventKind
	Stage   string // connect, logs, probe, checks, bisect, restore
	Text    string
	Done    bool
	Err     string
	Probe   *Probe
	Log     *LogLine
	Finding *Finding
	Ask     *Question
}

// Probe is one HTTP request to the site.
type Probe struct {
	Step    int
	URL     string
	Status  int
	Class   string
	Broken  bool
	Millis  int64
	On, Off []string // components switched on and off (bisect)
	Left    int      // candidates left (bisect)
	Reason  string
}

// LogLine is one log entry read from the site.
type LogLine struct {
	Source string
	File   string
	Line   int
	Text   string
}

// Severities of a finding, least to most serious.
const (
	SevInfo     = "info"
	SevWarning  = "warning"
	SevError    = "error"
	SevCritical = "critical"
)

// Finding is what one check found.
type Finding struct {
	Severity  string
	Title     string
	Summary   string
	Component string
	Fix       string
}

// QuestionKind is what the engine asks.
type QuestionKind int

// Questions.
const (
	AskHostKey  QuestionKind = iota // an unknown host key: Host, Fingerprint
	AskPassword                     // a secret: Prompt
)

// Question is asked by the engine while a call runs; the call waits until
// the UI sends exactly one Answer on Reply.
type Question struct {
	Kind        QuestionKind
	Host        string
	Fingerprint string
	Prompt      string
	Reply       chan<- Answer
}

// Answer to a Question.
type Answer struct {
	Accept   bool   // host key: accept it
	Remember bool   // host key: record it in known_hosts
	Secret   string // password
	Cancel   bool   // the user refused or quit
}

// Overview is what Open learned about the install.
type Overview struct {
	Target      string
	Path        string
	WordPress   string
	PHP         string
	WebServer   string
	DB          string // "reachable (name on host)" or why not
	DBOK        bool
	Plugins     int // active / total, as counted by the engine
	PluginsAll  int
	MUPlugins   int
	Dropins     int
	Themes      int
	ActiveTheme string
	Multisite   bool
	Maintenance bool
	// Pending is a journal or stale lock an earlier run left behind.
	Pending string
}

// Diagnosis is what Diagnose found.
type Diagnosis struct {
	Status   string // healthy, broken, intermittent, maintenance, unreachable
	Findings []Finding
	Verdict  Verdict
	Plan     *Plan // set when a bisect is recommended
}

// Plan is the bisect the engine proposes, to be accepted before anything
// changes on the site.
type Plan struct {
	Strategy    string   // auto, rename, db
	Strategies  []string // the choices
	Why         string   // why a bisect is proposed
	StrategyWhy string   // why this strategy
	Stages      []PlanStage
	// Components that would be switched off and on; Excluded are left alone.
	Components []string
	Excluded   []string
	Probes     int           // expected page loads
	Time       time.Duration // expected duration
	Visitors   string        // what visitors see meanwhile
	// URL is the page each probe loads (on a multisite network, the
	// diagnosed site's).
	URL string
}

// PlanStage is one component family the bisect searches.
type PlanStage struct {
	Name       string // plugins, theme, mu-plugins, drop-ins
	Candidates int
}

// Verdict is the answer.
type Verdict struct {
	Kind       string // plugin, theme, mu-plugin, drop-in, server, core, unknown, healthy, unreachable
	Components []string
	Cause      string
	Confidence float64
	Evidence   []string // "source file:line text"
	Fix        string
	Basis      string
	// CanKeep: the culprit can be kept switched off (a component was found
	// and the site recovers without it).
	CanKeep  bool
	Restored bool     // everything was put back and verified
	Notes    []string // restore notes and anything else to say
}
