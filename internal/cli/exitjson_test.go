package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// oneJSON decodes stdout as exactly one JSON document.
func oneJSON(t *testing.T, out []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(out))
	if err := dec.Decode(v); err != nil {
		t.Fatalf("stdout is not a JSON document (%v): %q", err, out)
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		t.Fatalf("stdout holds more than one JSON document: %q", out)
	}
}

// Issue 14, defect 14: what the command line can be seen to get wrong is a
// usage error (exit 2) reported before connecting, and with --json it is
// one JSON document with the error and its code.
func TestUsageErrorsBeforeConnecting(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	notKey := write("notakey", "hello\n")
	pub := write("id.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl x@y\n")
	badKH := write("known_hosts", "127.0.0.1 ssh-ed25519 this-is-not-base64!!\n")
	unreadable := write("unreadable", "x")
	if err := os.Chmod(unreadable, 0); err != nil {
		t.Fatal(err)
	}
	remote := "ssh://u@127.0.0.1:1/srv/www" // reaching it would be exit 5
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing key", []string{"diagnose", remote, "-i", filepath.Join(dir, "nope")}, "-i"},
		{"not a key", []string{"diagnose", remote, "-i", notKey}, "not a private key"},
		{"public key", []string{"info", remote, "-i", pub}, "not a private key"},
		{"malformed known_hosts", []string{"diagnose", remote, "--known-hosts", badKH}, "--known-hosts"},
		{"known_hosts a directory", []string{"info", remote, "--known-hosts", dir}, "not a regular file"},
		{"missing ssh config", []string{"restore", remote, "--ssh-config", filepath.Join(dir, "nope")}, "--ssh-config"},
		{"bad resolve", []string{"diagnose", remote, "--resolve", "example.com:80"}, "--resolve"},
		{"resolve to a name", []string{"diagnose", remote, "--resolve", "example.com:80:localhost"}, "not an IP literal"},
		{"negative connect timeout", []string{"info", remote, "--connect-timeout", "-1s"}, "--connect-timeout"},
		{"negative command timeout", []string{"diagnose", remote, "--command-timeout", "-5s"}, "--command-timeout"},
		{"negative probe timeout", []string{"diagnose", remote, "--probe-timeout", "-1s"}, "--probe-timeout"},
		{"site url without scheme", []string{"diagnose", remote, "--site-url", "example.com"}, "--site-url"},
		{"unknown command", []string{"diagnoze", remote}, `unknown command "diagnoze"`},
		{"unknown flag", []string{"info", remote, "--bogus"}, "unknown flag"},
	}
	if os.Geteuid() != 0 {
		tests = append(tests, struct {
			name string
			args []string
			want string
		}{"unreadable key", []string{"diagnose", remote, "-i", unreadable}, "permission denied"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, asJSON := range []bool{false, true} {
				args := tt.args
				if asJSON && args[0] == "restore" { // restore prints no JSON
					continue
				}
				if asJSON {
					args = append(append([]string{}, args...), "--json")
				}
				iostr, out, errb := testIO()
				code := Run(context.Background(), args, iostr)
				if code != ExitUsage || !strings.Contains(errb.String(), tt.want) {
					t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", args, code, errb.String(), tt.want)
				}
				if !asJSON {
					continue
				}
				var doc struct {
					Error string `json:"error"`
					Code  int    `json:"code"`
				}
				oneJSON(t, out.Bytes(), &doc)
				if doc.Code != ExitUsage || doc.Error == "" {
					t.Errorf("%v: JSON %+v", args, doc)
				}
			}
		})
	}
}

// Issue 14, defect 14: with --json every exit prints one JSON document —
// an error exit too; without the database the URL is unknown and the exit
// is 5 ("could not reach the site: … database"), not 1.
func TestJSONOnEveryExit(t *testing.T) {
	t.Setenv("WPDOCTOR_STATE_DIR", t.TempDir())
	iostr, out, _ := testIO()
	if code := Run(context.Background(), []string{"info", "--json", t.TempDir()}, iostr); code != ExitNotWordPress {
		t.Errorf("info on an empty dir: exit %d", code)
	}
	var doc struct {
		Error string `json:"error"`
		Code  int    `json:"code"`
	}
	oneJSON(t, out.Bytes(), &doc)
	if doc.Code != ExitNotWordPress || !strings.Contains(doc.Error, "not a WordPress install") {
		t.Errorf("JSON %+v", doc)
	}

	root, config := fakeInstall(t)
	if err := os.WriteFile(config, []byte("<?php\ndefine('DB_NAME','x');\ndefine('DB_USER','u');\ndefine('DB_PASSWORD','pw');\ndefine('DB_HOST','127.0.0.1:1');\n$table_prefix = 'wp_';\nrequire_once ABSPATH . 'wp-settings.php';\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	iostr, out, errb := testIO()
	code := Run(context.Background(), []string{"diagnose", root, "--json", "-q", "--connect-timeout", "2s"}, iostr)
	doc.Error, doc.Code = "", 0
	oneJSON(t, out.Bytes(), &doc)
	if code != ExitAccess || doc.Code != ExitAccess || !strings.Contains(doc.Error, "database") {
		t.Errorf("diagnose without a database: exit %d, JSON %+v, stderr %q", code, doc, errb.String())
	}
}

// Issue 14, defect 14: an interrupt reads "interrupted", and a diagnosis
// report printed as JSON carries the error and the code, staying the only
// document on stdout; after --auto-bisect no "run with --auto-bisect".
func TestDiagnoseEndings(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	iostr, _, errb := testIO()
	code := Run(ctx, []string{"info", "ssh://u@127.0.0.1:1/srv", "-i", writeKey(t)}, iostr)
	if code != ExitInterrupted || !strings.Contains(errb.String(), "interrupted") || strings.Contains(errb.String(), "context canceled") {
		t.Errorf("interrupted info: exit %d, stderr %q", code, errb.String())
	}

	tests := []struct {
		name     string
		err      error
		restored bool
		kind     diag.Kind
		code     int
		errText  string
	}{
		{"verdict", nil, true, diag.KindUnknown, ExitBroken, ""},
		{"healthy", nil, true, diag.KindHealthy, ExitOK, ""},
		{"interrupted", context.Canceled, true, diag.KindUnknown, ExitInterrupted, "interrupted"},
		{"interrupted, undo incomplete", context.Canceled, false, diag.KindUnknown, ExitRestoreIncomplete, "interrupted"},
	}
	for _, tt := range tests {
		for _, asJSON := range []bool{true, false} {
			iostr, out, errb := testIO()
			rep := &diag.Report{Verdict: diag.Verdict{Kind: tt.kind, RecommendBisect: true}, Restored: tt.restored}
			opts := &DiagnoseOptions{IO: iostr, JSON: asJSON, AutoBisect: true}
			err := finishDiagnose(context.Background(), opts, rep, tt.err)
			code := ExitCode(err)
			reportError(iostr, asJSON, err, code)
			if code != tt.code {
				t.Errorf("%s: exit %d, want %d", tt.name, code, tt.code)
			}
			if strings.Contains(errb.String(), "context canceled") || tt.errText != "" && !strings.Contains(errb.String(), tt.errText) {
				t.Errorf("%s: stderr %q", tt.name, errb.String())
			}
			if !asJSON {
				if strings.Contains(out.String(), "--auto-bisect") {
					t.Errorf("%s: text after --auto-bisect says %q", tt.name, out.String())
				}
				continue
			}
			var got diag.Report
			oneJSON(t, out.Bytes(), &got)
			if got.Code != tt.code || !strings.Contains(got.Error, tt.errText) || got.Verdict.RecommendBisect {
				t.Errorf("%s: JSON code %d error %q recommend %v", tt.name, got.Code, got.Error, got.Verdict.RecommendBisect)
			}
		}
	}
}

// Issue 14, defect 7: without the database the run takes the URL from
// WP_SITEURL (or the server block), says so and goes on to a verdict.
func TestDiagnoseWithoutDatabaseFindsURL(t *testing.T) {
	t.Setenv("WPDOCTOR_STATE_DIR", t.TempDir())
	root, config := fakeInstall(t)
	if err := os.WriteFile(config, []byte("<?php\ndefine('DB_NAME','x');\ndefine('DB_USER','u');\ndefine('DB_PASSWORD','pw');\ndefine('DB_HOST','127.0.0.1:1');\ndefine('WP_SITEURL','http://127.0.0.1:1');\n$table_prefix = 'wp_';\n/* That's all, stop editing! */\nrequire_once ABSPATH . 'wp-settings.php';\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	iostr, out, errb := testIO()
	code := Run(context.Background(), []string{"diagnose", root, "--json", "-q", "--connect-timeout", "2s"}, iostr)
	var rep diag.Report
	oneJSON(t, out.Bytes(), &rep)
	if code != ExitBroken || rep.URL != "http://127.0.0.1:1" || !strings.Contains(strings.Join(rep.Notes, "\n"), "taken from WP_SITEURL") {
		t.Errorf("exit %d, url %q, notes %q, stderr %q", code, rep.URL, rep.Notes, errb.String())
	}
}

// TestTUIUsageErrorsBeforeConnecting: the TUI takes diagnose's connection
// and probe flags and refuses the same bad ones with exit 2 before it
// connects (or needs a terminal).
func TestTUIUsageErrorsBeforeConnecting(t *testing.T) {
	remote := "ssh://u@127.0.0.1:1/srv/www"
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"tui", remote, "--site-url", "example.com"}, "--site-url"},
		{[]string{"tui", remote, "--url", "not-a-url"}, "--url"},
		{[]string{"tui", remote, "-i", filepath.Join(t.TempDir(), "nope")}, "-i"},
		{[]string{"tui", remote, "--resolve", "example.com:80"}, "--resolve"},
		{[]string{"tui", remote, "--probe-timeout", "-1s"}, "--probe-timeout"},
	} {
		iostr, _, errb := testIO()
		if code := Run(context.Background(), tt.args, iostr); code != ExitUsage || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tt.args, code, errb.String(), tt.want)
		}
	}
}
