package serverconf

import (
	"fmt"
	"strings"
)

// Log roles of LogLocation.
const (
	RoleNginxError   = "nginx-error"
	RoleNginxAccess  = "nginx-access"
	RoleFPMError     = "fpm-error"
	RoleFPMSlowlog   = "fpm-slowlog"
	RoleFPMAccess    = "fpm-access"
	RolePHPError     = "php-error"
	RoleApacheError  = "apache-error"
	RoleApacheAccess = "apache-access"
)

// LogLocation is one place a server writes a log, and who writes it.
type LogLocation struct {
	Role   string    `json:"role"`
	Target LogTarget `json:"target"` // Kind tells whether Path is a file
	Scope  string    `json:"scope"`  // "main", "server _ (file:line)", "pool www"...
	Note   string    `json:"note,omitempty"`
}

// Logs lists the distinct error and access logs of the configuration:
// the main error_log, then each server's and each location's, first
// occurrence first. Destinations that are not files (stderr, syslog,
// /dev/null, off) are included with their Kind.
func (c *NginxConfig) Logs() []LogLocation {
	var out []LogLocation
	seen := map[string]bool{}
	add := func(role, scope string, ts []LogTarget) {
		for _, t := range ts {
			k := role + "\x00" + t.Path
			if !seen[k] {
				seen[k] = true
				out = append(out, LogLocation{Role: role, Target: t, Scope: scope})
			}
		}
	}
	add(RoleNginxError, "main", c.errorLogs(newScope(nil, c.Tree)))
	for _, s := range c.Servers() {
		scope := fmt.Sprintf("server %s (%s)", strings.Join(s.ServerNames, " "), s.Pos)
		add(RoleNginxError, scope, s.ErrorLogs)
		add(RoleNginxAccess, scope, s.AccessLogs)
		for _, l := range s.AllLocations() {
			ls := fmt.Sprintf("%s location %s %s (%s)", scope, l.Modifier, l.Pattern, l.Pos)
			add(RoleNginxError, ls, l.ErrorLogs)
			add(RoleNginxAccess, ls, l.AccessLogs)
		}
	}
	return out
}

// Logs lists FPM's own log and, per pool, the slow log (when
// request_slowlog_timeout is on), the access log (when set) and where PHP
// errors go, using ini (may be nil) overridden by the pool's php_value /
// php_admin_value entries.
func (c *FPMConfig) Logs(ini *PHPIni) []LogLocation {
	var out []LogLocation
	out = append(out, LogLocation{Role: RoleFPMError, Scope: "global", Target: pathTarget(c.Global.ErrorLog)})
	for _, p := range c.Pools {
		scope := "pool " + p.Name
		if p.RequestSlowlogTimeout.Value > 0 {
			out = append(out, LogLocation{Role: RoleFPMSlowlog, Scope: scope, Target: pathTarget(p.Slowlog)})
		}
		if p.AccessLog.Value != "" {
			out = append(out, LogLocation{Role: RoleFPMAccess, Scope: scope, Target: pathTarget(p.AccessLog)})
		}
		php := EffectivePHP(ini, p)
		lf := LogLocation{Role: RolePHPError, Scope: scope, Target: pathTarget(php.ErrorLog)}
		switch {
		case !php.LogErrors.Value:
			lf.Note = "log_errors is off: PHP errors are not logged"
		case php.ErrorLog.Value == "":
			lf.Target.Kind, lf.Target.Path = LogStderr, ""
			lf.Note = "error_log is not set: PHP errors go to the web server over FastCGI stderr (nginx logs them as \"FastCGI sent in stderr\")"
		}
		out = append(out, lf)
	}
	return out
}

func pathTarget(s Setting[string]) LogTarget {
	t := LogTarget{Kind: LogFile, Path: s.Value, Raw: s.Raw, Pos: s.Pos, Default: s.Default}
	switch {
	case s.Value == "syslog" || strings.HasPrefix(s.Value, "syslog:"):
		t.Kind = LogSyslog
	case s.Value == "/dev/null":
		t.Kind = LogNull
	case s.Value == "/proc/self/fd/2" || s.Value == "/dev/stderr":
		t.Kind = LogStderr
	case strings.HasPrefix(s.Value, "|"):
		t.Kind = LogPipe
	}
	return t
}

// Logs lists the global ErrorLog and each virtual host's ErrorLog
// and CustomLogs (distinct, first occurrence first). A piped log
// ("|/usr/bin/rotatelogs ...") has Kind LogPipe and the command as Path.
func (c *ApacheConfig) Logs() []LogLocation {
	var out []LogLocation
	seen := map[string]bool{}
	add := func(role, scope string, s Setting[string]) {
		if s.Value == "" || seen[role+"\x00"+s.Value] {
			return
		}
		seen[role+"\x00"+s.Value] = true
		out = append(out, LogLocation{Role: role, Scope: scope, Target: pathTarget(s)})
	}
	add(RoleApacheError, "global", c.Global.ErrorLog)
	for _, v := range c.VirtualHosts {
		scope := "virtualhost " + v.String()
		add(RoleApacheError, scope, v.ErrorLog)
		for _, cl := range v.CustomLogs {
			add(RoleApacheAccess, scope, cl)
		}
	}
	return out
}
