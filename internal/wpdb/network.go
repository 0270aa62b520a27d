package wpdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/go-sql-driver/mysql"

	"github.com/wpdoctor/wpdoctor/internal/multisite"
)

// The network tables of a multisite install. On multisite the prefix the
// DB was opened with ($table_prefix) is the base prefix: the network's
// tables and site 1's are under it, site N's options under base + "N_".
// These methods implement multisite.DB.

func (d *DB) table(name string) string { return "`" + d.prefix + name + "`" }

// Blogs lists the live sites of network (site_id): the {base}blogs rows
// not deleted, archived or spam, by blog_id. The flags are compared with
// the string '0' because installs from before WordPress 3 still have
// archived as enum('0','1'), where a bare 0 would mean the enum's error
// value and match nothing.
func (d *DB) Blogs(ctx context.Context, network int64) ([]multisite.Blog, error) {
	rows, err := d.db.QueryContext(ctx, "SELECT blog_id, domain, path FROM "+d.table("blogs")+
		" WHERE site_id = ? AND deleted = '0' AND archived = '0' AND spam = '0' ORDER BY blog_id", network)
	if err != nil {
		return nil, tableErr(err, d.prefix+"blogs")
	}
	defer rows.Close()
	out := []multisite.Blog{}
	for rows.Next() {
		var b multisite.Blog
		if err := rows.Scan(&b.ID, &b.Domain, &b.Path); err != nil {
			return nil, fmt.Errorf("read %sblogs: %w", d.prefix, err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %sblogs: %w", d.prefix, err)
	}
	return out, nil
}

// SiteMeta returns a network option's raw value from {base}sitemeta; found
// is false when there is no row. Of duplicate rows the first (lowest
// meta_id) is returned.
func (d *DB) SiteMeta(ctx context.Context, network int64, key string) (value []byte, found bool, err error) {
	err = d.db.QueryRowContext(ctx, "SELECT meta_value FROM "+d.table("sitemeta")+
		" WHERE site_id = ? AND meta_key = ? ORDER BY meta_id LIMIT 1", network, key).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read network option %s: %w", key, tableErr(err, d.prefix+"sitemeta"))
	}
	if value == nil {
		value = []byte{}
	}
	return value, true, nil
}

// Options returns the raw values of the named options of the options
// table under prefix (a sub-site's, such as wp_2_), in one query. Names
// without a row are absent from the map.
func (d *DB) Options(ctx context.Context, prefix string, names ...string) (map[string][]byte, error) {
	if !validPrefix.MatchString(prefix) {
		return nil, fmt.Errorf("%w: %q", ErrBadPrefix, prefix)
	}
	out := map[string][]byte{}
	if len(names) == 0 {
		return out, nil
	}
	args := make([]any, len(names))
	for i, n := range names {
		args[i] = n
	}
	rows, err := d.db.QueryContext(ctx, "SELECT option_name, option_value FROM `"+prefix+"options` WHERE option_name IN (?"+strings.Repeat(", ?", len(names)-1)+")", args...)
	if err != nil {
		return nil, tableErr(err, prefix+"options")
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var value []byte
		if err := rows.Scan(&name, &value); err != nil {
			return nil, fmt.Errorf("read %soptions: %w", prefix, err)
		}
		if value == nil {
			value = []byte{}
		}
		out[name] = value
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %soptions: %w", prefix, err)
	}
	return out, nil
}

// tableErr names a missing table (MySQL error 1146) with ErrNoTables, and
// says what was being read otherwise.
func tableErr(err error, table string) error {
	var me *mysql.MySQLError
	if errors.As(err, &me) && me.Number == 1146 {
		return fmt.Errorf("%w: no table %s", ErrNoTables, table)
	}
	return fmt.Errorf("read %s: %w", table, err)
}

var _ multisite.DB = (*DB)(nil)
