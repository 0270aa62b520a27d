package cli

import (
	"context"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Issue 14, defect 9: SIGHUP (a closed terminal, a dropped SSH session)
// stops a run like SIGINT and SIGTERM — the context is cancelled so the
// changes are undone — and the exit code is 129; SIGPIPE does not kill.
// Before, SIGHUP's default action killed the process on the spot.
func TestSignalsStopTheRun(t *testing.T) {
	key := writeKey(t)
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGHUP, ExitHangup}, {syscall.SIGTERM, ExitInterrupted}, {syscall.SIGINT, ExitInterrupted}} {
		ctx, stop := signalContext(context.Background())
		if err := syscall.Kill(os.Getpid(), tt.sig); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ctx.Done():
		case <-time.After(5 * time.Second):
			t.Fatalf("%v did not cancel the run", tt.sig)
		}
		iostr, out, errb := testIO()
		code := Run(ctx, []string{"info", "ssh://u@127.0.0.1:1/srv", "-i", key, "--json"}, iostr)
		if code != tt.code || !strings.Contains(errb.String(), "interrupted") || !strings.Contains(out.String(), `"code": `+strconv.Itoa(tt.code)) {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want %d", tt.sig, code, errb.String(), out.String(), tt.code)
		}
		stop()
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGPIPE); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // still alive
}
