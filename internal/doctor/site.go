// Package doctor is wpdoctor's engine: it opens a site, inspects it,
// diagnoses its failure, bisects its components, and restores it, reporting
// progress as events. It keeps no global state: one process may run it on
// many sites at once.
//
// A front end (the CLI, the TUI, fleet mode) opens a Session on a Site and
// drives it phase by phase: Open → Obstacles → Inspect / Diagnose → Bisect →
// KeepCulpritOff → Close. The engine reaches the site only through the small
// interfaces of seams.go; the SSH, SFTP, MySQL and HTTP implementations are
// injected by the front end.
package doctor

import (
	"context"
	"fmt"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/dbconn"
	"github.com/wpdoctor/wpdoctor/internal/multisite"
	"github.com/wpdoctor/wpdoctor/internal/serverfacts"
	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/wp"
	"github.com/wpdoctor/wpdoctor/internal/wpdb"
)

// Access is what a front end connected to: the server's files and shell,
// and a dialer for its database. The CLI builds it from a connect.Conn.
type Access struct {
	ID      string // server and account, however the target was spelled (connect.Conn.ID)
	Target  string // the target as the user named it
	FS      site.FS
	Shell   site.Shell
	NoShell string        // why Shell cannot run commands ("" when it can)
	Dialer  dbconn.Dialer // reaches the database (nil: no database)
	Home    string        // the login (or working) directory
}

// Site is an opened WordPress install: its files, config and (when
// reachable) database.
type Site struct {
	Access
	Loc     wp.Location
	Config  *wp.Config
	Version wp.Version
	DB      OptionStore // nil when unreachable; DBErr says why
	DBErr   error
	DBAt    dbconn.Endpoint
	// NetworkDB reads a multisite network's tables (the same wpdb.DB as
	// DB); nil when the database is unreachable.
	NetworkDB multisite.DB
	closeDB   func()
}

// LoadSite finds the install at root (an absolute path) and reads its
// config and version. It does not touch the database.
func LoadSite(ctx context.Context, a Access, root string) (*Site, error) {
	if a.Shell == nil {
		a.Shell = site.NoShell{}
		if a.NoShell == "" {
			a.NoShell = "no shell access"
		}
	}
	loc, err := wp.Locate(ctx, a.FS, root)
	if err != nil {
		return nil, err
	}
	cfg, err := wp.ReadConfig(ctx, a.FS, loc)
	if err != nil {
		return nil, err
	}
	// Values read from the environment are what the pool passes its
	// workers, where its configuration says.
	if env, note, ok := serverfacts.PoolEnv(ctx, a.FS, a.Shell, cfg.EnvReads); ok {
		if cfg, err = wp.ReadConfigIn(ctx, a.FS, loc, env); err != nil {
			return nil, err
		}
	} else if note != "" {
		cfg.Assumed = append(cfg.Assumed, note)
	}
	s := &Site{Access: a, Loc: loc, Config: cfg}
	if v, err := wp.ReadVersion(ctx, a.FS, loc.ABSPATH); err == nil {
		s.Version = v
	}
	return s, nil
}

// OpenSite finds the install at root, reads its config and connects to its
// database. Only a missing install or an unreadable wp-config.php is an
// error: an unreachable database is recorded in DBErr.
func OpenSite(ctx context.Context, a Access, root string, dbTimeout time.Duration) (*Site, error) {
	s, err := LoadSite(ctx, a, root)
	if err != nil {
		return nil, err
	}
	db, at, err := openDB(ctx, a.Dialer, s.Config, dbTimeout)
	s.DBAt, s.DBErr = at, err
	if db != nil { // never a typed nil in the interface
		s.DB, s.NetworkDB, s.closeDB = db, db, func() { db.Close() }
		if s.Config.Multisite {
			// Journal, undo and the end-of-run comparison cover every
			// site's options and the network's sitemeta rows.
			s.DB = db.Rows(s.Config.SiteIDCurrentSite)
		}
	}
	return s, nil
}

func openDB(ctx context.Context, d dbconn.Dialer, cfg *wp.Config, timeout time.Duration) (*wpdb.DB, dbconn.Endpoint, error) {
	if cfg.TablePrefix == "" {
		return nil, dbconn.Endpoint{}, fmt.Errorf("the table prefix is not known statically")
	}
	if d == nil {
		return nil, dbconn.Endpoint{}, fmt.Errorf("no way to reach the database")
	}
	ep, err := dbconn.ParseHost(cfg.DB.Host)
	if err != nil {
		return nil, ep, err
	}
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	creds := dbconn.Creds{User: cfg.DB.User, Password: cfg.DB.Password.Reveal(), Name: cfg.DB.Name, Charset: cfg.DB.Charset}
	sqlDB, at, err := dbconn.Open(ctx, d, ep, creds, timeout)
	if err != nil {
		return nil, at, err
	}
	db, err := wpdb.New(sqlDB, cfg.TablePrefix)
	if err != nil {
		sqlDB.Close()
		return nil, at, err
	}
	if err := db.Check(ctx); err != nil {
		db.Close()
		return nil, at, err
	}
	return db, at, nil
}

// Close closes the database (the connection belongs to the caller).
func (s *Site) Close() {
	if s.closeDB != nil {
		s.closeDB()
		s.closeDB = nil
	}
}
