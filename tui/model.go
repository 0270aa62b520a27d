package tui

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/list"
	"github.com/charmbracelet/bubbles/progress"
	"github.com/charmbracelet/bubbles/spinner"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
)

// page is a screen of the UI.
type page int

// The screens, in the order a diagnosis goes through them.
const (
	pagePicker page = iota
	pageConnect
	pageOverview
	pageDiagnose
	pagePlan
	pageBisect
	pageVerdict
	pageLeaving
)

var pageTitles = map[page]string{
	pagePicker: "Pick a site", pageConnect: "Connect", pageOverview: "Overview", pageDiagnose: "Diagnosis",
	pagePlan: "Plan", pageBisect: "Bisect", pageVerdict: "Verdict", pageLeaving: "Leaving",
}

// Options configure the UI.
type Options struct {
	Target string // connect and diagnose straight away
	// Sites lists the picker's sources (read in a command at start).
	Sites SiteSources
	// Now is the clock (tests pin it).
	Now func() time.Time
}

// Model is the root model: the current page and each page's state.
type Model struct {
	eng    Engine
	opts   Options
	page   page
	w, h   int
	st     styles
	keys   keyMap
	help   help.Model
	spin   spinner.Model
	busy   bool // an engine call runs (the spinner ticks only then)
	tick   bool // a spinner tick is in flight
	cancel context.CancelFunc
	opened bool // Open succeeded: leaving must Close

	// picker
	sites  list.Model
	typing bool
	input  textinput.Model
	target string

	// connect
	steps    []stepState
	question *Question
	pw       textinput.Model

	// overview and the action menus of every page
	ov   *Overview
	menu menu

	// diagnosis and bisect, live
	activity []string // rendered lines: probes, logs, changes, warnings
	findings []Finding
	diag     *Diagnosis
	plan     *Plan
	planSel  int // highlighted component in the plan
	bprobes  []Probe
	started  time.Time
	prog     progress.Model

	// verdict
	verdict     *Verdict
	vp          viewport.Model
	reportInput bool
	showJSON    bool // the verdict page shows the report as JSON
	report      textinput.Model
	kept        bool

	notice  string // one line under the page: what just happened
	err     error  // what failed (shown in a box); also the exit status
	leaving bool
	// interrupted: the user left while an engine call ran.
	interrupted bool
	closing     bool // Close runs
	excluding   bool // the plan's component list has the focus
	closeText   string
}

// New builds the UI on an engine.
func New(eng Engine, o Options) *Model {
	if o.Now == nil {
		o.Now = time.Now
	}
	m := &Model{eng: eng, opts: o, st: newStyles(), keys: newKeyMap(), help: help.New(), w: 80, h: 24}
	m.spin = spinner.New(spinner.WithSpinner(spinner.Line))
	m.input = textinput.New()
	m.input.Placeholder = "user@host:/path/to/wordpress"
	m.input.Prompt = "target: "
	m.pw = textinput.New()
	m.pw.EchoMode = textinput.EchoPassword
	m.pw.EchoCharacter = '•'
	m.report = textinput.New()
	m.report.Prompt = "save report to: "
	m.prog = progress.New(progress.WithWidth(40), progress.WithoutPercentage(), progress.WithSolidFill("#AF87FF"))
	m.sites = newSiteList(m.w, m.h)
	m.vp = viewport.New(m.w, 8)
	if o.Target != "" {
		m.target = o.Target
		m.page = pageConnect
	}
	return m
}

// Init starts listening to the engine and, with a target, connects.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{waitEvent(m.eng.Events())}
	if m.target != "" {
		cmds = append(cmds, m.startOpen())
	} else {
		cmds = append(cmds, loadSites(m.opts.Sites))
	}
	return tea.Batch(cmds...)
}

// Err is what failed, if anything: the CLI maps it to the exit code.
func (m *Model) Err() error { return m.err }

// Interrupted says whether the user left while an engine call ran.
func (m *Model) Interrupted() bool { return m.interrupted }

// Verdict is the final verdict, if one was reached.
func (m *Model) Verdict() *Verdict { return m.verdict }

// Closed says whether the engine was closed (restored) by the UI, and what
// the restore said.
func (m *Model) Closed() (bool, string) { return m.leaving && !m.closing, m.closeText }

// run starts an engine call: it gets a context the user can cancel by
// quitting, and the spinner ticks while it runs.
func (m *Model) run(f func(ctx context.Context) tea.Msg) tea.Cmd {
	ctx, cancel := context.WithCancel(context.Background())
	m.cancel, m.busy = cancel, true
	call := func() tea.Msg { defer cancel(); return f(ctx) }
	if m.tick {
		return call
	}
	m.tick = true
	return tea.Batch(call, m.spin.Tick)
}

// done marks the end of an engine call.
func (m *Model) done() { m.busy, m.cancel = false, nil }
