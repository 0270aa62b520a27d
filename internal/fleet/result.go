package fleet

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// Document is the fleet's JSON output (`wpdoctor fleet --json`), a stable
// contract: the documents of several shards merge into one (Merge).
type Document struct {
	Summary Summary `json:"summary"`
	Sites   []Entry `json:"sites"`
}

// Entry is one site of a Document.
type Entry struct {
	Name     string       `json:"name"`
	Target   string       `json:"target"`
	Exit     int          `json:"exit"`    // the site's single-site exit code
	Verdict  string       `json:"verdict"` // Label(exit)
	Error    string       `json:"error"`   // "" when the site has a verdict and nothing went wrong
	State    string       `json:"state"`   // finished, interrupted, not-started, skipped
	Bisected bool         `json:"bisected,omitempty"`
	Tags     []string     `json:"tags,omitempty"`
	Started  time.Time    `json:"started"`
	Seconds  float64      `json:"seconds"`
	Report   *diag.Report `json:"report"` // the site's diagnose report; null without one
}

// Summary aggregates the entries.
type Summary struct {
	Sites int `json:"sites"`
	// Exit is the fleet's exit code: 0 when every site is healthy, else
	// the most serious site's code (see MostSerious).
	Exit       int            `json:"exit"`
	Counts     map[string]int `json:"counts"` // by verdict label
	Finished   int            `json:"finished"`
	NotStarted int            `json:"not_started"`
	Shards     []string       `json:"shards,omitempty"` // "K/N" of each shard merged ("" for all)
	Started    time.Time      `json:"started"`
	Ended      time.Time      `json:"ended"`
	Seconds    float64        `json:"seconds"` // wall time, first start to last end
}

// NewEntry turns a result into an entry.
func NewEntry(r SiteResult) Entry {
	e := Entry{Name: r.Site.Name, Target: r.Site.Display(), Exit: r.Exit, Verdict: Label(r.Exit), State: r.State,
		Bisected: r.Bisected, Tags: r.Site.Tags, Started: r.Started, Seconds: r.Duration.Seconds(), Report: r.Report}
	if r.Err != nil {
		e.Error = r.Err.Error()
	}
	return e
}

// NewDocument builds the document of one run.
func NewDocument(results []SiteResult, shard Shard, started, ended time.Time) Document {
	d := Document{Sites: make([]Entry, 0, len(results))}
	for _, r := range results {
		d.Sites = append(d.Sites, NewEntry(r))
	}
	d.Summary = Summarize(d.Sites)
	if shard.N > 0 {
		d.Summary.Shards = []string{shard.String()}
	}
	d.Summary.Started, d.Summary.Ended = started.UTC(), ended.UTC()
	d.Summary.Seconds = ended.Sub(started).Seconds()
	return d
}

// Summarize counts the entries and works out the exit code.
func Summarize(entries []Entry) Summary {
	s := Summary{Sites: len(entries), Counts: map[string]int{}}
	codes := make([]int, 0, len(entries))
	for _, e := range entries {
		s.Counts[e.Verdict]++
		codes = append(codes, e.Exit)
		switch e.State {
		case "finished":
			s.Finished++
		case "not-started":
			s.NotStarted++
		}
	}
	s.Exit = MostSerious(codes...)
	return s
}

// Merge concatenates the documents of several shards into one. A site in
// two documents is an error (shards are disjoint).
func Merge(docs []Document, names []string) (Document, error) {
	var out Document
	seen := map[string]string{}
	for i, d := range docs {
		for _, e := range d.Sites {
			if prev, ok := seen[e.Name]; ok {
				return Document{}, fmt.Errorf("merge: site %s is in both %s and %s", e.Name, prev, names[i])
			}
			seen[e.Name] = names[i]
			out.Sites = append(out.Sites, e)
		}
	}
	sort.SliceStable(out.Sites, func(a, b int) bool { return out.Sites[a].Name < out.Sites[b].Name })
	out.Summary = Summarize(out.Sites)
	for _, d := range docs {
		out.Summary.Shards = append(out.Summary.Shards, d.Summary.Shards...)
		if out.Summary.Started.IsZero() || d.Summary.Started.Before(out.Summary.Started) {
			out.Summary.Started = d.Summary.Started
		}
		if d.Summary.Ended.After(out.Summary.Ended) {
			out.Summary.Ended = d.Summary.Ended
		}
	}
	if !out.Summary.Started.IsZero() {
		out.Summary.Seconds = out.Summary.Ended.Sub(out.Summary.Started).Seconds()
	}
	return out, nil
}

// ReadDocument decodes one document.
func ReadDocument(r io.Reader) (Document, error) {
	var d Document
	dec := json.NewDecoder(r)
	if err := dec.Decode(&d); err != nil {
		return Document{}, err
	}
	if d.Sites == nil {
		return Document{}, fmt.Errorf("not a wpdoctor fleet document (no \"sites\")")
	}
	return d, nil
}
