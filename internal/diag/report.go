package diag

import "time"

// SchemaVersion of Report's JSON.
const SchemaVersion = 1

// Report is everything a diagnosis found.
type Report struct {
	SchemaVersion int           `json:"schema_version"`
	Tool          string        `json:"tool"` // "wpdoctor <version>"
	Target        string        `json:"target"`
	URL           string        `json:"url"`
	Started       time.Time     `json:"started"`
	Duration      time.Duration `json:"duration_ns"`
	Status        Status        `json:"status"`
	Probes        []ProbeResult `json:"probe_results"`
	// ProbeCount is the number of HTTP requests wpdoctor made to the site
	// while bisecting (JSON "probes"); DiagnosisProbes those of the
	// diagnosis before it.
	ProbeCount      int         `json:"probes"`
	DiagnosisProbes int         `json:"diagnosis_probes"`
	Findings        []Finding   `json:"findings"`
	Verdict         Verdict     `json:"verdict"`
	Logs            []LogSource `json:"logs"`
	Bisect          *Bisect     `json:"bisect,omitempty"`
	Restored        bool        `json:"restored"`
	RestoreNotes    []string    `json:"restore_notes,omitempty"`
	Journal         string      `json:"journal,omitempty"` // kept journal, when restore was incomplete or a change was kept
	Kept            []string    `json:"kept_changes,omitempty"`
	Notes           []string    `json:"notes,omitempty"`
	// Network is the multisite network the site belongs to: which site was
	// diagnosed and how the network's other sites answered (nil on a
	// single site).
	Network *NetworkReport `json:"network,omitempty"`
	// Error and Code are how the command ended: the error ("" when the
	// verdict decided the exit) and the process's exit code.
	Error string `json:"error,omitempty"`
	Code  int    `json:"code"`
}

// NetworkReport is a multisite network as a diagnosis saw it.
type NetworkReport struct {
	Type           string        `json:"type"` // subdirectory or subdomain
	Site           int64         `json:"site"` // the blog ID diagnosed
	NetworkPlugins []string      `json:"network_plugins"`
	Sites          []NetworkSite `json:"sites"` // the diagnosed site first
	// NotProbed counts the live sites beyond the ones loaded.
	NotProbed int `json:"not_probed,omitempty"`
	// Culprit says where the culprit the bisect found is active: "network"
	// (network-activated), "site N", or both.
	Culprit string `json:"culprit_active,omitempty"`
}

// NetworkSite is one site of the network and how its front page answered
// (Status 0 for the diagnosed site: its probes are in the report's).
type NetworkSite struct {
	ID        int64  `json:"id"`
	URL       string `json:"url"`
	Main      bool   `json:"main,omitempty"`
	Diagnosed bool   `json:"diagnosed,omitempty"`
	Status    int    `json:"status,omitempty"`
	Failing   bool   `json:"failing"`
}

// ProbeResult summarises the answers of one URL.
type ProbeResult struct {
	URL         string         `json:"url"`
	Requests    int            `json:"requests"`
	Failures    int            `json:"failures"`
	FailureRate float64        `json:"failure_rate"`
	Pattern     string         `json:"pattern"` // none, intermittent, steady
	Classes     map[string]int `json:"classes"`
	Statuses    map[int]int    `json:"statuses"`
	Example     string         `json:"example"` // the reason of a failing (or the last) answer
	Server      string         `json:"server,omitempty"`
	CDN         string         `json:"cdn,omitempty"`
	HeaderBytes int            `json:"header_bytes,omitempty"` // largest response header block seen
	TTFBMillis  int64          `json:"ttfb_ms,omitempty"`
	// Origin is the address these probes were sent to directly, past a
	// CDN that answered with its own error page ("" for probes of the
	// site's URL as visitors reach it).
	Origin string `json:"origin,omitempty"`
}

// LogSource is a log wpdoctor looked for.
type LogSource struct {
	Name      string `json:"name"` // "nginx error log", ...
	Path      string `json:"path"`
	Read      bool   `json:"read"`
	Reason    string `json:"reason,omitempty"` // why it could not be read, or how it was found
	BytesRead int64  `json:"bytes_read"`
	Events    int    `json:"events"`
}

// Bisect is what the search did.
type Bisect struct {
	Stages   []BisectStage `json:"stages"`
	Strategy string        `json:"strategy"` // rename, db
}

// BisectStage is one component family searched.
type BisectStage struct {
	Name       string `json:"name"` // plugins, theme, mu-plugins, drop-ins
	Candidates int    `json:"candidates"`
	Probes     int    `json:"probes"`
	// OthersProbes are the probes spent checking, after a culprit was
	// found, that nothing else breaks the site (everything on but it).
	OthersProbes int `json:"others_probes"`
	// LookalikeProbes are the probes spent checking that components found
	// to break the site only together are not one that fails now and then.
	LookalikeProbes int `json:"lookalike_probes"`
	// Intermittent: the search concluded under the intermittent model.
	Intermittent bool     `json:"intermittent,omitempty"`
	Outcome      string   `json:"outcome"` // found, broken-with-none, healthy-with-all, inconclusive, skipped
	Culprits     []string `json:"culprits,omitempty"`
	// Suspects are the components the evidence named, tested first.
	Suspects []string `json:"suspects,omitempty"`
	// Millis is the stage's wall time; SiteMillis the part of it spent
	// waiting on the site's answers to the probes (the rest is wpdoctor's
	// own work: switching components, the opcache wait, reading logs).
	Millis     int64   `json:"ms"`
	SiteMillis int64   `json:"site_ms"`
	Confidence float64 `json:"confidence"`
	Reason     string  `json:"reason,omitempty"`
}
