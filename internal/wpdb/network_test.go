package wpdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
	"github.com/wpdoctor/wpdoctor/internal/multisite"
)

// socketEnv names a MySQL/MariaDB socket where root may log in; without
// it the lab's MariaDB is used (root over its socket).
const socketEnv = "WPDOCTOR_TEST_MYSQL_SOCKET"

// scratchDB creates a database of its own (h13_…, dropped when the test
// ends) with the network tables as WordPress's schema.php creates them,
// archived in the pre-3.0 enum('0','1') form that a bare 0 would not match.
func scratchDB(t *testing.T) *sql.DB {
	t.Helper()
	sock := os.Getenv(socketEnv)
	if sock == "" {
		sock = labtest.Facts(t).MySQLSock
	}
	cfg := mysql.NewConfig()
	cfg.User, cfg.Net, cfg.Addr = "root", "unix", sock
	root, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	ctx := context.Background()
	name := fmt.Sprintf("h13_wpdb_%d", time.Now().UnixNano())
	if _, err := root.ExecContext(ctx, "CREATE DATABASE `"+name+"`"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := root.ExecContext(context.Background(), "DROP DATABASE `"+name+"`"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	cfg.DBName = name
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, q := range []string{
		"CREATE TABLE wp_blogs (blog_id bigint(20) NOT NULL auto_increment, site_id bigint(20) NOT NULL default '0', domain varchar(200) NOT NULL default '', path varchar(100) NOT NULL default '', registered datetime NOT NULL default '0000-00-00 00:00:00', last_updated datetime NOT NULL default '0000-00-00 00:00:00', public tinyint(2) NOT NULL default '1', archived enum('0','1') NOT NULL default '0', mature tinyint(2) NOT NULL default '0', spam tinyint(2) NOT NULL default '0', deleted tinyint(2) NOT NULL default '0', lang_id int(11) NOT NULL default '0', PRIMARY KEY (blog_id))",
		"CREATE TABLE wp_sitemeta (meta_id bigint(20) unsigned NOT NULL auto_increment, site_id bigint(20) unsigned NOT NULL default '0', meta_key varchar(255) default NULL, meta_value longtext, PRIMARY KEY (meta_id))",
		"CREATE TABLE wp_options (option_id bigint(20) unsigned NOT NULL auto_increment, option_name varchar(191) NOT NULL default '', option_value longtext NOT NULL, autoload varchar(20) NOT NULL default 'yes', PRIMARY KEY (option_id), UNIQUE KEY option_name (option_name))",
		"CREATE TABLE wp_2_options LIKE wp_options",
		"INSERT INTO wp_blogs (blog_id, site_id, domain, path, archived, spam, deleted) VALUES (1, 1, 'uni.example', '/', '0', 0, 0), (2, 1, 'uni.example', '/chem/', '0', 0, 0), (3, 1, 'uni.example', '/old/', '1', 0, 0), (4, 1, 'uni.example', '/spam/', '0', 1, 0), (5, 1, 'uni.example', '/gone/', '0', 0, 1), (6, 2, 'other.example', '/', '0', 0, 0), (7, 1, 'uni.example', '/lost/', '0', 0, 0)",
		"INSERT INTO wp_sitemeta (site_id, meta_key, meta_value) VALUES (2, 'active_sitewide_plugins', 'a:0:{}'), (1, 'active_sitewide_plugins', 'a:1:{s:9:\"hello.php\";i:1700000123;}'), (1, 'active_sitewide_plugins', 'a:0:{}')",
		"INSERT INTO wp_options (option_name, option_value) VALUES ('siteurl', 'https://uni.example'), ('home', 'https://uni.example'), ('active_plugins', 'a:0:{}'), ('template', 'uni'), ('stylesheet', 'uni-child')",
		"INSERT INTO wp_2_options (option_name, option_value) VALUES ('home', 'https://uni.example/chem'), ('active_plugins', 'a:1:{i:0;s:11:\"lab/lab.php\";}'), ('template', ''), ('stylesheet', 'chem')",
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return db
}

func TestLabNetworkTables(t *testing.T) {
	ctx := context.Background()
	d, err := New(scratchDB(t), "wp_")
	if err != nil {
		t.Fatal(err)
	}
	blogs, err := d.Blogs(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := []multisite.Blog{{ID: 1, Domain: "uni.example", Path: "/"}, {ID: 2, Domain: "uni.example", Path: "/chem/"}, {ID: 7, Domain: "uni.example", Path: "/lost/"}}
	if !reflect.DeepEqual(blogs, want) {
		t.Errorf("Blogs = %+v, want %+v", blogs, want)
	}
	if v, ok, err := d.SiteMeta(ctx, 1, "active_sitewide_plugins"); err != nil || !ok || string(v) != `a:1:{s:9:"hello.php";i:1700000123;}` {
		t.Errorf("SiteMeta = %q, %v, %v", v, ok, err)
	}
	if _, ok, err := d.SiteMeta(ctx, 3, "active_sitewide_plugins"); ok || err != nil {
		t.Errorf("SiteMeta of no network = %v, %v", ok, err)
	}
	opts, err := d.Options(ctx, "wp_2_", "active_plugins", "template", "stylesheet", "home", "nope")
	if err != nil {
		t.Fatal(err)
	}
	if len(opts) != 4 || string(opts["template"]) != "" || opts["template"] == nil || string(opts["stylesheet"]) != "chem" {
		t.Errorf("Options = %q", opts)
	}
	if _, err := d.Options(ctx, "wp_7_", "home"); !errors.Is(err, ErrNoTables) || err.Error() != "WordPress tables not found: no table wp_7_options" {
		t.Errorf("missing table: %v", err)
	}
	if _, err := d.Options(ctx, "wp_`x", "home"); !errors.Is(err, ErrBadPrefix) {
		t.Errorf("bad prefix: %v", err)
	}

	n, err := multisite.Read(ctx, d, multisite.Config{Domain: "uni.example", Path: "/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Sites) != 3 || n.Site(2).URL != "https://uni.example/chem/" || n.Site(7).Err == "" || n.Plugins.Files()[0] != "hello.php" {
		t.Errorf("network = %+v", n)
	}

	other, _ := New(d.SQL(), "nope_")
	if _, err := other.Blogs(ctx, 1); !errors.Is(err, ErrNoTables) {
		t.Errorf("no blogs table: %v", err)
	}
	if _, _, err := other.SiteMeta(ctx, 1, "x"); !errors.Is(err, ErrNoTables) {
		t.Errorf("no sitemeta table: %v", err)
	}
}

// TestLabNetworkRows reads, swaps, deletes and digests sub-site and network
// rows through the qualified names the journal uses.
func TestLabNetworkRows(t *testing.T) {
	ctx := context.Background()
	d, err := New(scratchDB(t), "wp_")
	if err != nil {
		t.Fatal(err)
	}
	r := d.Rows(1)
	sub, meta := OptionKey("wp_", "wp_2_", "active_plugins"), SiteMetaKey("wp_", 1, "active_sitewide_plugins")
	if sub != "[wp_2_options] active_plugins" || meta != "[wp_sitemeta 1] active_sitewide_plugins" || OptionKey("wp_", "wp_", "home") != "home" {
		t.Fatalf("keys %q %q", sub, meta)
	}
	if v, ok, err := r.Option(ctx, sub); err != nil || !ok || string(v) != `a:1:{i:0;s:11:"lab/lab.php";}` {
		t.Errorf("sub-site row = %q %v %v", v, ok, err)
	}
	if v, ok, err := r.Option(ctx, "stylesheet"); err != nil || !ok || string(v) != "uni-child" {
		t.Errorf("base row = %q %v %v", v, ok, err)
	}
	// Of the duplicate rows, the first (WordPress's) is the one written.
	old := []byte(`a:1:{s:9:"hello.php";i:1700000123;}`)
	if ok, err := r.CompareAndSwapOption(ctx, meta, true, []byte("a:0:{}"), []byte("x")); ok || err != nil {
		t.Errorf("swap from a stale value: %v %v", ok, err)
	}
	if ok, err := r.CompareAndSwapOption(ctx, meta, true, old, []byte("a:0:{}")); !ok || err != nil {
		t.Errorf("swap: %v %v", ok, err)
	}
	var n int
	if err := d.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM wp_sitemeta WHERE site_id = 1 AND meta_value = 'a:0:{}'").Scan(&n); err != nil || n != 2 {
		t.Errorf("%d rows hold a:0:{}, want 2 (%v)", n, err)
	}
	if ok, err := r.CompareAndSwapOption(ctx, meta, true, []byte("a:0:{}"), old); !ok || err != nil {
		t.Errorf("swap back: %v %v", ok, err)
	}
	// A missing network option is created once, and deleted.
	fresh := SiteMetaKey("wp_", 1, "wpdoctor_test")
	if ok, err := r.CompareAndSwapOption(ctx, fresh, false, nil, []byte("1")); !ok || err != nil {
		t.Errorf("insert: %v %v", ok, err)
	}
	if ok, err := r.CompareAndSwapOption(ctx, fresh, false, nil, []byte("2")); ok || err != nil {
		t.Errorf("second insert: %v %v", ok, err)
	}
	if ok, err := r.DeleteOption(ctx, fresh, []byte("1")); !ok || err != nil {
		t.Errorf("delete: %v %v", ok, err)
	}
	// A qualifier of another install's tables is an ordinary name.
	if _, ok, err := r.Option(ctx, "[other_2_options] home"); ok || err != nil {
		t.Errorf("foreign qualifier: %v %v", ok, err)
	}

	all, err := r.OptionDigests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"home", "[wp_2_options] stylesheet", meta, meta + "#3"} {
		if all[k] == "" {
			t.Errorf("digest has no %q: %v", k, all)
		}
	}
	if len(all) != 5+4+2 {
		t.Errorf("%d rows digested, want 11: %v", len(all), all)
	}
}
