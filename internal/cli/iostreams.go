package cli

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the streams a command reads and writes. Commands never touch
// os.Stdout or os.Stderr directly, so tests can capture everything.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// TTY reports whether Out is a terminal (progress lines, colours,
	// interactive prompts and the TUI only happen on one).
	TTY bool
	// StdinTTY reports whether In is a terminal (for password prompts).
	StdinTTY bool
}

// System returns the process's own streams.
func System() IOStreams {
	return IOStreams{
		In:       os.Stdin,
		Out:      os.Stdout,
		ErrOut:   os.Stderr,
		TTY:      term.IsTerminal(int(os.Stdout.Fd())),
		StdinTTY: term.IsTerminal(int(os.Stdin.Fd())),
	}
}
