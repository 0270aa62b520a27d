package lab

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// runner runs the commands of a lab operation and logs what it does.
type runner struct {
	log io.Writer
}

// run runs a command and returns its stdout; the error carries stderr.
func (r runner) run(ctx context.Context, stdin []byte, name string, args ...string) ([]byte, error) {
	return r.runEnv(ctx, nil, stdin, name, args...)
}

// runEnv is run with variables added to the environment (never to the
// command line, where ps and error messages would show them).
func (r runner) runEnv(ctx context.Context, env []string, stdin []byte, name string, args ...string) ([]byte, error) {
	var out, errb bytes.Buffer
	c := exec.CommandContext(ctx, name, args...)
	if env != nil {
		c.Env = append(os.Environ(), env...)
	}
	if stdin != nil {
		c.Stdin = bytes.NewReader(stdin)
	}
	c.Stdout, c.Stderr = &out, &errb
	if err := c.Run(); err != nil {
		return out.Bytes(), fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, strings.TrimSpace(errb.String()+" "+out.String()))
	}
	return out.Bytes(), nil
}

func (r runner) logf(format string, a ...any) {
	if r.log != nil {
		fmt.Fprintf(r.log, format+"\n", a...)
	}
}

// writeFile writes data with perm and makes sure perm is what the file has.
func writeFile(name string, data []byte, perm os.FileMode) error {
	if err := os.WriteFile(name, data, perm); err != nil {
		return err
	}
	return os.Chmod(name, perm)
}

// writeIfChanged writes data only when the file's content differs and
// reports whether it wrote.
func writeIfChanged(name string, data []byte, perm os.FileMode) (bool, error) {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return false, os.Chmod(name, perm)
	}
	return true, writeFile(name, data, perm)
}

// chown sets owner and group by name, recursively when rec.
func (r runner) chown(ctx context.Context, owner string, rec bool, paths ...string) error {
	args := []string{owner}
	if rec {
		args = []string{"-R", owner}
	}
	_, err := r.run(ctx, nil, "chown", append(args, paths...)...)
	return err
}
