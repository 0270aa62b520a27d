package serverfacts

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/phpconf"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

func loadPools(t *testing.T, conf string) []*phpconf.Pool {
	t.Helper()
	p := filepath.Join(t.TempDir(), "php-fpm.conf")
	writeFile(t, p, conf)
	c, err := phpconf.LoadFPM(context.Background(), site.LocalFS{}, p, phpconf.FPMOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return c.Pools
}

// Issue 14, defect 6: the env[...] settings of the pools decide what
// getenv() returns in wp-config.php.
func TestPoolEnvOf(t *testing.T) {
	tests := []struct {
		name, conf string
		ok         bool
		want       string // the variable's value
		inherit    bool
		say        string // in the source or the note
	}{
		{"one pool sets it", "[a]\nlisten = /a.sock\nenv[DB_PASS] = s3cret\n[b]\nlisten = /b.sock\n", true, "s3cret", false, "pool a sets env[DB_PASS]"},
		{"two agree", "[a]\nenv[DB_PASS] = x\n[b]\nenv[DB_PASS] = x\n", true, "x", false, "as 1 other pools do"},
		{"two disagree", "[a]\nenv[DB_PASS] = x\n[b]\nenv[DB_PASS] = y\n", false, "", false, "pass different values"},
		{"from the master", "[a]\nenv[DB_PASS] = $DB_PASS\n", false, "", false, "from its master's environment"},
		{"clear_env off", "[a]\nclear_env = no\nenv[DB_PASS] = x\n", true, "x", true, "clear_env = no"},
		{"nobody sets it", "[a]\nenv[OTHER] = x\n", false, "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, note, ok := poolEnvOf(loadPools(t, tt.conf), []string{"DB_PASS"})
			if ok != tt.ok || env.Vars["DB_PASS"] != tt.want || env.Inherit != tt.inherit {
				t.Fatalf("%+v %q %v", env, note, ok)
			}
			if said := env.Source + note; !strings.Contains(said, tt.say) {
				t.Errorf("says %q, want %q", said, tt.say)
			}
			if strings.Contains(env.Source+note, "s3cret") {
				t.Errorf("the value is in the explanation: %q", env.Source+note)
			}
		})
	}
}

// PoolEnv finds the pools through the process list, as LoadSite uses it.
func TestPoolEnvFromRunningMaster(t *testing.T) {
	p := filepath.Join(t.TempDir(), "php-fpm.conf")
	writeFile(t, p, "[shop]\nlisten = /run/shop.sock\nenv[WP_DB_PASSWORD] = hunter2\n")
	ps := fmt.Sprintf("  PID  PPID USER COMMAND\n 1 0 root php-fpm: master process (%s)\n", p)
	env, _, ok := PoolEnv(context.Background(), site.LocalFS{}, psShell(ps), []string{"WP_DB_PASSWORD"})
	if !ok || env.Vars["WP_DB_PASSWORD"] != "hunter2" || !strings.Contains(env.Source, p) {
		t.Errorf("%+v %v", env, ok)
	}
	if _, _, ok := PoolEnv(context.Background(), site.LocalFS{}, psShell(ps), nil); ok {
		t.Error("no names: nothing to find")
	}
}
