package cli

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"

	"context"
	"golang.org/x/crypto/ssh"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeInstall makes a directory that looks like a WordPress root, with a
// wp-config.php whose content the tests check is never touched.
func fakeInstall(t *testing.T) (root, config string) {
	t.Helper()
	root = t.TempDir()
	config = filepath.Join(root, "wp-config.php")
	for name, body := range map[string]string{
		"wp-config.php":   "<?php\ndefine('DB_NAME', 'x');\n",
		"wp-settings.php": "<?php\n",
	} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(root, "wp-content"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root, config
}

// Issue 14, defect 1: --report is checked before anything is connected to,
// and a bad one never creates, truncates or replaces a file.
func TestDiagnoseReportValidatedBeforeConnecting(t *testing.T) {
	t.Setenv("WPDOCTOR_STATE_DIR", t.TempDir())
	root, config := fakeInstall(t)
	out := t.TempDir()
	ro := filepath.Join(out, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	// A remote target nobody listens on: reaching it would be exit 5.
	remote := "ssh://u@127.0.0.1:1/srv/www"
	tests := []struct {
		name, target, report, want string
	}{
		{"unknown extension", remote, filepath.Join(out, "r.txt"), "use a .md or .html"},
		{"wp-config.php", root, config, "use a .md or .html"},
		{"inside the local site", root, filepath.Join(root, "wp-content", "r.md"), "inside the site"},
		{"the local site itself", root, filepath.Join(root, "r.html"), "inside the site"},
		{"missing directory", remote, filepath.Join(out, "nope", "r.md"), "no such file"},
		{"a directory", remote, out + "/.md", "is a directory"},
	}
	if os.Geteuid() != 0 {
		tests = append(tests, struct{ name, target, report, want string }{"read-only directory", remote, filepath.Join(ro, "r.md"), "not writable"})
	}
	if err := os.Mkdir(out+"/.md", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			io, _, errb := testIO()
			code := Run(context.Background(), []string{"diagnose", tt.target, "--report", tt.report, "--site-url", "http://127.0.0.1:1", "--connect-timeout", "2s"}, io)
			if code != ExitUsage || !strings.Contains(errb.String(), tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errb.String(), ExitUsage, tt.want)
			}
			if b, err := os.ReadFile(config); err != nil || !strings.Contains(string(b), "DB_NAME") {
				t.Errorf("wp-config.php changed: %q %v", b, err)
			}
			if _, err := os.Stat(tt.report); err == nil && !strings.HasSuffix(tt.report, ".php") && !strings.HasSuffix(tt.report, "/.md") {
				t.Errorf("%s was created", tt.report)
			}
		})
	}
}

// writeKey writes a fresh ed25519 private key in OpenSSH format and
// returns its path.
func writeKey(t *testing.T) string {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	blk, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.CreateTemp(t.TempDir(), "id_*")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := pem.Encode(f, blk); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}
