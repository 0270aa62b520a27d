package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/aliases"
)

// withAliases points the alias lookup at a wp-cli.yml in a fresh directory.
func withAliases(t *testing.T, yml string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "wp-cli.yml"), []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	old := aliasEnv
	aliasEnv = func() aliases.Env {
		return aliases.Env{Cwd: dir, Home: filepath.Join(dir, "home"), Getenv: func(string) string { return "" }}
	}
	t.Cleanup(func() { aliasEnv = old })
	return dir
}

// TestAliasTarget: single-site commands take an @alias; an unknown one is a
// usage error naming it.
func TestAliasTarget(t *testing.T) {
	withAliases(t, "@empty:\n  path: "+t.TempDir()+"\n@g:\n  - @empty\n@bad:\n  ssh: docker:wp\n")
	tests := []struct {
		alias  string
		code   int
		stderr string
	}{
		{"@empty", ExitNotWordPress, "not a WordPress install"},
		{"@nope", ExitUsage, "unknown alias: @nope (defined: @bad, @empty, @g)"},
		{"@g", ExitUsage, "@g is a group"},
		{"@bad", ExitUsage, "ssh only"},
	}
	for _, tt := range tests {
		io, _, errb := testIO()
		if code := Run(context.Background(), []string{"info", tt.alias}, io); code != tt.code || !strings.Contains(errb.String(), tt.stderr) {
			t.Errorf("info %s: exit %d, stderr %q; want %d, %q", tt.alias, code, errb.String(), tt.code, tt.stderr)
		}
	}
}
