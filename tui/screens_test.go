package tui

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
)

// screens puts a model on each page, through the messages that lead there.
var screens = []struct {
	name  string
	setup func(m *Model)
}{
	{"picker", func(m *Model) {
		m.target, m.page = "", pagePicker
		m.Update(sitesMsg{{Target: "shop:/var/www/shop", From: "recent"}, {Target: "ssh://deploy@blog.example:2222/srv/blog", From: "wp-cli alias @blog"}, {Target: "prod:", From: "ssh config", NeedsPath: true}})
	}},
	{"connect", func(m *Model) {
		m.busy = true
		m.Update(eventMsg{Kind: EventStep, Stage: "connect", Text: "SSH and SFTP to shop", Done: true})
		m.Update(eventMsg{Kind: EventStep, Stage: "connect", Text: "wp-config.php and the database", Done: true})
		m.Update(eventMsg{Kind: EventStep, Stage: "connect", Text: "inventory"})
	}},
	{"hostkey", func(m *Model) {
		m.Update(eventMsg{Kind: EventStep, Stage: "connect", Text: "SSH and SFTP to shop"})
		m.Update(eventMsg{Kind: EventAsk, Ask: &Question{Kind: AskHostKey, Host: "[127.0.0.1]:2222", Fingerprint: "SHA256:cBsYRNv4LHRrGmgGn6Rurbawd2LYMwV6WHmVgWDodGM (ssh-ed25519)", Reply: make(chan Answer, 1)}})
	}},
	{"connect-error", func(m *Model) {
		m.Update(eventMsg{Kind: EventStep, Stage: "connect", Text: "SSH and SFTP to shop", Err: "authentication failed"})
		m.Update(openedMsg{err: errString("ssh wpl1@127.0.0.1:2222: authentication failed (tried the agent and ~/.ssh/id_ed25519): pass -i KEY or --password-env NAME")})
	}},
	{"overview-pending", func(m *Model) {
		f := newFake()
		f.pending = "An earlier run left changes on this site that were not undone (journal /root/.local/state/wpdoctor/journals/shop.journal). Restore them first?"
		m.Update(openedMsg{ov: mustOpen(f)})
	}},
	{"diagnosis", func(m *Model) {
		m.opts.Target = ""
		m.Update(openedMsg{ov: mustOpen(newFake())})
		m.startDiagnose()
		m.busy = false
		f := &fakeEngine{ch: make(chan Event, 100)}
		f.Diagnose(t0Ctx())
		close(f.ch)
		for ev := range f.ch {
			m.Update(eventMsg(ev))
		}
	}},
	{"plan", func(m *Model) { m.Update(diagnosedMsg{d: fakeDiagnosis(true)}) }},
	{"plan-exclude", func(m *Model) {
		m.Update(diagnosedMsg{d: fakeDiagnosis(true)})
		m.Update(press("s"))
		m.Update(press("j"))
		m.Update(press("j"))
		m.Update(press("enter"))
		m.Update(press("j"))
		m.Update(press("space"))
	}},
	{"bisect", func(m *Model) {
		m.Update(diagnosedMsg{d: fakeDiagnosis(true)})
		m.startBisect()
		m.started = t0
		f := &fakeEngine{ch: make(chan Event, 100)}
		f.Bisect(t0Ctx(), Plan{})
		close(f.ch)
		for ev := range f.ch {
			m.Update(eventMsg(ev))
		}
	}},
	{"verdict", func(m *Model) {
		m.Update(diagnosedMsg{d: fakeDiagnosis(true)})
		m.page = pageBisect
		m.Update(bisectedMsg{v: fakeVerdict()})
	}},
	{"report-path", func(m *Model) {
		m.Update(diagnosedMsg{d: fakeDiagnosis(false)})
		m.Update(press("j"))
		m.Update(press("enter"))
	}},
	{"leaving", func(m *Model) {
		m.Update(diagnosedMsg{d: fakeDiagnosis(false)})
		m.Update(press("q"))
		m.Update(press("q"))
	}},
}

func mustOpen(f *fakeEngine) *Overview {
	f.ch = make(chan Event, 100)
	ov, _ := f.Open(t0Ctx(), "shop:/var/www/shop")
	return ov
}

// TestScreens: every screen at 80×24 and 120×40 (testdata/TestScreens/*.golden; -update rewrites).
func TestScreens(t *testing.T) {
	for _, sc := range screens {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s-%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				m := New(newFake(), Options{Target: "shop:/var/www/shop", Now: fixedNow})
				m.opened = true
				m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				sc.setup(m)
				m.busy = false
				golden.RequireEqual(t, []byte(m.View()))
			})
		}
	}
}
