package dbconn

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/go-sql-driver/mysql"
)

// Errors callers branch on (and map to exit codes).
var (
	ErrUnreachable = errors.New("database unreachable")
	ErrAuth        = errors.New("database refused the credentials")
	ErrNoDatabase  = errors.New("database does not exist")
)

// Dialer reaches the database server's network and sockets: an SSH client
// (remote.Client) or a net.Dialer on the server itself.
type Dialer interface {
	DialContext(ctx context.Context, network, addr string) (net.Conn, error)
}

// Creds are the DB_* constants of wp-config.php.
type Creds struct {
	User, Password, Name, Charset string
}

// Open connects and pings; it tries the default sockets when the endpoint
// is "localhost" without a socket path. The returned DB has the endpoint
// that worked.
func Open(ctx context.Context, d Dialer, ep Endpoint, c Creds, timeout time.Duration) (*sql.DB, Endpoint, error) {
	candidates := []Endpoint{ep}
	if ep.Network == "unix" && ep.Addr == "" {
		candidates = candidates[:0]
		for _, s := range defaultSockets {
			candidates = append(candidates, Endpoint{Network: "unix", Addr: s})
		}
		candidates = append(candidates, Endpoint{Network: "tcp", Addr: "127.0.0.1:3306"})
	}
	var firstErr error
	for _, cand := range candidates {
		db, err := open(ctx, d, cand, c, timeout)
		if err == nil {
			return db, cand, nil
		}
		if !errors.Is(err, ErrUnreachable) {
			return nil, cand, err // reached a server: its answer stands
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, ep, firstErr
}

func open(ctx context.Context, d Dialer, ep Endpoint, c Creds, timeout time.Duration) (*sql.DB, error) {
	cfg := mysql.NewConfig()
	cfg.User, cfg.Passwd, cfg.DBName = c.User, c.Password, c.Name
	cfg.Net, cfg.Addr = ep.Network, ep.Addr
	cfg.Timeout, cfg.ReadTimeout, cfg.WriteTimeout = timeout, 2*timeout, 2*timeout
	cfg.AllowNativePasswords = true
	cfg.ClientFoundRows = true // an UPDATE that changes nothing still counts the row it matched
	cfg.Logger = discard{}     // the driver logs to stderr by default: it would garble a TUI
	if c.Charset != "" {
		if err := cfg.Apply(mysql.Charset(c.Charset, "")); err != nil {
			return nil, fmt.Errorf("database charset %q: %w", c.Charset, err)
		}
	}
	// A per-connection dial function, not the driver's global registry
	// (which never forgets a name: fleet mode opens many sites).
	cfg.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := d.DialContext(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		return tolerantDeadlines{c}, nil
	}
	conn, err := mysql.NewConnector(cfg)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", ep, err)
	}
	db := sql.OpenDB(conn)
	db.SetMaxOpenConns(2)
	db.SetConnMaxIdleTime(time.Minute)
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := db.PingContext(pctx); err != nil {
		db.Close()
		return nil, classify(ep, c, err)
	}
	return db, nil
}

// classify names a connection failure without ever quoting the password.
func classify(ep Endpoint, c Creds, err error) error {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		switch me.Number {
		case 1045:
			return fmt.Errorf("%w: %s refused user %q (is DB_PASSWORD right?)", ErrAuth, ep, c.User)
		case 1044:
			return fmt.Errorf("%w: user %q may not use database %q on %s", ErrAuth, c.User, c.Name, ep)
		case 1049:
			return fmt.Errorf("%w: %q on %s", ErrNoDatabase, c.Name, ep)
		}
		return fmt.Errorf("database %s: %s", ep, me.Message)
	}
	return fmt.Errorf("%w: %s: %w", ErrUnreachable, ep, err)
}

type discard struct{}

func (discard) Print(...any) {}

// tolerantDeadlines lets the driver set deadlines on connections that do not
// support them (SSH channels): the error is dropped, and the queries'
// contexts still bound every call.
type tolerantDeadlines struct{ net.Conn }

func (c tolerantDeadlines) SetDeadline(t time.Time) error { _ = c.Conn.SetDeadline(t); return nil }
func (c tolerantDeadlines) SetReadDeadline(t time.Time) error {
	_ = c.Conn.SetReadDeadline(t)
	return nil
}
func (c tolerantDeadlines) SetWriteDeadline(t time.Time) error {
	_ = c.Conn.SetWriteDeadline(t)
	return nil
}
