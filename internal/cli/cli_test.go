package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/journal"
	"github.com/wpdoctor/wpdoctor/internal/remote"
	"github.com/wpdoctor/wpdoctor/internal/wp"
)

func testIO() (IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errb}, &out, &errb
}

func TestDiagnoseFlags(t *testing.T) {
	k1, k2 := writeKey(t), writeKey(t)
	tests := []struct {
		args    []string
		wantErr string
		check   func(*DiagnoseOptions) error
	}{
		{args: []string{"ssh://u@h/p"}, check: func(o *DiagnoseOptions) error {
			if o.Strategy != "auto" || o.Repeat != 3 || o.AutoBisect || o.JSON {
				return fmt.Errorf("defaults %+v", o)
			}
			return nil
		}},
		{args: []string{"--auto-bisect", "--strategy", "db", "--json", "--url", "http://a/x", "--url", "http://a/y", "--resolve", "a:80:127.0.0.1", "-i", k1, "-i", k2, "t"}, check: func(o *DiagnoseOptions) error {
			if !o.AutoBisect || o.Strategy != "db" || !o.JSON || len(o.URLs) != 2 || len(o.Resolve) != 1 || len(o.Conn.Identity) != 2 || o.Target != "t" {
				return fmt.Errorf("parsed %+v", o)
			}
			return nil
		}},
		{args: []string{"--strategy", "magic", "t"}, wantErr: "--strategy"},
		{args: []string{"--repeat", "0", "t"}, wantErr: "--repeat"},
		// Issue 14, defect 2: URLs a probe cannot send are usage errors.
		{args: []string{"--site-url", "example.com", "t"}, wantErr: "--site-url \"example.com\": want an absolute http"},
		{args: []string{"--url", "not-a-url", "t"}, wantErr: "--url \"not-a-url\""},
		{args: []string{"--url", "ftp://a/x", "t"}, wantErr: "--url"},
		{args: []string{"--site-url", "http://", "t"}, wantErr: "--site-url"},
		{args: []string{"--site-url", "https://example.com:8443/blog", "t"}, check: func(o *DiagnoseOptions) error { return nil }},
		{args: []string{}, wantErr: "accepts 1 arg"},
		{args: []string{"--password", "x", "t"}, wantErr: "unknown flag"},
	}
	for _, tt := range tests {
		io, _, _ := testIO()
		var got *DiagnoseOptions
		cmd := newDiagnoseCmd(io, func(_ context.Context, o *DiagnoseOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: err %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", tt.args, err)
			continue
		}
		if err := tt.check(got); err != nil {
			t.Errorf("%v: %v", tt.args, err)
		}
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		err  error
		code int
	}{
		{nil, ExitOK},
		{errors.New("boom"), ExitError},
		{usageError{errors.New("x")}, ExitUsage},
		{fmt.Errorf("dial: %w", remote.ErrAuth), ExitAccess},
		{&remote.HostKeyChangedError{Host: "h"}, ExitAccess},
		{fmt.Errorf("open: %w", wp.ErrNotWordPress), ExitNotWordPress},
		{&journal.LockedError{}, ExitLocked},
		{&journal.PendingError{Path: "p"}, ExitRestoreIncomplete},
		{fmt.Errorf("x: %w", journal.ErrRestoreIncomplete), ExitRestoreIncomplete},
		{&ExitCodeError{Code: ExitCulprit}, ExitCulprit},
		{context.Canceled, ExitInterrupted},
	}
	for _, tt := range tests {
		if got := ExitCode(tt.err); got != tt.code {
			t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.code)
		}
	}
}

func TestRunUsageAndHelp(t *testing.T) {
	io, _, errb := testIO()
	if code := Run(context.Background(), []string{"diagnose"}, io); code != ExitUsage {
		t.Errorf("diagnose without target: exit %d, stderr %q", code, errb.String())
	}
	io, out, _ := testIO()
	if code := Run(context.Background(), []string{"--help"}, io); code != ExitOK || !strings.Contains(out.String(), "Exit codes:") {
		t.Errorf("help: exit %d, out %q", code, out.String())
	}
	io, out, _ = testIO()
	if code := Run(context.Background(), []string{"version"}, io); code != ExitOK || !strings.HasPrefix(out.String(), "wpdoctor ") {
		t.Errorf("version: %d %q", code, out.String())
	}
	io, _, errb = testIO()
	if code := Run(context.Background(), []string{"info", t.TempDir()}, io); code != ExitNotWordPress || !strings.Contains(errb.String(), "not a WordPress install") {
		t.Errorf("info on an empty dir: exit %d, stderr %q", code, errb.String())
	}
}
