package remote

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// maxOutput bounds what a command may print into memory.
const maxOutput = 32 << 20

// Shell runs commands on the server over the Client's connection.
type Shell struct {
	c       *Client
	Timeout time.Duration // per command (default 30s)
}

var _ site.Shell = (*Shell)(nil)

// NewShell returns the server's shell, or site.NoShell with the reason when
// the account cannot run commands (SFTP-only accounts).
func NewShell(ctx context.Context, c *Client, timeout time.Duration) (site.Shell, string) {
	sh := &Shell{c: c, Timeout: timeout}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	const marker = "wpdoctor-shell-ok"
	r, err := sh.Run(pctx, "echo "+marker)
	switch {
	case err != nil:
		return site.NoShell{}, fmt.Sprintf("could not run a command: %v", err)
	case strings.TrimSpace(string(r.Stdout)) != marker:
		msg := strings.TrimSpace(string(r.Stdout) + " " + string(r.Stderr))
		if msg == "" || !isText(msg) {
			msg = "the server answered with no output (an SFTP-only account, e.g. ForceCommand internal-sftp)"
		}
		return site.NoShell{}, "the account has no shell: " + msg
	}
	return sh, ""
}

func isText(s string) bool {
	for _, c := range s {
		if c < 0x20 && c != '\n' && c != '\t' {
			return false
		}
	}
	return true
}

// Run runs cmd with a timeout; a dropped connection is re-established and
// the command run once more (wpdoctor only runs read-only commands).
func (s *Shell) Run(ctx context.Context, cmd string) (site.Result, error) {
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var res site.Result
	err := s.c.retry(ctx, func(cl *ssh.Client) error {
		var err error
		res, err = runSession(ctx, cl, cmd)
		return err
	})
	if err != nil {
		return res, fmt.Errorf("run %q: %w", cmd, err)
	}
	return res, nil
}

func runSession(ctx context.Context, cl *ssh.Client, cmd string) (site.Result, error) {
	sess, err := cl.NewSession()
	if err != nil {
		return site.Result{}, err
	}
	defer sess.Close()
	stdout, stderr := &capBuffer{max: maxOutput}, &capBuffer{max: maxOutput}
	sess.Stdout, sess.Stderr = stdout, stderr
	sess.Stdin = strings.NewReader("")
	if err := sess.Start(cmd); err != nil {
		return site.Result{}, err
	}
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()
	select {
	case err = <-done:
	case <-ctx.Done():
		_ = sess.Signal(ssh.SIGKILL)
		sess.Close()
		return site.Result{}, ctx.Err()
	}
	res := site.Result{Stdout: stdout.Bytes(), Stderr: stderr.Bytes()}
	var ee *ssh.ExitError
	var missing *ssh.ExitMissingError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		res.ExitCode = ee.ExitStatus()
	case errors.As(err, &missing):
		// No exit status: the command was killed by a signal, or the
		// connection dropped. The caller's lost() check tells which.
		res.ExitCode = -1
		return res, err
	default:
		return res, err
	}
	return res, nil
}

// capBuffer keeps at most max bytes.
type capBuffer struct {
	bytes.Buffer
	max int
}

func (b *capBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room < len(p) {
		if room > 0 {
			b.Buffer.Write(p[:room])
		}
		return len(p), nil
	}
	return b.Buffer.Write(p)
}
