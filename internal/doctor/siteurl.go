package doctor

import (
	"context"

	"github.com/wpdoctor/wpdoctor/internal/serverfacts"
)

// urlWithoutDB finds the site's URL when neither --site-url, WP_HOME nor
// the database gives it: from the WP_SITEURL constant, or from the web
// server block that serves the document root. The report says where it
// came from; without the database the run goes on with the rename strategy
// and no theme stage.
func (r *run) urlWithoutDB(ctx context.Context) (string, bool) {
	why := "the database could not be read"
	if r.s.DBErr != nil {
		why += " (" + r.s.DBErr.Error() + ")"
	}
	if r.s.Config.SiteURL != "" {
		r.rep.Notes = append(r.rep.Notes, why+": the site's URL is taken from WP_SITEURL in wp-config.php")
		return r.s.Config.SiteURL, true
	}
	host := "127.0.0.1"
	if !r.s.Conn.Target.Local {
		host = r.s.Conn.Target.Host
	}
	u, from, ok := serverfacts.SiteURL(ctx, r.s.Conn.FS, r.s.Conn.Shell, r.s.Loc.ABSPATH, host)
	if !ok {
		return "", false
	}
	r.rep.Notes = append(r.rep.Notes, why+": the site's URL "+u+" is taken from "+from)
	return u, true
}
