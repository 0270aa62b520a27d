package lab

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// readPid returns the pid in pidfile if that process is alive.
func readPid(pidfile string) (int, bool) {
	b, err := os.ReadFile(pidfile)
	if err != nil {
		return 0, false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0, false
	}
	if err := syscall.Kill(pid, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return pid, false
	}
	return pid, true
}

// startDaemon runs a command that puts itself in the background (nginx,
// php-fpm, sshd), or, with detach, starts a foreground daemon (mariadbd) in
// its own session. Output goes to logfile, never to a pipe: a daemon that
// inherits a pipe would keep the caller waiting.
func startDaemon(ctx context.Context, logfile string, detach bool, name string, args ...string) error {
	f, err := os.OpenFile(logfile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	c := exec.CommandContext(context.WithoutCancel(ctx), name, args...) // a daemon outlives the call
	c.Stdout, c.Stderr = f, f
	c.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if detach {
		if err := c.Start(); err != nil {
			return fmt.Errorf("start %s: %w", name, err)
		}
		return c.Process.Release()
	}
	if err := c.Run(); err != nil {
		return fmt.Errorf("start %s: %w (see %s)", name, err, logfile)
	}
	return nil
}

// stopPidFile sends sig to the process in pidfile and waits until it is gone.
func stopPidFile(pidfile string, sig syscall.Signal, timeout time.Duration) error {
	pid, alive := readPid(pidfile)
	if !alive {
		return nil
	}
	if err := syscall.Kill(pid, sig); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("signal %d: %w", pid, err)
	}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if syscall.Kill(pid, 0) != nil {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	_ = syscall.Kill(pid, syscall.SIGKILL)
	return fmt.Errorf("pid %d did not stop within %s (killed)", pid, timeout)
}

// waitDial waits until network/address accepts connections.
func waitDial(ctx context.Context, network, address string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	for {
		c, err := d.DialContext(ctx, network, address)
		if err == nil {
			return c.Close()
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s %s not accepting connections: %w", network, address, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}
