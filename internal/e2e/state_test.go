package e2e

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"

	"github.com/wpdoctor/wpdoctor/internal/lab"
)

// siteState is what must be identical before and after a run: every file
// under the site's home (the document root and wp-config.php; the server
// logs excluded) and the option rows WordPress does not rewrite on its own.
type siteState struct {
	files   map[string]string // path → type, mode and content checksum
	options map[string]string
}

// volatile option rows are WordPress's own bookkeeping, rewritten by page
// loads and by its fatal-error recovery mode whether or not wpdoctor runs.
func volatile(name string) bool {
	for _, s := range []string{"transient", "cron", "recovery_", "_site_transient"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

func stateOf(t *testing.T, f *lab.Facts, s *lab.SiteFact) siteState {
	t.Helper()
	st := siteState{files: map[string]string{}, options: map[string]string{}}
	logs := filepath.Join(s.Home, "logs")
	err := filepath.WalkDir(s.Home, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == logs {
			return filepath.SkipDir
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		desc := fi.Mode().String()
		if fi.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(b)
			desc += " " + hex.EncodeToString(h[:])
		}
		st.files[p] = desc
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	db := siteDB(t, f, s)
	defer db.Close()
	readRows(t, db, st.options, "", "SELECT option_name, option_value FROM `"+s.Prefix+"options`")
	// A network: every sub-site's options and every network option too.
	for _, sub := range s.SubSites {
		readRows(t, db, st.options, "["+sub.Prefix+"] ", "SELECT option_name, option_value FROM `"+sub.Prefix+"options`")
	}
	if len(s.SubSites) > 0 {
		readRows(t, db, st.options, "[sitemeta] ", "SELECT CONCAT(meta_id, ' ', meta_key), meta_value FROM `"+s.Prefix+"sitemeta`")
	}
	return st
}

// siteDB connects to the site's database as its own user (the caller
// closes it).
func siteDB(t *testing.T, f *lab.Facts, s *lab.SiteFact) *sql.DB {
	t.Helper()
	cfg := mysql.NewConfig()
	cfg.User, cfg.Passwd, cfg.Net, cfg.Addr, cfg.DBName = s.DBUser, s.DBPassword, "tcp", fmt.Sprintf("127.0.0.1:%d", f.MySQLPort), s.DBName
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// readRows adds the name/value rows of query to into, named with prefix,
// leaving out the volatile ones.
func readRows(t *testing.T, db *sql.DB, into map[string]string, prefix, query string) {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n, v string
		if err := rows.Scan(&n, &v); err != nil {
			t.Fatal(err)
		}
		if !volatile(n) {
			into[prefix+n] = v
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// diff lists what differs between two states.
func (a siteState) diff(b siteState) []string {
	var out []string
	for p, d := range a.files {
		if b.files[p] != d {
			out = append(out, fmt.Sprintf("file %s: %q → %q", p, d, b.files[p]))
		}
	}
	for p := range b.files {
		if _, ok := a.files[p]; !ok {
			out = append(out, "file appeared: "+p)
		}
	}
	for n, v := range a.options {
		if w, ok := b.options[n]; !ok || w != v {
			out = append(out, fmt.Sprintf("option %s: %.80q → %.80q", n, v, b.options[n]))
		}
	}
	for n := range b.options {
		if _, ok := a.options[n]; !ok {
			out = append(out, "option appeared: "+n)
		}
	}
	sort.Strings(out)
	return out
}
