package inventory

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"time"
)

// MaintenanceWindow is how long WordPress honours a .maintenance file after
// the $upgrading time it sets.
const MaintenanceWindow = 10 * time.Minute

// upgradingRe finds the assignment WordPress's updater writes:
// <?php $upgrading = 1700000000; ?>
var upgradingRe = regexp.MustCompile(`\$upgrading\s*=\s*([^;]*?)\s*;`)

// maintenance reads ABSPATH/.maintenance: one call when it is absent.
func (s *scanner) maintenance(ctx context.Context) Maintenance {
	m := Maintenance{Path: path.Join(s.inv.Layout.ABSPATH, ".maintenance")}
	data, err := s.readHead(ctx, m.Path, HeadSize)
	if errors.Is(err, fs.ErrNotExist) {
		return m
	}
	m.Present = true
	if err != nil {
		m.Error = err.Error()
		s.fail(m.Path, "read", err)
		return m
	}
	if sm := upgradingRe.FindSubmatch(data); sm != nil {
		m.Upgrading = string(sm[1])
	}
	fi, err := s.stat(ctx, m.Path)
	if err != nil {
		s.fail(m.Path, "stat", err)
		return m
	}
	mt := fi.ModTime().UTC()
	m.ModTime = &mt
	return m
}

// MaintenanceState says whether WordPress answers with its maintenance page.
type MaintenanceState string

const (
	MaintenanceOff     MaintenanceState = "off"     // no .maintenance file
	MaintenanceActive  MaintenanceState = "active"  // WordPress answers 503 "Briefly unavailable"
	MaintenanceExpired MaintenanceState = "expired" // the file is there but ignored: older than 10 minutes, or no $upgrading
	MaintenanceUnknown MaintenanceState = "unknown" // $upgrading is an expression wpdoctor cannot evaluate
)

// State evaluates the file as wp_is_maintenance_mode() would at now:
// active while now - $upgrading < 10 minutes. $upgrading = time() keeps
// the site in maintenance for as long as the file exists. An unset
// $upgrading (PHP null, 0) never is.
func (m Maintenance) State(now time.Time) MaintenanceState {
	switch {
	case !m.Present:
		return MaintenanceOff
	case m.Upgrading == "":
		return MaintenanceExpired
	case m.Upgrading == "time()":
		return MaintenanceActive
	}
	n, err := strconv.ParseInt(m.Upgrading, 10, 64)
	if err != nil {
		return MaintenanceUnknown
	}
	if now.Unix()-n < int64(MaintenanceWindow/time.Second) {
		return MaintenanceActive
	}
	return MaintenanceExpired
}
