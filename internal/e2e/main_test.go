package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/lab"
)

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "wpdoctor-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "wpdoctor")
	out, err := exec.Command("go", "build", "-race", "-o", binary, "github.com/wpdoctor/wpdoctor/cmd/wpdoctor").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build wpdoctor: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one run of the binary.
type result struct {
	code   int
	killed bool
	stdout []byte
	stderr []byte
	report *diag.Report
	took   time.Duration
}

// wpdoctor runs the binary with its own state directory.
func wpdoctor(t *testing.T, state string, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(append(os.Environ(), "WPDOCTOR_STATE_DIR="+state), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: out.Bytes(), stderr: errb.Bytes(), took: time.Since(start)}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
		r.killed = ee.ExitCode() == -1
	default:
		t.Fatalf("run wpdoctor: %v", err)
	}
	if bytes.HasPrefix(bytes.TrimSpace(r.stdout), []byte("{")) {
		var rep diag.Report
		if err := json.Unmarshal(r.stdout, &rep); err != nil {
			t.Fatalf("report JSON: %v\n%s", err, r.stdout)
		}
		r.report = &rep
	}
	return r
}

// target is the ssh:// target of a lab site, with its key and known_hosts.
func target(f *lab.Facts, s *lab.SiteFact) []string {
	return []string{"ssh://" + s.User + "@127.0.0.1:" + strconv.Itoa(f.SSHPort) + s.Root, "-i", f.Key, "--known-hosts", f.KnownHosts}
}
