package wpdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// NetworkRows is the option store of a multisite network: every row a run
// may touch, in every table, under one name space. A plain name is a row
// of the base options table ({base}options, the main site's), as on a
// single site; OptionKey and SiteMetaKey name the rows of a sub-site's
// options table and of the network's {base}sitemeta. It implements the
// journal's OptionStore and OptionLister, so that a run journals, undoes
// and compares sub-site and network rows like any other option.
type NetworkRows struct {
	*DB
	network int64
}

// Rows returns the network store of network (SITE_ID_CURRENT_SITE; 0
// means 1) over d, whose prefix is the base prefix.
func (d *DB) Rows(network int64) *NetworkRows {
	if network <= 0 {
		network = 1
	}
	return &NetworkRows{DB: d, network: network}
}

// OptionKey names the row name of the options table under prefix: name
// itself for the base table, "[{prefix}options] name" for another.
func OptionKey(base, prefix, name string) string {
	if prefix == base || prefix == "" {
		return name
	}
	return "[" + prefix + "options] " + name
}

// SiteMetaKey names the network option key of network in {base}sitemeta:
// "[{base}sitemeta N] key".
func SiteMetaKey(base string, network int64, key string) string {
	return "[" + base + "sitemeta " + strconv.FormatInt(network, 10) + "] " + key
}

// row is a parsed name: an option of the table under prefix, or (meta) a
// network option.
type row struct {
	prefix string
	meta   bool
	name   string
}

var qualified = regexp.MustCompile(`^\[([A-Za-z0-9_]+)(options|sitemeta ([0-9]+))\] (.+)$`)

// parse resolves a name. Only a qualifier naming this network's own tables
// is one: any other name is a row of the base table, as it always was.
func (r *NetworkRows) parse(name string) row {
	m := qualified.FindStringSubmatch(name)
	if m == nil || !strings.HasPrefix(m[1], r.prefix) {
		return row{prefix: r.prefix, name: name}
	}
	if m[3] != "" {
		if m[1] != r.prefix || m[3] != strconv.FormatInt(r.network, 10) {
			return row{prefix: r.prefix, name: name}
		}
		return row{prefix: r.prefix, meta: true, name: m[4]}
	}
	if !subPrefix(r.prefix, m[1]) {
		return row{prefix: r.prefix, name: name}
	}
	return row{prefix: m[1], name: m[4]}
}

// subPrefix reports whether p is a sub-site prefix of base: base + N + "_".
func subPrefix(base, p string) bool {
	n, ok := strings.CutPrefix(p, base)
	if !ok {
		return false
	}
	id, ok := strings.CutSuffix(n, "_")
	v, err := strconv.ParseInt(id, 10, 64)
	return ok && err == nil && v > 1 && strconv.FormatInt(v, 10) == id
}

func (r *NetworkRows) at(prefix string) *DB { return &DB{db: r.db, prefix: prefix} }

func (r *NetworkRows) sitemeta() string { return r.table("sitemeta") }

// Option reads a row.
func (r *NetworkRows) Option(ctx context.Context, name string) ([]byte, bool, error) {
	k := r.parse(name)
	if k.meta {
		return r.SiteMeta(ctx, r.network, k.name)
	}
	return r.at(k.prefix).Option(ctx, k.name)
}

// CompareAndSwapOption writes a row only if it still holds old. A network
// option with duplicate rows (WordPress reads the first) has its first row
// written.
func (r *NetworkRows) CompareAndSwapOption(ctx context.Context, name string, oldFound bool, old, new []byte) (bool, error) {
	k := r.parse(name)
	if !k.meta {
		return r.at(k.prefix).CompareAndSwapOption(ctx, k.name, oldFound, old, new)
	}
	var res sql.Result
	var err error
	if oldFound {
		var id int64
		var found bool
		if id, found, err = r.firstMeta(ctx, k.name); err != nil || !found {
			return false, err
		}
		res, err = r.db.ExecContext(ctx, "UPDATE "+r.sitemeta()+" SET meta_value = ? WHERE meta_id = ? AND meta_value = BINARY ?", new, id, old)
	} else {
		res, err = r.db.ExecContext(ctx, "INSERT INTO "+r.sitemeta()+" (site_id, meta_key, meta_value) SELECT ?, ?, ? FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM "+r.sitemeta()+" WHERE site_id = ? AND meta_key = ?)",
			r.network, k.name, new, r.network, k.name)
	}
	if err != nil {
		return false, fmt.Errorf("write network option %s: %w", k.name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("write network option %s: %w", k.name, err)
	}
	return n == 1, nil
}

// DeleteOption removes a row if it still holds value.
func (r *NetworkRows) DeleteOption(ctx context.Context, name string, value []byte) (bool, error) {
	k := r.parse(name)
	if !k.meta {
		return r.at(k.prefix).DeleteOption(ctx, k.name, value)
	}
	id, found, err := r.firstMeta(ctx, k.name)
	if err != nil || !found {
		return false, err
	}
	res, err := r.db.ExecContext(ctx, "DELETE FROM "+r.sitemeta()+" WHERE meta_id = ? AND meta_value = BINARY ?", id, value)
	if err != nil {
		return false, fmt.Errorf("delete network option %s: %w", k.name, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// OptionDigests lists every row of the network under its name: the base
// options table, the options table of every site in {base}blogs (of any
// network, deleted or archived too: their rows are the site's all the
// same) and this network's {base}sitemeta rows, each with the SHA-256 of
// its value computed by the server. A site listed in blogs whose table is
// gone is skipped. Of duplicate network option rows, each after the
// first is named with "#meta_id" after its key.
func (r *NetworkRows) OptionDigests(ctx context.Context) (map[string]string, error) {
	out, err := r.DB.OptionDigests(ctx)
	if err != nil {
		return nil, err
	}
	ids, err := r.blogIDs(ctx)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		p := r.prefix + strconv.FormatInt(id, 10) + "_"
		d, err := r.at(p).OptionDigests(ctx)
		if errors.Is(err, ErrNoTables) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for n, sum := range d {
			out[OptionKey(r.prefix, p, n)] = sum
		}
	}
	rows, err := r.db.QueryContext(ctx, "SELECT meta_id, meta_key, SHA2(meta_value, 256) FROM "+r.sitemeta()+" WHERE site_id = ? ORDER BY meta_id", r.network)
	if err != nil {
		return nil, tableErr(err, r.prefix+"sitemeta")
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var key, sum sql.NullString
		if err := rows.Scan(&id, &key, &sum); err != nil {
			return nil, fmt.Errorf("read %ssitemeta: %w", r.prefix, err)
		}
		name := SiteMetaKey(r.prefix, r.network, key.String)
		if _, dup := out[name]; dup {
			name += "#" + strconv.FormatInt(id, 10)
		}
		out[name] = sum.String
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %ssitemeta: %w", r.prefix, err)
	}
	return out, nil
}

// firstMeta finds the row WordPress reads for a network option: the first.
func (r *NetworkRows) firstMeta(ctx context.Context, key string) (id int64, found bool, err error) {
	err = r.db.QueryRowContext(ctx, "SELECT meta_id FROM "+r.sitemeta()+" WHERE site_id = ? AND meta_key = ? ORDER BY meta_id LIMIT 1", r.network, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("read network option %s: %w", key, tableErr(err, r.prefix+"sitemeta"))
	}
	return id, true, nil
}

// blogIDs lists every blog_id above 1 in {base}blogs.
func (r *NetworkRows) blogIDs(ctx context.Context) ([]int64, error) {
	rows, err := r.db.QueryContext(ctx, "SELECT blog_id FROM "+r.table("blogs")+" WHERE blog_id > 1 ORDER BY blog_id")
	if err != nil {
		return nil, tableErr(err, r.prefix+"blogs")
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read %sblogs: %w", r.prefix, err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}
