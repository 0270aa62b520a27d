package wp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/wpconfig"
)

func mkTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const classic = "<?php\ndefine( 'DB_NAME', 'db' );\ndefine( 'DB_USER', 'u' );\ndefine( 'DB_PASSWORD', 'hunter2-secret' );\ndefine( 'DB_HOST', 'localhost:/run/mysqld/mysqld.sock' );\n$table_prefix = 'abc_';\ndefine( 'WP_DEBUG', false );\n/* That's all, stop editing! */\nrequire_once ABSPATH . 'wp-settings.php';\n"

func TestLocate(t *testing.T) {
	ctx := context.Background()
	fsys := site.LocalFS{}
	tests := []struct {
		name    string
		files   map[string]string
		start   string
		abspath string
		config  string
		err     error
	}{
		{"root", map[string]string{"wp-settings.php": "", "wp-config.php": classic}, "", "", "wp-config.php", nil},
		{"config above", map[string]string{"public_html/wp-settings.php": "", "wp-config.php": classic}, "public_html", "public_html", "wp-config.php", nil},
		{"home dir", map[string]string{"public_html/wp-settings.php": "", "public_html/wp-config.php": classic}, "", "public_html", "public_html/wp-config.php", nil},
		{"home dir, config above", map[string]string{"www/wp-settings.php": "", "wp-config.php": classic}, "", "www", "wp-config.php", nil},
		{"config file named", map[string]string{"wp-settings.php": "", "wp-config.php": classic}, "wp-config.php", "", "wp-config.php", nil},
		{"nested install does not take the parent's config", map[string]string{"wp-settings.php": "", "wp-config.php": classic, "blog/wp-settings.php": ""}, "blog", "", "", ErrNotWordPress},
		{"not installed", map[string]string{"wp-settings.php": ""}, "", "", "", ErrNotWordPress},
		{"not WordPress", map[string]string{"index.html": "hi"}, "", "", "", ErrNotWordPress},
		{"missing", map[string]string{}, "nope", "", "", ErrNotWordPress},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := mkTree(t, tt.files)
			loc, err := Locate(ctx, fsys, filepath.Join(root, tt.start))
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("err %v, want %v", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if loc.ABSPATH != filepath.Join(root, tt.abspath) || loc.Config != filepath.Join(root, tt.config) {
				t.Errorf("got %+v", loc)
			}
			if loc.How == "" {
				t.Error("no explanation of how it was found")
			}
		})
	}
}

func readCfg(t *testing.T, src string) (*Config, error) {
	t.Helper()
	root := mkTree(t, map[string]string{"wp-settings.php": "", "wp-config.php": src})
	return ReadConfig(context.Background(), site.LocalFS{}, Location{ABSPATH: root, Config: filepath.Join(root, "wp-config.php")})
}

func TestReadConfig(t *testing.T) {
	c, err := readCfg(t, classic)
	if err != nil {
		t.Fatal(err)
	}
	if c.TablePrefix != "abc_" || c.DB.Name != "db" || c.DB.User != "u" || c.DB.Password.Reveal() != "hunter2-secret" || c.DB.Host != "localhost:/run/mysqld/mysqld.sock" {
		t.Errorf("got %+v", c)
	}
	if c.Debug == nil || *c.Debug || c.WPCache || c.Multisite {
		t.Errorf("flags %+v", c)
	}
	if !strings.HasSuffix(c.ContentDir, "/wp-content") || c.PluginDir != c.ContentDir+"/plugins" || c.MUPluginDir != c.ContentDir+"/mu-plugins" {
		t.Errorf("dirs %s %s %s", c.ContentDir, c.PluginDir, c.MUPluginDir)
	}
	b, _ := json.Marshal(c)
	for _, s := range []string{string(b), fmt.Sprintf("%v %+v %#v %s", c, c, c.DB, c.DB.Password)} {
		if strings.Contains(s, "hunter2-secret") {
			t.Errorf("password leaked: %s", s)
		}
	}
}

func TestReadConfigContentDirAndDynamic(t *testing.T) {
	src := "<?php\ndefine('DB_NAME', getenv('WORDPRESS_DB_NAME') ?: 'wp');\ndefine('WP_CONTENT_DIR', __DIR__ . '/content');\ndefine('WP_PLUGIN_DIR', WP_CONTENT_DIR . '/extensions');\ndefine('WP_CACHE', true);\ndefine('MULTISITE', true);\n$table_prefix = getenv('PREFIX');\nrequire_once ABSPATH . 'wp-settings.php';\n"
	c, err := readCfg(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(c.ContentDir, "/content") || !strings.HasSuffix(c.PluginDir, "/content/extensions") {
		t.Errorf("dirs %s %s", c.ContentDir, c.PluginDir)
	}
	if !c.WPCache || !c.Multisite {
		t.Errorf("flags %+v", c)
	}
	// getenv('PREFIX') alone is false under PHP-FPM: no prefix is guessed.
	if c.TablePrefix != "" {
		t.Errorf("guessed a dynamic value: prefix %q", c.TablePrefix)
	}
	joined := strings.Join(c.Unknown, "\n")
	if strings.Contains(joined, "DB_NAME") || !strings.Contains(joined, "$table_prefix") {
		t.Errorf("unknown: %q", c.Unknown)
	}
	// getenv('WORDPRESS_DB_NAME') ?: 'wp' is 'wp' as PHP-FPM runs it.
	if c.DB.Name != "wp" || !strings.Contains(strings.Join(c.Assumed, "\n"), "getenv('WORDPRESS_DB_NAME') is false") {
		t.Errorf("DB_NAME %q, assumed %q", c.DB.Name, c.Assumed)
	}
}

// Issue 14, defect 6: DB_HOST and DB_PASSWORD through getenv() ?: …,
// defined() || define(), isset($_ENV[…]) ? … : … and $_SERVER are read as
// PHP-FPM (clear_env = yes) runs them — the fallbacks — saying so, and the
// password never appears in what is said.
func TestReadConfigEnvFallbacks(t *testing.T) {
	src := "<?php\n" +
		"defined('DB_NAME') || define('DB_NAME', getenv('WPD_DB_NAME') ?: 'shop');\n" +
		"define('DB_USER', isset($_ENV['WPD_DB_USER']) ? $_ENV['WPD_DB_USER'] : 'shopuser');\n" +
		"define('DB_PASSWORD', getenv('WPD_DB_PASSWORD') ?: 'fallback-s3cret');\n" +
		"define('DB_HOST', $_SERVER['WPD_DB_HOST'] ?? '127.0.0.1:3307');\n" +
		"$table_prefix = getenv('WPD_PREFIX') ?: 'shop_';\n" +
		"require_once ABSPATH . 'wp-settings.php';\n"
	c, err := readCfg(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB.Name != "shop" || c.DB.User != "shopuser" || c.DB.Password.Reveal() != "fallback-s3cret" || c.DB.Host != "127.0.0.1:3307" || c.TablePrefix != "shop_" {
		t.Errorf("db %+v prefix %q, want the fallbacks", c.DB, c.TablePrefix)
	}
	said := strings.Join(c.Assumed, "\n")
	for _, want := range []string{`DB_HOST = "127.0.0.1:3307": $_SERVER['WPD_DB_HOST'] is not set`, "DB_PASSWORD: getenv('WPD_DB_PASSWORD') is false", "fallback applies", "clear_env"} {
		if !strings.Contains(said, want) {
			t.Errorf("assumed %q lacks %q", c.Assumed, want)
		}
	}
	b, _ := json.Marshal(c)
	if strings.Contains(said, "fallback-s3cret") || strings.Contains(string(b), "fallback-s3cret") || len(c.Unknown) != 0 {
		t.Errorf("assumed %q, unknown %q, json %s", c.Assumed, c.Unknown, b)
	}
}

// Issue 14, defect 6: where the pool passes the variable (env[...]), the
// value it passes applies, the explanation names the pool, and only the
// variables read are listed for finding it.
func TestReadConfigInPoolEnv(t *testing.T) {
	src := "<?php\n" +
		"define('DB_PASSWORD', getenv('WPD_DB_PASSWORD') ?: 'wrong');\n" +
		"define('DB_HOST', getenv('WPD_DB_HOST') ?: '127.0.0.1:3307');\n" +
		"$table_prefix = getenv('WPD_PREFIX') ?: 'wp_';\n" +
		"require_once ABSPATH . 'wp-settings.php';\n"
	root := mkTree(t, map[string]string{"wp-settings.php": "", "wp-config.php": src})
	loc := Location{ABSPATH: root, Config: filepath.Join(root, "wp-config.php")}
	c, err := ReadConfig(context.Background(), site.LocalFS{}, loc)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.EnvReads, ","); got != "WPD_DB_PASSWORD,WPD_DB_HOST,WPD_PREFIX" {
		t.Errorf("EnvReads %q", got)
	}
	env := wpconfig.RuntimeEnv{Vars: map[string]string{"WPD_DB_PASSWORD": "from-the-pool"}, Source: "PHP-FPM pool shop sets env[WPD_DB_PASSWORD] (/etc/php/8.2/fpm/pool.d/shop.conf:9)"}
	c, err = ReadConfigIn(context.Background(), site.LocalFS{}, loc, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB.Password.Reveal() != "from-the-pool" || c.DB.Host != "127.0.0.1:3307" || c.TablePrefix != "wp_" {
		t.Errorf("password %q host %q prefix %q", c.DB.Password.Reveal(), c.DB.Host, c.TablePrefix)
	}
	said := strings.Join(c.Assumed, "\n")
	if !strings.Contains(said, "DB_PASSWORD: getenv('WPD_DB_PASSWORD') is set: PHP-FPM pool shop sets env[WPD_DB_PASSWORD] (/etc/php/8.2/fpm/pool.d/shop.conf:9), so that value applies") ||
		strings.Contains(said, "from-the-pool") {
		t.Errorf("assumed %q", c.Assumed)
	}
	// clear_env = no: a variable the pool does not set may come from the
	// master's environment: not known, so not guessed.
	env.Inherit = true
	c, err = ReadConfigIn(context.Background(), site.LocalFS{}, loc, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.DB.Password.Reveal() != "from-the-pool" || !strings.Contains(strings.Join(c.Unknown, "\n"), "DB_HOST") {
		t.Errorf("inherit: password %q unknown %q", c.DB.Password.Reveal(), c.Unknown)
	}
}

func TestReadConfigBad(t *testing.T) {
	if _, err := readCfg(t, "<html>not php</html>"); !errors.Is(err, ErrBadConfig) {
		t.Errorf("html: %v", err)
	}
	if _, err := readCfg(t, ""); !errors.Is(err, ErrBadConfig) {
		t.Errorf("empty: %v", err)
	}
	c, err := readCfg(t, "<?php\ndefine('DB_NAME', 'x');\ndefine('WP_DEBUG', true\n$table_prefix = 'wp_';\n")
	if err != nil || !c.Damaged || len(c.Diagnostics) == 0 {
		t.Errorf("damaged: %v %+v", err, c)
	}
}

func TestReadConfigNetwork(t *testing.T) {
	src := "<?php\ndefine('MULTISITE', true);\ndefine('SUBDOMAIN_INSTALL', false);\ndefine('DOMAIN_CURRENT_SITE', 'uni.example:8080');\ndefine('PATH_CURRENT_SITE', '/');\ndefine('SITE_ID_CURRENT_SITE', 1);\ndefine('BLOG_ID_CURRENT_SITE', '2');\n$table_prefix = 'wp_';\nrequire_once ABSPATH . 'wp-settings.php';\n"
	c, err := readCfg(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Multisite || c.SubdomainInstall || c.DomainCurrentSite != "uni.example:8080" || c.PathCurrentSite != "/" || c.SiteIDCurrentSite != 1 || c.BlogIDCurrentSite != 2 || len(c.Unknown) != 0 {
		t.Errorf("network constants: %+v", c)
	}
	c, err = readCfg(t, "<?php\ndefine('MULTISITE', true);\ndefine('SITE_ID_CURRENT_SITE', 'one');\n$table_prefix = 'wp_';\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.SiteIDCurrentSite != 0 || !strings.Contains(strings.Join(c.Unknown, "\n"), "SITE_ID_CURRENT_SITE: 'one' is not an integer") {
		t.Errorf("bad SITE_ID_CURRENT_SITE: %d, %q", c.SiteIDCurrentSite, c.Unknown)
	}
}
