package logs

import "testing"

func TestAttributeStandard(t *testing.T) {
	l := StandardLayout("/srv/x/")
	tests := []struct {
		path string
		id   string
	}{
		{"/srv/x/wp-content/plugins/woocommerce/includes/class-wc.php", "plugin:woocommerce"},
		{"/srv/x/wp-content/plugins/hello.php", "plugin:hello"},
		{"/srv/x/wp-content/plugins/index.php", "plugin:index"},
		{"/srv/x/wp-content/plugins", "other"},
		{"/srv/x/wp-content/plugins2/a/b.php", "other"},
		{"/srv/x/wp-content/themes/twentytwentythree/functions.php", "theme:twentytwentythree"},
		{"/srv/x/wp-content/themes/index.php", "other"},
		{"/srv/x/wp-content/mu-plugins/wpd-mu.php", "mu-plugin:wpd-mu.php"},
		{"/srv/x/wp-content/mu-plugins/loader/site-tweaks.php", "mu-plugin:loader"},
		{"/srv/x/wp-content/mu-plugins/a/b/c.php", "mu-plugin:a"},
		{"/srv/x/wp-content/object-cache.php", "drop-in:object-cache.php"},
		{"/srv/x/wp-content/advanced-cache.php", "drop-in:advanced-cache.php"},
		{"/srv/x/wp-content/db.php", "drop-in:db.php"},
		{"/srv/x/wp-content/fatal-error-handler.php", "drop-in:fatal-error-handler.php"},
		{"/srv/x/wp-content/sunrise.php", "drop-in:sunrise.php"},
		{"/srv/x/wp-content/php-error.php", "drop-in:php-error.php"},
		{"/srv/x/wp-content/random.php", "other"},
		{"/srv/x/wp-content/uploads/2026/11/evil.php", "other"},
		{"/srv/x/wp-content/cache/db.php", "other"},
		{"/srv/x/wp-includes/class-wp-hook.php", "core"},
		{"/srv/x/wp-admin/includes/plugin.php", "core"},
		{"/srv/x/wp-settings.php", "core"},
		{"/srv/x/wp-config.php", "core"},
		{"/srv/x/index.php", "core"},
		{"/srv/x/xmlrpc.php", "core"},
		{"/srv/x/custom.php", "other"},
		{"/srv/x/wp-includesX/a.php", "other"},
		{"/srv/wp-config.php", "other"},
		{"/usr/share/php/PEAR.php", "other"},
		{"Unknown", "other"},
		{"", "other"},
		{"relative/wp-content/plugins/a/a.php", "other"},
		{"/srv/x//wp-content/./plugins/akismet/akismet.php", "plugin:akismet"},
		{"/srv/x/wp-content/plugins/p/p.php(12) : eval()'d code", "plugin:p"},
		{"/srv/x/wp-content/plugins/p/p.php(3) : runtime-created function", "plugin:p"},
		{"phar:///srv/x/wp-content/plugins/p/lib.phar/src/a.php", "plugin:p"},
		{"/srv/x/wp-content/plugins/../themes/t/f.php", "theme:t"},
	}
	for _, tt := range tests {
		c := l.Attribute(tt.path)
		if c.ID() != tt.id {
			t.Errorf("Attribute(%q) = %s, want %s", tt.path, c.ID(), tt.id)
		}
		if c.Path != tt.path {
			t.Errorf("Attribute(%q).Path = %q", tt.path, c.Path)
		}
	}
}

func TestAttributeCustomLayout(t *testing.T) {
	// Bedrock-like: WordPress in web/wp, content in web/app, an extra theme
	// root inside a plugin, and a plugin dir outside the content dir.
	l := Layout{
		ABSPATH:     []string{"/app/web/wp"},
		ContentDir:  []string{"/app/web/app"},
		PluginDir:   []string{"/app/web/app/plugins", "/opt/shared-plugins"},
		MUPluginDir: []string{"/app/web/app/mu-plugins"},
		ThemeRoots:  []string{"/app/web/app/themes", "/app/web/app/plugins/theme-pack/themes"},
	}
	tests := map[string]string{
		"/app/web/wp/wp-includes/load.php":                        "core",
		"/app/web/wp/wp-settings.php":                             "core",
		"/app/web/app/plugins/acf/acf.php":                        "plugin:acf",
		"/opt/shared-plugins/redis-cache/redis-cache.php":         "plugin:redis-cache",
		"/app/web/app/plugins/theme-pack/themes/dark/index.php":   "theme:dark",
		"/app/web/app/plugins/theme-pack/theme-pack.php":          "plugin:theme-pack",
		"/app/web/app/mu-plugins/bedrock-autoloader.php":          "mu-plugin:bedrock-autoloader.php",
		"/app/web/app/object-cache.php":                           "drop-in:object-cache.php",
		"/app/web/wp/wp-content/object-cache.php":                 "other",
		"/app/vendor/guzzlehttp/guzzle/src/Client.php":            "other",
		"/app/web/app/themes/sage/resources/views/app.blade.php":  "theme:sage",
		"/app/web/app/themes/sage/../../plugins/x/x.php":          "plugin:x",
		"/app/web/app/plugins/acf/../../../wp/wp-admin/admin.php": "core",
	}
	for p, want := range tests {
		if got := l.Attribute(p).ID(); got != want {
			t.Errorf("Attribute(%q) = %s, want %s", p, got, want)
		}
	}
}

func TestAttributeAlternates(t *testing.T) {
	// The site lives in /srv/site1/releases/42 behind a /srv/site1/current
	// symlink, and PHP-FPM runs in a container that mounts it at /var/www/html.
	l := StandardLayout("/srv/site1/releases/42").
		WithAlias("/srv/site1/current", "/srv/site1/releases/42").
		WithAlias("/var/www/html", "/srv/site1/releases/42")
	tests := map[string]string{
		"/srv/site1/releases/42/wp-content/plugins/a/a.php": "plugin:a",
		"/srv/site1/current/wp-content/plugins/a/a.php":     "plugin:a",
		"/var/www/html/wp-content/plugins/a/a.php":          "plugin:a",
		"/var/www/html/wp-content/mu-plugins/m.php":         "mu-plugin:m.php",
		"/var/www/html/wp-content/themes/t/functions.php":   "theme:t",
		"/var/www/html/wp-content/db.php":                   "drop-in:db.php",
		"/srv/site1/current/wp-includes/plugin.php":         "core",
		"/var/www/htmlx/wp-includes/plugin.php":             "other",
	}
	for p, want := range tests {
		if got := l.Attribute(p).ID(); got != want {
			t.Errorf("Attribute(%q) = %s, want %s", p, got, want)
		}
	}
	// WithAlias must not modify the receiver.
	base := StandardLayout("/srv/a")
	_ = base.WithAlias("/b", "/srv/a")
	if len(base.PluginDir) != 1 {
		t.Errorf("WithAlias modified its receiver: %v", base.PluginDir)
	}
	// Per-field alternates given by hand work the same.
	hand := Layout{PluginDir: []string{"/srv/a/wp-content/plugins", "/chroot/wp-content/plugins/"}}
	if got := hand.Attribute("/chroot/wp-content/plugins/z/z.php").ID(); got != "plugin:z" {
		t.Errorf("hand alternate = %s", got)
	}
}

func TestAttributeRootDir(t *testing.T) {
	l := Layout{ABSPATH: []string{"/"}, PluginDir: []string{"/wp-content/plugins"}}
	if got := l.Attribute("/wp-includes/x.php").ID(); got != "core" {
		t.Errorf("root ABSPATH core = %s", got)
	}
	if got := l.Attribute("/wp-content/plugins/a/b.php").ID(); got != "plugin:a" {
		t.Errorf("root ABSPATH plugin = %s", got)
	}
}

func TestComponentID(t *testing.T) {
	tests := []struct {
		c   Component
		id  string
		ext bool
	}{
		{Component{Kind: CompPlugin, Slug: "a"}, "plugin:a", true},
		{Component{Kind: CompTheme, Slug: "t"}, "theme:t", true},
		{Component{Kind: CompMUPlugin, Slug: "m.php"}, "mu-plugin:m.php", true},
		{Component{Kind: CompDropIn, Slug: "db.php"}, "drop-in:db.php", true},
		{Component{Kind: CompCore}, "core", false},
		{Component{Kind: CompOther}, "other", false},
		{Component{}, "other", false},
	}
	for _, tt := range tests {
		if tt.c.ID() != tt.id || tt.c.IsExtension() != tt.ext {
			t.Errorf("%+v: ID %s ext %v", tt.c, tt.c.ID(), tt.c.IsExtension())
		}
	}
}
