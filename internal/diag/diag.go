// Package diag holds the vocabulary of a diagnosis — findings, evidence,
// verdicts and the report — shared by the checks, the engine and the
// renderers. The JSON form of Report is a documented, stable contract
// (schema_version 1); fields are only ever added.
package diag

import (
	"time"
)

// Severity of a finding.
type Severity string

// Severities, from least to most serious.
const (
	Info     Severity = "info"
	Warning  Severity = "warning"
	Error    Severity = "error"
	Critical Severity = "critical"
)

// Rank orders severities.
func (s Severity) Rank() int {
	switch s {
	case Warning:
		return 1
	case Error:
		return 2
	case Critical:
		return 3
	}
	return 0
}

// Evidence is one fact behind a finding or verdict: a log line, an HTTP
// answer, a configuration value, with where it came from.
type Evidence struct {
	Source string     `json:"source"`          // "nginx error log", "PHP-FPM log", "debug.log", "http", "php-fpm pool config", ...
	Path   string     `json:"path,omitempty"`  // the log or config file
	File   string     `json:"file,omitempty"`  // the PHP file a log line names
	Line   int        `json:"line,omitempty"`  // its line
	Text   string     `json:"text"`            // the line or fact itself
	Time   *time.Time `json:"time,omitempty"`  // when it was logged
	Count  int        `json:"count,omitempty"` // how many times it was seen
}

// Finding is what one check found.
type Finding struct {
	Check     string     `json:"check"` // check ID
	Title     string     `json:"title"`
	Severity  Severity   `json:"severity"`
	Summary   string     `json:"summary"`
	Component string     `json:"component,omitempty"` // plugin:<slug>, server:<cause>, ...
	Evidence  []Evidence `json:"evidence,omitempty"`
	Fix       string     `json:"fix,omitempty"`
	// Skipped: the check could not run (no shell, no database...); Summary
	// says why. A skipped check is not a finding about the site.
	Skipped bool `json:"skipped,omitempty"`
	// Cause marks a finding that explains the failure (not just a risk).
	Cause bool `json:"cause,omitempty"`
}

// Kind of verdict.
type Kind string

// Verdict kinds.
const (
	KindHealthy  Kind = "healthy"
	KindPlugin   Kind = "plugin"
	KindTheme    Kind = "theme"
	KindMU       Kind = "mu-plugin"
	KindDropIn   Kind = "drop-in"
	KindServer   Kind = "server"
	KindCore     Kind = "core"
	KindUnknown  Kind = "unknown"
	KindNotFound Kind = "unreachable" // the site could not be probed at all (DNS, TLS, refused)
)

// Component kinds are the prefixes of component IDs.
func (k Kind) IsComponent() bool {
	return k == KindPlugin || k == KindTheme || k == KindMU || k == KindDropIn
}

// Verdict is the answer to "why is my site down?".
type Verdict struct {
	Kind       Kind       `json:"kind"`
	Components []string   `json:"components"` // plugin:<slug>, theme:<slug>, mu-plugin:<file>, drop-in:<file>, server:<cause>
	Cause      string     `json:"cause"`      // one sentence
	Confidence float64    `json:"confidence"` // 0..1
	Evidence   []Evidence `json:"evidence"`
	Fix        string     `json:"fix"`
	// Basis says what the verdict rests on: "logs", "bisect", "checks", "probes".
	Basis string `json:"basis"`
	// RecommendBisect: the evidence is not enough; bisecting would tell.
	RecommendBisect bool `json:"recommend_bisect,omitempty"`
}

// Status of the site as probed.
type Status string

// Statuses.
const (
	StatusHealthy      Status = "healthy"
	StatusBroken       Status = "broken"       // every probe failed
	StatusIntermittent Status = "intermittent" // some probes failed
	StatusMaintenance  Status = "maintenance"
	StatusUnreachable  Status = "unreachable"
)
