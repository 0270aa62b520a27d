package serverconf

import (
	"fmt"
	"net"
	"path"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/phpconf"
)

// Severity of a finding.
type Severity string

// Severities, from least to most serious.
const (
	SeverityInfo    Severity = "info"
	SeverityWarning Severity = "warning"
	SeverityError   Severity = "error"
)

// Finding is one result of a cross-check between configurations.
type Finding struct {
	// ID is stable: callers and tests branch on it.
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
	// Evidence are the values compared and where each came from.
	Evidence []Evidence `json:"evidence"`
	// LogKinds are the log event kinds (internal/logs Kind values) this
	// cause produces when it strikes, to correlate with what the logs say.
	LogKinds []string `json:"log_kinds,omitempty"`
}

// Evidence is one configuration value a finding rests on.
type Evidence struct {
	Name    string   `json:"name"`  // e.g. "fastcgi_read_timeout"
	Value   string   `json:"value"` // as written, or the default's spelling
	Pos     conf.Pos `json:"pos,omitzero"`
	Default bool     `json:"default,omitempty"`
}

// String renders "name = value (file:line)", "name = value (default)",
// or "name = value" for an observed value that comes from no file.
func (e Evidence) String() string {
	switch {
	case e.Default:
		return fmt.Sprintf("%s = %s (default)", e.Name, e.Value)
	case e.Pos.IsZero():
		return fmt.Sprintf("%s = %s", e.Name, e.Value)
	}
	return fmt.Sprintf("%s = %s (%s)", e.Name, e.Value, e.Pos)
}

func evidence[T any](name string, s conf.Setting[T]) Evidence {
	return Evidence{Name: name, Value: s.Raw, Pos: s.Pos, Default: s.Default}
}

// fmtDur renders a duration the way configurations write it: seconds
// below five minutes ("60s", "120s"), larger units when exact.
func fmtDur(d time.Duration) string {
	switch {
	case d == 0:
		return "0 (off)"
	case d >= 5*time.Minute && d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d >= 5*time.Minute && d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	case d%time.Second == 0:
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return d.String()
}

func fmtSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%dm", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%dk", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// MatchPool returns the PHP-FPM pool listening where t points, or nil.
// Unix sockets match by path (/var/run is taken as /run, its usual
// symlink); TCP addresses match by port, with a pool listening on all
// addresses (listen = 9000, 0.0.0.0:9000, [::]:9000) matching any host
// and "localhost" taken as 127.0.0.1.
func MatchPool(t conf.Target, pools []*phpconf.Pool) *phpconf.Pool {
	for _, p := range pools {
		if sameTarget(t, p.ListenOn) {
			return p
		}
	}
	return nil
}

func sameTarget(a, b conf.Target) bool {
	if a.Network != b.Network || a.Network == "" {
		return false
	}
	if a.Network == "unix" {
		return normSock(a.Address) == normSock(b.Address)
	}
	ah, ap, err1 := net.SplitHostPort(a.Address)
	bh, bp, err2 := net.SplitHostPort(b.Address)
	if err1 != nil || err2 != nil || ap != bp {
		return false
	}
	ah, bh = normHost(ah), normHost(bh)
	return ah == bh || ah == "" || bh == ""
}

func normSock(p string) string {
	p = path.Clean(p)
	if strings.HasPrefix(p, "/var/run/") {
		p = p[len("/var"):]
	}
	return p
}

func normHost(h string) string {
	switch h {
	case "", "*", "0.0.0.0", "::":
		return ""
	case "localhost", "::1":
		return "127.0.0.1"
	}
	return h
}
