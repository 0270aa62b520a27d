package doctor

import (
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/serverfacts"
)

// addServerLogs adds the logs the configuration names for the site: its
// nginx server's or Apache virtual host's error logs (and the main one),
// its pool's FPM log, slowlog and PHP error log.
func addServerLogs(f *serverfacts.ServerFacts, l *logSet) {
	if f.Server != nil {
		for _, t := range f.Server.ErrorLogs {
			if t.Kind == conf.LogFile {
				l.add("nginx error log", t.Path, logs.FormatNginx, "nginx configuration ("+t.Pos.String()+")")
			}
		}
	}
	// The main error log of an nginx whose blocks do not serve the site
	// is another site's.
	if f.Nginx != nil && f.Server != nil {
		for _, loc := range f.Nginx.Logs() {
			if loc.Role == conf.RoleNginxError && loc.Scope == "main" && loc.Target.Kind == conf.LogFile {
				l.add("nginx error log", loc.Target.Path, logs.FormatNginx, "nginx configuration (main)")
			}
		}
	}
	// Apache: the virtual host's ErrorLog (where mod_proxy_fcgi logs its
	// backend errors and PHP's stderr), and the main one, shared.
	if f.VHost != nil {
		if t := conf.PathTarget(f.VHost.ErrorLog); t.Kind == conf.LogFile {
			l.add("Apache error log", t.Path, logs.FormatApache, "Apache configuration ("+f.VHost.ErrorLog.Where()+")")
		}
		if t := conf.PathTarget(f.Apache.Global.ErrorLog); t.Kind == conf.LogFile {
			l.add("Apache error log", t.Path, logs.FormatApache, "Apache configuration (main)")
		}
	}
	if f.PoolFPM == nil {
		return
	}
	for _, loc := range f.PoolFPM.Logs(f.Ini) {
		if loc.Target.Kind != conf.LogFile || loc.Scope != "global" && loc.Scope != "pool "+f.Pool.Name {
			continue
		}
		switch loc.Role {
		case conf.RoleFPMError:
			l.add("PHP-FPM log", loc.Target.Path, logs.FormatFPM, "PHP-FPM configuration")
		case conf.RoleFPMSlowlog:
			l.add("PHP-FPM slowlog", loc.Target.Path, logs.FormatSlowlog, "PHP-FPM pool "+f.Pool.Name)
		case conf.RolePHPError:
			l.add("PHP error log", loc.Target.Path, logs.FormatPHP, "PHP error_log of pool "+f.Pool.Name)
		}
	}
}
