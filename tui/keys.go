package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap holds every key the UI knows; each page shows the ones it uses.
type keyMap struct {
	Up, Down, Enter, Back, Filter, Help, Quit key.Binding
	Type, Strategy, Exclude, PageUp, PageDown key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit (restores)")),
		Type:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "type a target")),
		Strategy: key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "change strategy")),
		Exclude:  key.NewBinding(key.WithKeys(" ", "x"), key.WithHelp("space", "exclude/include")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "scroll up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "f"), key.WithHelp("pgdn", "scroll down")),
	}
}

// pageKeys is the help.KeyMap of one page.
type pageKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (p pageKeys) ShortHelp() []key.Binding  { return p.short }
func (p pageKeys) FullHelp() [][]key.Binding { return p.full }

// helpFor returns the keys of the current page.
func (m *Model) helpFor() pageKeys {
	k := m.keys
	var short []key.Binding
	switch m.page {
	case pagePicker:
		if m.typing {
			return pageKeys{short: []key.Binding{k.Enter, k.Back}, full: [][]key.Binding{{k.Enter, k.Back}}}
		}
		short = []key.Binding{k.Up, k.Down, k.Enter, k.Filter, k.Type, k.Quit}
	case pagePlan:
		short = []key.Binding{k.Up, k.Down, k.Enter, k.Strategy, k.Exclude, k.Quit}
	case pageVerdict:
		if m.reportInput {
			return pageKeys{short: []key.Binding{k.Enter, k.Back}, full: [][]key.Binding{{k.Enter, k.Back}}}
		}
		short = []key.Binding{k.Up, k.Down, k.Enter, k.PageUp, k.PageDown, k.Quit}
	case pageLeaving:
		return pageKeys{}
	case pageConnect, pageDiagnose, pageBisect:
		short = []key.Binding{k.Quit}
	default:
		short = []key.Binding{k.Up, k.Down, k.Enter, k.Quit}
	}
	return pageKeys{short: append(short, k.Help), full: [][]key.Binding{short, {k.Back, k.Help, k.Quit}}}
}
