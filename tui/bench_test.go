package tui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkKeyDuringBisect is the input latency while a bisect runs: one
// key through Update and the redraw (View) at 120×40, with a long probe
// timeline and activity log, and a probe event arriving between keys.
func BenchmarkKeyDuringBisect(b *testing.B) {
	m := New(newFake(), Options{Target: "shop:/var/www/shop", Now: fixedNow})
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m.Update(diagnosedMsg{d: fakeDiagnosis(true)})
	m.startBisect()
	for i := 0; i < 500; i++ {
		m.Update(eventMsg{Kind: EventLog, Log: &LogLine{Source: "PHP-FPM log", File: "/var/log/php-fpm.log", Line: i, Text: "child exited on signal 11 (SIGSEGV)"}})
	}
	off := []string{"plugin:a", "plugin:b", "plugin:c", "plugin:d", "plugin:e"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(eventMsg{Kind: EventProbe, Probe: &Probe{Step: i, Status: 502, Class: "gateway-error", Broken: i%2 == 0, Off: off, Left: 7, URL: "http://shop.test/"}})
		m.Update(press("?"))
		_ = m.View()
	}
}
