package phpconf

import "github.com/wpdoctor/wpdoctor/internal/serverconf/conf"

// Logs lists FPM's own log and, per pool, the slow log (when
// request_slowlog_timeout is on), the access log (when set) and where PHP
// errors go, using ini (may be nil) overridden by the pool's php_value /
// php_admin_value entries.
func (c *FPMConfig) Logs(ini *Ini) []conf.LogLocation {
	var out []conf.LogLocation
	out = append(out, conf.LogLocation{Role: conf.RoleFPMError, Scope: "global", Target: conf.PathTarget(c.Global.ErrorLog)})
	for _, p := range c.Pools {
		scope := "pool " + p.Name
		if p.RequestSlowlogTimeout.Value > 0 {
			out = append(out, conf.LogLocation{Role: conf.RoleFPMSlowlog, Scope: scope, Target: conf.PathTarget(p.Slowlog)})
		}
		if p.AccessLog.Value != "" {
			out = append(out, conf.LogLocation{Role: conf.RoleFPMAccess, Scope: scope, Target: conf.PathTarget(p.AccessLog)})
		}
		php := Effective(ini, p)
		lf := conf.LogLocation{Role: conf.RolePHPError, Scope: scope, Target: conf.PathTarget(php.ErrorLog)}
		switch {
		case !php.LogErrors.Value:
			lf.Note = "log_errors is off: PHP errors are not logged"
		case php.ErrorLog.Value == "":
			lf.Target.Kind, lf.Target.Path = conf.LogStderr, ""
			lf.Note = "error_log is not set: PHP errors go to the web server over FastCGI stderr (nginx logs them as \"FastCGI sent in stderr\")"
		}
		out = append(out, lf)
	}
	return out
}
