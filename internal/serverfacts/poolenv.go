package serverfacts

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/phpconf"
	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/wpconfig"
)

// PoolEnv finds what PHP-FPM passes the site's workers for the environment
// variables wp-config.php reads (names): the env[NAME] settings of the
// pools that set them. It runs before the database is reached, so before
// the web server's configuration can say which pool serves the site: the
// pools that set any of the names are the candidates, and they must agree.
// ok is false when no pool sets them, or when pools disagree (note says
// so); the caller then keeps the default (clear_env = yes, nothing set).
func PoolEnv(ctx context.Context, fsys site.FS, sh site.Shell, names []string) (env wpconfig.RuntimeEnv, note string, ok bool) {
	if len(names) == 0 {
		return wpconfig.RuntimeEnv{}, "", false
	}
	f := &ServerFacts{}
	f.readProcesses(ctx, sh)
	f.loadFPM(ctx, fsys)
	return poolEnvOf(f.Pools, names)
}

// poolEnvOf chooses the environment among pools (see PoolEnv).
func poolEnvOf(pools []*phpconf.Pool, names []string) (wpconfig.RuntimeEnv, string, bool) {
	type candidate struct {
		pool *phpconf.Pool
		vars map[string]string
	}
	var cands []candidate
	for _, p := range pools {
		vars := map[string]string{}
		for _, n := range names {
			if s, set := p.Env[n]; set {
				vars[n] = s.Value
			}
		}
		if len(vars) > 0 {
			cands = append(cands, candidate{p, vars})
		}
	}
	if len(cands) == 0 {
		return wpconfig.RuntimeEnv{}, "", false
	}
	for _, c := range cands[1:] {
		if !maps.Equal(c.vars, cands[0].vars) {
			return wpconfig.RuntimeEnv{}, fmt.Sprintf("PHP-FPM pools %s and %s pass different values for %s: wp-config.php is read as if neither did",
				cands[0].pool.Name, c.pool.Name, strings.Join(slices.Sorted(maps.Keys(cands[0].vars)), ", ")), false
		}
	}
	c := cands[0]
	var set []string
	for _, n := range slices.Sorted(maps.Keys(c.vars)) {
		if strings.HasPrefix(c.vars[n], "$") {
			// env[X] = $Y takes the master's own variable, which only
			// the process itself can read.
			return wpconfig.RuntimeEnv{}, fmt.Sprintf("PHP-FPM pool %s passes %s from its master's environment (%s): its value is not known",
				c.pool.Name, n, c.pool.Env[n].Pos), false
		}
		set = append(set, fmt.Sprintf("env[%s] (%s)", n, c.pool.Env[n].Pos))
	}
	src := fmt.Sprintf("PHP-FPM pool %s sets %s", c.pool.Name, strings.Join(set, ", "))
	if len(cands) > 1 {
		src += fmt.Sprintf(" (as %d other pools do)", len(cands)-1)
	}
	env := wpconfig.RuntimeEnv{Vars: c.vars, Source: src}
	if l, set := c.pool.Values["clear_env"]; set && !phpconf.ParseBool(l.Value) {
		env.Inherit = true
		env.Source += "; clear_env = no keeps the master's environment too"
	}
	return env, "", true
}
