package aliases

import (
	"fmt"
	"os"
	"path/filepath"
)

// Env is where Load looks: the working directory, the home directory and
// the environment (os.Getenv in production).
type Env struct {
	Cwd    string
	Home   string
	Getenv func(string) string
}

// SystemEnv is the process's environment.
func SystemEnv() Env {
	cwd, _ := os.Getwd()
	home, _ := os.UserHomeDir()
	return Env{Cwd: cwd, Home: home, Getenv: os.Getenv}
}

// Files lists the alias files Load reads, in the order it reads them (a
// later one overrides an earlier): the global config — $WP_CLI_CONFIG_PATH
// or ~/.wp-cli/config.yml — then the project's wp-cli.yml and
// wp-cli.local.yml, from the working directory or the nearest parent that
// has one, as WP-CLI finds them. Files that do not exist are left out.
func Files(env Env) []string {
	var out []string
	global := ""
	if env.Getenv != nil {
		global = env.Getenv("WP_CLI_CONFIG_PATH")
	}
	if global == "" && env.Home != "" {
		global = filepath.Join(env.Home, ".wp-cli", "config.yml")
	}
	if global != "" && exists(global) {
		out = append(out, global)
	}
	for dir := env.Cwd; dir != ""; {
		var found []string
		for _, n := range []string{"wp-cli.yml", "wp-cli.local.yml"} {
			if p := filepath.Join(dir, n); exists(p) {
				found = append(found, p)
			}
		}
		if len(found) > 0 {
			if len(out) == 0 || out[0] != found[0] {
				out = append(out, found...)
			}
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return out
}

func exists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// Load reads the alias files Files lists. No file is no aliases, not an
// error.
func Load(env Env) (*Set, error) {
	s := &Set{aliases: map[string]Alias{}, groups: map[string]group{}}
	for _, f := range Files(env) {
		if err := s.LoadFile(f, env.Home); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// LoadFile reads one alias file into s.
func (s *Set) LoadFile(name, home string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read aliases: %w", err)
	}
	return s.Parse(data, name, home)
}
