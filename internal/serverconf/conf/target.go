package conf

import "strings"

// Target is one address a web server hands requests to, or a PHP-FPM
// pool listens on.
type Target struct {
	Network  string `json:"network"`            // "unix" or "tcp"; "" when not known statically
	Address  string `json:"address"`            // socket path, or host:port (":9000" for all addresses)
	Upstream string `json:"upstream,omitempty"` // nginx upstream block it was listed in
	Backup   bool   `json:"backup,omitempty"`
	Down     bool   `json:"down,omitempty"`
	Variable bool   `json:"variable,omitempty"` // written with a variable: unknown until run time
	Pos      Pos    `json:"pos,omitzero"`
}

// String renders "unix:/path" or "host:port".
func (t Target) String() string {
	if t.Network == "unix" {
		return "unix:" + t.Address
	}
	return t.Address
}

// LogKind tells what a log destination is.
type LogKind string

// Log destination kinds.
const (
	LogFile   LogKind = "file"   // a file path
	LogStderr LogKind = "stderr" // the server's stderr (often journald or a container log)
	LogSyslog LogKind = "syslog" // syslog
	LogMemory LogKind = "memory" // nginx's memory: cyclic buffer (debugging)
	LogNull   LogKind = "null"   // /dev/null: nothing is kept
	LogOff    LogKind = "off"    // access_log off
	LogPipe   LogKind = "pipe"   // Apache's piped log: "|command"
)

// LogTarget is one log destination.
type LogTarget struct {
	Kind    LogKind `json:"kind"`
	Path    string  `json:"path"`             // absolute path for files; the raw spec otherwise
	Level   string  `json:"level,omitempty"`  // nginx error_log level
	Format  string  `json:"format,omitempty"` // nginx access_log format name
	Raw     string  `json:"raw"`
	Pos     Pos     `json:"pos,omitzero"`
	Default bool    `json:"default,omitempty"`
}

// PathTarget describes a log path setting (PHP-FPM, php.ini, Apache):
// "syslog"/"syslog:..." is syslog, "/dev/null" null, "/dev/stderr" and
// "/proc/self/fd/2" stderr, "|cmd" a pipe, anything else a file.
func PathTarget(s Setting[string]) LogTarget {
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
