// Package doctor is wpdoctor's engine: it opens a site, inspects it,
// diagnoses its failure, bisects its components, and restores it, reporting
// progress as events. It keeps no global state: one process may run it on
// many sites at once.
package doctor

import (
	"context"
	"fmt"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/connect"
	"github.com/wpdoctor/wpdoctor/internal/dbconn"
	"github.com/wpdoctor/wpdoctor/internal/wp"
	"github.com/wpdoctor/wpdoctor/internal/wpdb"
)

// Site is an opened WordPress install: its connection, files, config and
// (when reachable) database.
type Site struct {
	Conn    *connect.Conn
	Loc     wp.Location
	Config  *wp.Config
	Version wp.Version
	DB      *wpdb.DB // nil when unreachable; DBErr says why
	DBErr   error
	DBAt    dbconn.Endpoint
}

// OpenSite finds the install at path on the connection, reads its config
// and connects to its database. Only a missing install or an unreadable
// wp-config.php is an error: an unreachable database is recorded in DBErr.
func OpenSite(ctx context.Context, conn *connect.Conn, path string, dbTimeout time.Duration) (*Site, error) {
	loc, err := wp.Locate(ctx, conn.FS, conn.Abs(path))
	if err != nil {
		return nil, err
	}
	cfg, err := wp.ReadConfig(ctx, conn.FS, loc)
	if err != nil {
		return nil, err
	}
	s := &Site{Conn: conn, Loc: loc, Config: cfg}
	if v, err := wp.ReadVersion(ctx, conn.FS, loc.ABSPATH); err == nil {
		s.Version = v
	}
	s.DB, s.DBAt, s.DBErr = openDB(ctx, conn, cfg, dbTimeout)
	return s, nil
}

func openDB(ctx context.Context, conn *connect.Conn, cfg *wp.Config, timeout time.Duration) (*wpdb.DB, dbconn.Endpoint, error) {
	if cfg.TablePrefix == "" {
		return nil, dbconn.Endpoint{}, fmt.Errorf("the table prefix is not known statically")
	}
	ep, err := dbconn.ParseHost(cfg.DB.Host)
	if err != nil {
		return nil, ep, err
	}
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	creds := dbconn.Creds{User: cfg.DB.User, Password: cfg.DB.Password.Reveal(), Name: cfg.DB.Name, Charset: cfg.DB.Charset}
	sqlDB, at, err := dbconn.Open(ctx, conn.Dialer, ep, creds, timeout)
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
	if s.DB != nil {
		s.DB.Close()
	}
}
