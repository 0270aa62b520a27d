// Package wpdb reads and writes the WordPress rows a doctor needs — options
// (and network options on multisite) — in any table prefix, exactly as
// stored (raw bytes, never re-encoded).
package wpdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"

	"github.com/go-sql-driver/mysql"
)

// Errors callers branch on.
var (
	ErrBadPrefix = errors.New("table prefix is not a valid WordPress prefix")
	ErrNoTables  = errors.New("WordPress tables not found")
	ErrNoOption  = errors.New("option not found")
)

var validPrefix = regexp.MustCompile(`^[A-Za-z0-9_]+$`)

// DB is a WordPress database with its table prefix.
type DB struct {
	db     *sql.DB
	prefix string
}

// New wraps db. The prefix is checked as WordPress's wp-config.php does
// (letters, digits, underscores), which also keeps it safe to put in SQL.
func New(db *sql.DB, prefix string) (*DB, error) {
	if !validPrefix.MatchString(prefix) {
		return nil, fmt.Errorf("%w: %q", ErrBadPrefix, prefix)
	}
	return &DB{db: db, prefix: prefix}, nil
}

// Prefix is the table prefix.
func (d *DB) Prefix() string { return d.prefix }

// SQL is the underlying handle.
func (d *DB) SQL() *sql.DB { return d.db }

// Close closes the connection.
func (d *DB) Close() error { return d.db.Close() }

func (d *DB) options() string { return "`" + d.prefix + "options`" }

// Check verifies that the options table exists under the prefix.
func (d *DB) Check(ctx context.Context) error {
	var n int
	err := d.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+d.options()+" WHERE option_name = 'siteurl'").Scan(&n)
	var me *mysql.MySQLError
	if errors.As(err, &me) && me.Number == 1146 {
		return fmt.Errorf("%w: no table %soptions (is $table_prefix %q right?)", ErrNoTables, d.prefix, d.prefix)
	}
	if err != nil {
		return fmt.Errorf("read %soptions: %w", d.prefix, err)
	}
	if n == 0 {
		return fmt.Errorf("%w: %soptions has no siteurl row (WordPress not installed?)", ErrNoTables, d.prefix)
	}
	return nil
}

// Option returns an option's raw value; found is false when there is no row.
func (d *DB) Option(ctx context.Context, name string) (value []byte, found bool, err error) {
	err = d.db.QueryRowContext(ctx, "SELECT option_value FROM "+d.options()+" WHERE option_name = ?", name).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read option %s: %w", name, err)
	}
	if value == nil {
		value = []byte{}
	}
	return value, true, nil
}

// CompareAndSwapOption sets an option to new only if it still holds old
// (found=false for old means "no row": the row is then inserted). It
// reports whether it swapped: false means someone else changed the row.
func (d *DB) CompareAndSwapOption(ctx context.Context, name string, oldFound bool, old, new []byte) (bool, error) {
	var res sql.Result
	var err error
	if oldFound {
		res, err = d.db.ExecContext(ctx, "UPDATE "+d.options()+" SET option_value = ? WHERE option_name = ? AND option_value = BINARY ?", new, name, old)
	} else {
		res, err = d.db.ExecContext(ctx, "INSERT IGNORE INTO "+d.options()+" (option_name, option_value, autoload) VALUES (?, ?, 'yes')", name, new)
	}
	if err != nil {
		return false, fmt.Errorf("write option %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("write option %s: %w", name, err)
	}
	return n == 1, nil
}

// DeleteOption removes an option row if it still holds value (undoing an
// insert). It reports whether it deleted.
func (d *DB) DeleteOption(ctx context.Context, name string, value []byte) (bool, error) {
	res, err := d.db.ExecContext(ctx, "DELETE FROM "+d.options()+" WHERE option_name = ? AND option_value = BINARY ?", name, value)
	if err != nil {
		return false, fmt.Errorf("delete option %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// OptionDigests returns every option row's name with the SHA-256 of its
// value (lower-case hex), computed by the server so that no value crosses
// the connection. The journal compares two of these to find rows a run
// created, changed or removed without touching them itself.
func (d *DB) OptionDigests(ctx context.Context) (map[string]string, error) {
	rows, err := d.db.QueryContext(ctx, "SELECT option_name, SHA2(option_value, 256) FROM "+d.options())
	if err != nil {
		return nil, tableErr(err, d.prefix+"options")
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name string
		var sum sql.NullString
		if err := rows.Scan(&name, &sum); err != nil {
			return nil, fmt.Errorf("read %soptions: %w", d.prefix, err)
		}
		out[name] = sum.String
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %soptions: %w", d.prefix, err)
	}
	return out, nil
}
