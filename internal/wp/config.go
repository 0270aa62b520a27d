package wp

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/wpconfig"
)

// ErrBadConfig means wp-config.php cannot be read safely (not PHP, empty,
// too large, or a layout wpdoctor does not understand).
var ErrBadConfig = errors.New("cannot read wp-config.php safely")

// maxConfigSize bounds how much of a wp-config.php wpdoctor reads.
const maxConfigSize = 4 << 20

// Config is what matters of a wp-config.php, typed. Values that cannot be
// known without running PHP are listed in Unknown, never guessed.
type Config struct {
	Path        string   `json:"path"`
	Style       string   `json:"style"` // classic, bedrock, loader, unknown
	Damaged     bool     `json:"damaged,omitempty"`
	Diagnostics []string `json:"diagnostics,omitempty"`
	CRLF        bool     `json:"crlf,omitempty"`

	TablePrefix string     `json:"table_prefix"`
	DB          DBSettings `json:"db"`

	Debug        *bool  `json:"wp_debug,omitempty"`
	DebugLog     string `json:"wp_debug_log,omitempty"` // "true", "false" or a path
	DebugDisplay *bool  `json:"wp_debug_display,omitempty"`

	ContentDir  string `json:"content_dir"`
	PluginDir   string `json:"plugin_dir"`
	MUPluginDir string `json:"mu_plugin_dir"`

	WPCache                  bool   `json:"wp_cache"`
	Multisite                bool   `json:"multisite"`
	SubdomainInstall         bool   `json:"subdomain_install,omitempty"`
	Sunrise                  bool   `json:"sunrise,omitempty"`
	DisableFatalErrorHandler bool   `json:"disable_fatal_error_handler,omitempty"`
	DisableWPCron            bool   `json:"disable_wp_cron,omitempty"`
	MemoryLimit              string `json:"wp_memory_limit,omitempty"`
	Home                     string `json:"wp_home,omitempty"`
	SiteURL                  string `json:"wp_siteurl,omitempty"`

	// The network's address and IDs on multisite: DOMAIN_CURRENT_SITE,
	// PATH_CURRENT_SITE, SITE_ID_CURRENT_SITE and BLOG_ID_CURRENT_SITE
	// ("" and 0 when not defined: WordPress then looks the network up).
	DomainCurrentSite string `json:"domain_current_site,omitempty"`
	PathCurrentSite   string `json:"path_current_site,omitempty"`
	SiteIDCurrentSite int64  `json:"site_id_current_site,omitempty"`
	BlogIDCurrentSite int64  `json:"blog_id_current_site,omitempty"`

	// Unknown lists constants that matter whose value is dynamic, with why.
	Unknown []string `json:"unknown,omitempty"`
	// Assumed lists values read from the environment with a fallback
	// (getenv('X') ?: 'y', isset($_ENV['X']) ? … : 'y'), evaluated as a
	// PHP-FPM worker sees them, with the branch taken and why. Secret
	// values are never shown.
	Assumed []string `json:"assumed,omitempty"`
	// EnvReads names the environment variables constants are read from,
	// for finding the PHP-FPM pool settings that pass them.
	EnvReads []string `json:"-"`

	// Source is the file's bytes, kept in memory for editing; never
	// serialized.
	Source []byte           `json:"-"`
	Parsed *wpconfig.Config `json:"-"`
}

// DBSettings are the DB_* constants; the password is a Secret.
type DBSettings struct {
	Name     string `json:"name"`
	User     string `json:"user"`
	Password Secret `json:"password"`
	Host     string `json:"host"`
	Charset  string `json:"charset,omitempty"`
}

// ReadConfig reads and types the install's wp-config.php as a PHP-FPM
// worker with the default clear_env = yes, whose pool passes no variables,
// would see it.
func ReadConfig(ctx context.Context, fsys site.FS, loc Location) (*Config, error) {
	return ReadConfigIn(ctx, fsys, loc, wpconfig.RuntimeEnv{})
}

// ReadConfigIn reads wp-config.php as a worker running in env (its pool's
// env[...] settings) would see it.
func ReadConfigIn(ctx context.Context, fsys site.FS, loc Location, env wpconfig.RuntimeEnv) (*Config, error) {
	fi, err := fsys.Stat(ctx, loc.Config)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", loc.Config, err)
	}
	if fi.Size() > maxConfigSize {
		return nil, fmt.Errorf("%w: %s is %d bytes", ErrBadConfig, loc.Config, fi.Size())
	}
	src, err := fsys.ReadFile(ctx, loc.Config)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", loc.Config, err)
	}
	parsed, err := wpconfig.Parse(src)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrBadConfig, loc.Config, err)
	}
	c := &Config{Path: loc.Config, Style: parsed.Style.String(), Damaged: parsed.Damaged, CRLF: parsed.CRLF, Source: src, Parsed: parsed}
	for _, d := range parsed.Diagnostics {
		c.Diagnostics = append(c.Diagnostics, d.String())
	}
	r := resolver{cfg: parsed, env: wpconfig.Env{File: loc.Config, Constants: map[string]wpconfig.Value{
		"ABSPATH": wpconfig.StringLit(loc.ABSPATH + "/").Value(),
	}}, rt: env, out: c}
	for _, d := range append(parsed.Defines, parsed.TablePrefixes...) {
		if n := d.Value.EnvName(); n != "" && !slices.Contains(c.EnvReads, n) {
			c.EnvReads = append(c.EnvReads, n)
		}
	}

	if d, ok := parsed.TablePrefix(); ok {
		if s, ok := d.Value.Text(); ok {
			c.TablePrefix = s
		} else if v, why, ok := d.Value.Assume(env); ok && v.Kind == wpconfig.KindString && v.Str != "" {
			c.TablePrefix = v.Str
			c.Assumed = append(c.Assumed, fmt.Sprintf("$table_prefix = %q: %s", v.Str, why))
		} else {
			c.Unknown = append(c.Unknown, "$table_prefix: "+describeDynamic(d.Value))
		}
	} else {
		c.Unknown = append(c.Unknown, "$table_prefix: not set in this file")
	}
	c.DB = DBSettings{
		Name: r.str("DB_NAME", ""), User: r.str("DB_USER", ""), Password: NewSecret(r.str("DB_PASSWORD", "")),
		Host: r.str("DB_HOST", "localhost"), Charset: r.str("DB_CHARSET", ""),
	}
	c.Debug = r.boolPtr("WP_DEBUG")
	c.DebugDisplay = r.boolPtr("WP_DEBUG_DISPLAY")
	if v, ok := r.value("WP_DEBUG_LOG"); ok {
		switch v.Kind {
		case wpconfig.KindBool:
			c.DebugLog = fmt.Sprint(v.Bool)
		default:
			c.DebugLog, _ = v.Text()
		}
	}
	c.ContentDir = strings.TrimRight(r.str("WP_CONTENT_DIR", path.Join(loc.ABSPATH, "wp-content")), "/")
	c.PluginDir = strings.TrimRight(r.str("WP_PLUGIN_DIR", path.Join(c.ContentDir, "plugins")), "/")
	c.MUPluginDir = strings.TrimRight(r.str("WPMU_PLUGIN_DIR", path.Join(c.ContentDir, "mu-plugins")), "/")
	c.WPCache = r.truthy("WP_CACHE")
	c.Multisite = r.truthy("MULTISITE")
	c.SubdomainInstall = r.truthy("SUBDOMAIN_INSTALL")
	c.DomainCurrentSite = r.str("DOMAIN_CURRENT_SITE", "")
	c.PathCurrentSite = r.str("PATH_CURRENT_SITE", "")
	c.SiteIDCurrentSite = r.int("SITE_ID_CURRENT_SITE")
	c.BlogIDCurrentSite = r.int("BLOG_ID_CURRENT_SITE")
	c.Sunrise = r.truthy("SUNRISE")
	c.DisableFatalErrorHandler = r.truthy("WP_DISABLE_FATAL_ERROR_HANDLER")
	c.DisableWPCron = r.truthy("DISABLE_WP_CRON")
	c.MemoryLimit = r.str("WP_MEMORY_LIMIT", "")
	c.Home = r.str("WP_HOME", "")
	c.SiteURL = r.str("WP_SITEURL", "")
	return c, nil
}

// resolver looks constants up, recording the ones that are dynamic.
type resolver struct {
	cfg *wpconfig.Config
	env wpconfig.Env
	rt  wpconfig.RuntimeEnv // the worker's environment, for values that read it
	out *Config
}

func (r resolver) value(name string) (wpconfig.Value, bool) {
	d, ok := r.cfg.Lookup(name)
	if !ok {
		return wpconfig.Value{}, false
	}
	v, ok := r.cfg.Resolve(name, r.env)
	if !ok {
		if av, why, ok := d.Value.Assume(r.rt); ok {
			note := name + ": " + why
			if s, ok := av.Text(); ok && !wpconfig.Secret(name) {
				note = fmt.Sprintf("%s = %q: %s", name, s, why)
			}
			r.out.Assumed = append(r.out.Assumed, note)
			return av, true
		}
		if !wpconfig.Secret(name) {
			r.out.Unknown = append(r.out.Unknown, name+": "+describeDynamic(d.Value))
		} else {
			r.out.Unknown = append(r.out.Unknown, name+": not a literal")
		}
		return wpconfig.Value{}, false
	}
	return v, true
}

func (r resolver) str(name, def string) string {
	v, ok := r.value(name)
	if !ok {
		return def
	}
	if s, ok := v.Text(); ok {
		return s
	}
	return def
}

// int reads an integer constant, written as an int or a string of digits
// as PHP would convert it; 0 when it is not defined or not an integer.
func (r resolver) int(name string) int64 {
	v, ok := r.value(name)
	if !ok {
		return 0
	}
	s, _ := v.Text()
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		r.out.Unknown = append(r.out.Unknown, fmt.Sprintf("%s: %s is not an integer", name, v.Raw))
		return 0
	}
	return n
}

func (r resolver) truthy(name string) bool {
	v, ok := r.value(name)
	if !ok {
		return false
	}
	b, _ := v.Truthy()
	return b
}

func (r resolver) boolPtr(name string) *bool {
	v, ok := r.value(name)
	if !ok {
		return nil
	}
	b, ok := v.Truthy()
	if !ok {
		return nil
	}
	return &b
}

func describeDynamic(v wpconfig.Value) string {
	s := "set at run time"
	if v.Reason != "" {
		s = v.Reason
	}
	if v.EnvVar != "" {
		s += " (from environment variable " + v.EnvVar + ")"
	}
	return s
}
