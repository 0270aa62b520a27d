package doctor

import (
	"context"

	"github.com/wpdoctor/wpdoctor/internal/serverfacts"
	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/target"
	"github.com/wpdoctor/wpdoctor/internal/wp"
)

// urlWithoutDB finds the site's URL when neither --site-url, WP_HOME nor
// the database gives it: from the WP_SITEURL constant, or from the web
// server block that serves the document root. note says where it came
// from, for the report; without the database the run goes on with the
// rename strategy and no theme stage. rawTarget is the target as named
// (its host is the server's address for a block listening everywhere).
func urlWithoutDB(ctx context.Context, fsys site.FS, sh site.Shell, loc wp.Location, cfg *wp.Config, dbErr error, rawTarget string) (u, note string, ok bool) {
	why := "the database could not be read"
	if dbErr != nil {
		why += " (" + dbErr.Error() + ")"
	}
	if cfg != nil && cfg.SiteURL != "" {
		return cfg.SiteURL, why + ": the site's URL is taken from WP_SITEURL in wp-config.php", true
	}
	u, from, ok := serverfacts.SiteURL(ctx, fsys, sh, loc.ABSPATH, machineHost(rawTarget))
	if !ok {
		return "", "", false
	}
	return u, why + ": the site's URL " + u + " is taken from " + from, true
}

// machineHost is the server's address as wpdoctor reaches it: the host of
// the target as named, or 127.0.0.1 for a local path.
func machineHost(rawTarget string) string {
	if t, err := target.Parse(rawTarget); err == nil && !t.Local && t.Host != "" {
		return t.Host
	}
	return "127.0.0.1"
}
