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
	if c.TablePrefix != "" || c.DB.Name != "" {
		t.Errorf("guessed a dynamic value: prefix %q name %q", c.TablePrefix, c.DB.Name)
	}
	joined := strings.Join(c.Unknown, "\n")
	if !strings.Contains(joined, "DB_NAME") || !strings.Contains(joined, "WORDPRESS_DB_NAME") || !strings.Contains(joined, "$table_prefix") {
		t.Errorf("unknown: %q", c.Unknown)
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
