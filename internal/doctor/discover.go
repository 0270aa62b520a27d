package doctor

import (
	"context"
	"path"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/logs"
)

// discoverLogs finds the logs to read: WordPress's debug log, the logs the
// server configuration names, the site's own log folder, and the usual
// system paths.
func (r *Session) discoverLogs(ctx context.Context) {
	r.logs.foreign = func(e *logs.Event) bool {
		return newBelonging(r.s.Loc, r.s.Config, append([]string{r.url}, r.d.URLs...), r.server).foreign(e)
	}
	cfg := r.s.Config
	switch dl := cfg.DebugLog; {
	case dl == "1" || dl == "true":
		r.logs.add("WordPress debug log", path.Join(cfg.ContentDir, "debug.log"), logs.FormatPHP, "WP_DEBUG_LOG is on")
	case strings.HasPrefix(dl, "/"):
		r.logs.add("WordPress debug log", dl, logs.FormatPHP, "WP_DEBUG_LOG names it")
	}
	r.discoverServerLogs(ctx)
	// Hosts often give each account its logs in a folder beside the site.
	for _, dir := range []string{path.Join(r.s.Home, "logs"), path.Join(path.Dir(r.s.Loc.ABSPATH), "logs")} {
		entries, err := r.s.FS.ReadDir(ctx, dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			n := strings.ToLower(e.Name())
			if e.IsDir() || !strings.HasSuffix(n, ".log") || strings.Contains(n, "access") {
				continue
			}
			r.logs.add(logName(n), path.Join(dir, e.Name()), 0, "found in the site's logs folder")
		}
	}
	r.logs.addCommon(ctx, r.s.FS)
	r.logs.add("WordPress debug log", path.Join(cfg.ContentDir, "debug.log"), logs.FormatPHP, "WordPress's default debug log")
}

// logName guesses a human name from a log's file name.
func logName(n string) string {
	switch {
	case strings.Contains(n, "slow"):
		return "PHP-FPM slowlog"
	case strings.Contains(n, "fpm"):
		return "PHP-FPM log"
	case strings.Contains(n, "php"):
		return "PHP error log"
	case strings.Contains(n, "nginx"):
		return "nginx error log"
	case strings.Contains(n, "apache") || strings.Contains(n, "httpd"):
		return "Apache error log"
	}
	return "log " + n
}

// layout tells the blame where the install's parts are.
func (r *Session) layout() logs.Layout {
	cfg := r.s.Config
	return logs.Layout{
		ABSPATH:     []string{r.s.Loc.ABSPATH},
		ContentDir:  []string{cfg.ContentDir},
		PluginDir:   []string{cfg.PluginDir},
		MUPluginDir: []string{cfg.MUPluginDir},
		ThemeRoots:  []string{path.Join(cfg.ContentDir, "themes")},
	}
}
