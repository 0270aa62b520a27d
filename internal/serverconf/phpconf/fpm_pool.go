package phpconf

import (
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// FPMGlobal is the [global] section of php-fpm.conf.
type FPMGlobal struct {
	PID                       conf.Setting[string]        `json:"pid"`
	ErrorLog                  conf.Setting[string]        `json:"error_log"` // absolute path, or "syslog"
	LogLevel                  conf.Setting[string]        `json:"log_level"`
	EmergencyRestartThreshold conf.Setting[int]           `json:"emergency_restart_threshold"`
	EmergencyRestartInterval  conf.Setting[time.Duration] `json:"emergency_restart_interval"`
	ProcessControlTimeout     conf.Setting[time.Duration] `json:"process_control_timeout"`
	ProcessMax                conf.Setting[int]           `json:"process_max"`
	Daemonize                 conf.Setting[bool]          `json:"daemonize"`
	// Values holds every global entry by key; the last one set wins.
	Values map[string]Line `json:"values,omitempty"`
}

// Pool is one pool ([name] section) with FPM's defaults applied and
// $pool / $prefix expanded.
type Pool struct {
	Name   string   `json:"name"`
	Pos    conf.Pos `json:"pos,omitzero"`
	Prefix string   `json:"prefix"` // the pool's prefix for relative paths

	User        conf.Setting[string] `json:"user"`
	Group       conf.Setting[string] `json:"group"`
	Listen      conf.Setting[string] `json:"listen"`
	ListenOn    conf.Target          `json:"listen_on"` // Listen as a network address
	ListenOwner conf.Setting[string] `json:"listen_owner"`
	ListenGroup conf.Setting[string] `json:"listen_group"`
	ListenMode  conf.Setting[string] `json:"listen_mode"`

	PM                 conf.Setting[string]        `json:"pm"`
	MaxChildren        conf.Setting[int]           `json:"max_children"`
	StartServers       conf.Setting[int]           `json:"start_servers"`
	MinSpareServers    conf.Setting[int]           `json:"min_spare_servers"`
	MaxSpareServers    conf.Setting[int]           `json:"max_spare_servers"`
	MaxRequests        conf.Setting[int]           `json:"max_requests"`
	ProcessIdleTimeout conf.Setting[time.Duration] `json:"process_idle_timeout"`

	// RequestTerminateTimeout is the wall-clock limit after which FPM
	// kills the worker (SIGTERM, then SIGKILL); 0 means off.
	RequestTerminateTimeout conf.Setting[time.Duration] `json:"request_terminate_timeout"`
	RequestSlowlogTimeout   conf.Setting[time.Duration] `json:"request_slowlog_timeout"` // 0: off
	// Slowlog is only written when RequestSlowlogTimeout > 0.
	Slowlog            conf.Setting[string] `json:"slowlog"`
	AccessLog          conf.Setting[string] `json:"access_log"` // "" when not set: no access log
	CatchWorkersOutput conf.Setting[bool]   `json:"catch_workers_output"`
	Chdir              conf.Setting[string] `json:"chdir"`
	Chroot             conf.Setting[string] `json:"chroot"`

	// PHP holds php_value / php_flag / php_admin_value / php_admin_flag
	// by ini name; the last one set wins.
	PHP map[string]Define `json:"php,omitempty"`
	// Env holds env[NAME] entries.
	Env map[string]conf.Setting[string] `json:"env,omitempty"`
	// Values holds every entry of the pool by full key; the last wins.
	Values map[string]Line `json:"values,omitempty"`
}

// Define is one php_value / php_flag / php_admin_value /
// php_admin_flag entry of a pool.
type Define struct {
	Name  string   `json:"name"`
	Value string   `json:"value"`
	Admin bool     `json:"admin,omitempty"` // php_admin_*: scripts cannot override it
	Flag  bool     `json:"flag,omitempty"`  // *_flag: a boolean
	Pos   conf.Pos `json:"pos,omitzero"`
}

func lastValues(lines []Line) map[string]Line {
	m := map[string]Line{}
	for _, l := range lines {
		m[l.Key()] = l
	}
	return m
}

func iniString(m map[string]Line, key, def, defRaw string, conv func(string) string) conf.Setting[string] {
	l, ok := m[key]
	if !ok {
		return conf.DefaultSetting(def, defRaw)
	}
	v := l.Value
	if conv != nil {
		v = conv(v)
	}
	return conf.Setting[string]{Value: v, Raw: l.Raw, Pos: l.Pos}
}

func iniInt(m map[string]Line, key string, def int) conf.Setting[int] {
	l, ok := m[key]
	if !ok {
		return conf.DefaultSetting(def, strconv.Itoa(def))
	}
	n, err := strconv.Atoi(strings.TrimSpace(l.Value))
	if err != nil {
		return conf.Setting[int]{Value: def, Raw: l.Raw, Pos: l.Pos, Invalid: true}
	}
	return conf.Setting[int]{Value: n, Raw: l.Raw, Pos: l.Pos}
}

func iniBool(m map[string]Line, key string, def bool) conf.Setting[bool] {
	l, ok := m[key]
	if !ok {
		raw := "no"
		if def {
			raw = "yes"
		}
		return conf.DefaultSetting(def, raw)
	}
	return conf.Setting[bool]{Value: ParseBool(l.Value), Raw: l.Raw, Pos: l.Pos}
}

func iniFPMTime(m map[string]Line, key string) conf.Setting[time.Duration] {
	l, ok := m[key]
	if !ok {
		return conf.DefaultSetting(time.Duration(0), "0")
	}
	d, err := ParseFPMTime(l.Value)
	if err != nil {
		return conf.Setting[time.Duration]{Raw: l.Raw, Pos: l.Pos, Invalid: true}
	}
	return conf.Setting[time.Duration]{Value: d, Raw: l.Raw, Pos: l.Pos}
}

func buildFPMGlobal(lines []Line, o FPMOptions) FPMGlobal {
	m := lastValues(lines)
	base := o.Prefix
	if base == "" {
		base = o.LocalStateDir
	}
	abs := func(v string) string { return fpmPath(v, base) }
	g := FPMGlobal{Values: m}
	g.PID = iniString(m, "pid", "", "", abs)
	g.ErrorLog = iniString(m, "error_log", fpmPath("log/php-fpm.log", base), "log/php-fpm.log", abs)
	g.LogLevel = iniString(m, "log_level", "notice", "notice", nil)
	g.EmergencyRestartThreshold = iniInt(m, "emergency_restart_threshold", 0)
	g.EmergencyRestartInterval = iniFPMTime(m, "emergency_restart_interval")
	g.ProcessControlTimeout = iniFPMTime(m, "process_control_timeout")
	g.ProcessMax = iniInt(m, "process.max", 0)
	g.Daemonize = iniBool(m, "daemonize", true)
	return g
}

func buildFPMPool(pe *fpmPoolEntries, o FPMOptions) *Pool {
	m := lastValues(pe.entries)
	p := &Pool{Name: pe.name, Pos: pe.pos, Values: m, PHP: map[string]Define{}, Env: map[string]conf.Setting[string]{}}
	p.Prefix = o.Prefix
	if p.Prefix == "" {
		p.Prefix = o.InstallPrefix
	}
	if l, ok := m["prefix"]; ok && l.Value != "" {
		p.Prefix = fpmPath(l.Value, p.Prefix)
	}
	abs := func(v string) string { return fpmPath(v, p.Prefix) }
	p.User = iniString(m, "user", "", "", nil)
	p.Group = iniString(m, "group", "", "", nil)
	p.Listen = iniString(m, "listen", "", "", nil)
	p.ListenOn = fpmListenTarget(p.Listen)
	p.ListenOwner = iniString(m, "listen.owner", "", "", nil)
	p.ListenGroup = iniString(m, "listen.group", "", "", nil)
	p.ListenMode = iniString(m, "listen.mode", "0660", "0660", nil)
	p.PM = iniString(m, "pm", "", "", nil)
	p.MaxChildren = iniInt(m, "pm.max_children", 0)
	p.StartServers = iniInt(m, "pm.start_servers", 0)
	p.MinSpareServers = iniInt(m, "pm.min_spare_servers", 0)
	p.MaxSpareServers = iniInt(m, "pm.max_spare_servers", 0)
	p.MaxRequests = iniInt(m, "pm.max_requests", 0)
	p.ProcessIdleTimeout = iniFPMTime(m, "pm.process_idle_timeout")
	if p.ProcessIdleTimeout.Default {
		p.ProcessIdleTimeout = conf.DefaultSetting(10*time.Second, "10s")
	}
	p.RequestTerminateTimeout = iniFPMTime(m, "request_terminate_timeout")
	p.RequestSlowlogTimeout = iniFPMTime(m, "request_slowlog_timeout")
	def := strings.ReplaceAll("log/$pool.log.slow", "$pool", p.Name)
	p.Slowlog = iniString(m, "slowlog", abs(def), "log/$pool.log.slow", abs)
	if p.Slowlog.Value == "" { // FPM uses its default for an empty slowlog
		p.Slowlog = conf.DefaultSetting(abs(def), "log/$pool.log.slow")
	}
	p.AccessLog = iniString(m, "access.log", "", "", abs)
	p.CatchWorkersOutput = iniBool(m, "catch_workers_output", false)
	p.Chdir = iniString(m, "chdir", "", "", abs)
	p.Chroot = iniString(m, "chroot", "", "", abs)
	for _, l := range pe.entries {
		switch l.Name {
		case "php_value", "php_flag", "php_admin_value", "php_admin_flag":
			if l.Offset != "" {
				v := l.Value
				if l.Offset == "error_log" && v != "" && v != "syslog" {
					v = abs(v) // FPM expands a relative error_log with the pool's prefix
				}
				p.PHP[l.Offset] = Define{Name: l.Offset, Value: v, Pos: l.Pos,
					Admin: strings.HasPrefix(l.Name, "php_admin_"), Flag: strings.HasSuffix(l.Name, "_flag")}
			}
		case "env":
			if l.Offset != "" {
				p.Env[l.Offset] = conf.Setting[string]{Value: l.Value, Raw: l.Raw, Pos: l.Pos}
			}
		}
	}
	return p
}

// fpmListenTarget reads FPM's listen: a socket path, "port" (all
// addresses), "ip:port", "[ipv6]:port" or "host:port".
func fpmListenTarget(s conf.Setting[string]) conf.Target {
	v := strings.TrimSpace(s.Value)
	t := conf.Target{Pos: s.Pos, Address: v}
	switch {
	case v == "":
		t.Network = ""
	case isAllDigits(v):
		t.Network, t.Address = "tcp", net.JoinHostPort("", v)
	case strings.Contains(v, ":") && !strings.HasPrefix(v, "/"):
		t.Network = "tcp"
	default:
		t.Network = "unix"
	}
	return t
}

func isAllDigits(s string) bool {
	_, err := parseDigits(s)
	return err == nil
}
