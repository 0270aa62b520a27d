package apache

import (
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// Logs lists the global ErrorLog and each virtual host's ErrorLog
// and CustomLogs (distinct, first occurrence first). A piped log
// ("|/usr/bin/rotatelogs ...") has Kind LogPipe and the command as Path.
func (c *Config) Logs() []conf.LogLocation {
	var out []conf.LogLocation
	seen := map[string]bool{}
	add := func(role, scope string, s conf.Setting[string]) {
		if s.Value == "" || seen[role+"\x00"+s.Value] {
			return
		}
		seen[role+"\x00"+s.Value] = true
		out = append(out, conf.LogLocation{Role: role, Scope: scope, Target: conf.PathTarget(s)})
	}
	add(conf.RoleApacheError, "global", c.Global.ErrorLog)
	for _, v := range c.VirtualHosts {
		scope := "virtualhost " + v.String()
		add(conf.RoleApacheError, scope, v.ErrorLog)
		for _, cl := range v.CustomLogs {
			add(conf.RoleApacheAccess, scope, cl)
		}
	}
	return out
}
