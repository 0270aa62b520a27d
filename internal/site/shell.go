package site

import (
	"context"
	"errors"
	"fmt"
)

// ErrNoShell is returned by a Shell that cannot run commands, such as an
// SFTP-only account. Checks that need a shell report themselves skipped.
var ErrNoShell = errors.New("no shell access")

// Shell runs a command on the server through /bin/sh -c.
//
// Run returns an error only when the command could not be run at all
// (no shell, connection lost, timeout); a command that ran and exited
// non-zero is reported through Result.ExitCode with a nil error.
type Shell interface {
	Run(ctx context.Context, cmd string) (Result, error)
}

// Result is what a command left behind.
type Result struct {
	Stdout   []byte
	Stderr   []byte
	ExitCode int
}

// OK reports whether the command exited zero.
func (r Result) OK() bool { return r.ExitCode == 0 }

// Output runs cmd and returns its stdout, or an error that carries its
// stderr when it exits non-zero.
func Output(ctx context.Context, sh Shell, cmd string) ([]byte, error) {
	r, err := sh.Run(ctx, cmd)
	if err != nil {
		return nil, err
	}
	if !r.OK() {
		return r.Stdout, &ExitError{Cmd: cmd, Result: r}
	}
	return r.Stdout, nil
}

// ExitError is a command that ran and failed.
type ExitError struct {
	Cmd    string
	Result Result
}

func (e *ExitError) Error() string {
	msg := string(e.Result.Stderr)
	if len(msg) > 200 {
		msg = msg[:200] + "…"
	}
	return fmt.Sprintf("%q exited %d: %s", e.Cmd, e.Result.ExitCode, msg)
}

// NoShell is the Shell of an account without one.
type NoShell struct{}

// Run always fails with ErrNoShell.
func (NoShell) Run(context.Context, string) (Result, error) { return Result{}, ErrNoShell }

// Quote quotes s for /bin/sh.
func Quote(s string) string {
	out := []byte{'\''}
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			out = append(out, `'\''`...)
			continue
		}
		out = append(out, s[i])
	}
	return string(append(out, '\''))
}
