package lab

import (
	"sort"
)

// Scenario is one state of a lab site: which plugins are active, which theme,
// which must-use plugins and drop-ins are present, and whether PHP-FPM runs.
// Every scenario starts from the healthy baseline.
type Scenario struct {
	Name        string
	Description string
	Plugins     []string          // plugin files activated on top of the baseline set
	NoBaseline  bool              // activate only Plugins
	Fillers     bool              // also activate the filler plugins (sites that have them)
	Theme       string            // stylesheet to activate ("" = baseline)
	MU          []string          // extra must-use plugin files from the assets
	DropIns     map[string]string // drop-in name → asset file
	WPCache     bool              // define WP_CACHE true
	FPMStopped  bool
	Maintenance bool // a fresh .maintenance file
	Expect      Expect
	// Apache is what the scenario produces on an Apache site, where it
	// differs: mod_proxy_fcgi answers 503 where nginx answers 502, and
	// logs in its own words (nil: not checked on Apache).
	Apache *Expect

	// On a multisite network (site5), on top of its baseline: plugins
	// network-activated, plugins activated on one sub-site (by blog ID),
	// a sub-site's theme, and the sub-sites' front page statuses where
	// they are not 200 (Expect is the main site's).
	Network     []string
	SitePlugins map[int64][]string
	SiteThemes  map[int64]string
	SubStatus   map[int64]int
}

// ExpectOn is what the scenario produces on a site served by server
// ("nginx" or "apache"); ok is false when that is not known.
func (sc Scenario) ExpectOn(server string) (Expect, bool) {
	if server == "apache" {
		if sc.Apache == nil {
			return Expect{}, false
		}
		return *sc.Apache, true
	}
	return sc.Expect, true
}

// Expect is what the scenario really produces, asserted by the lab tests.
type Expect struct {
	Status   int        // HTTP status of the front page
	Evidence []Evidence // lines that appear in the logs during the request
}

// Evidence is a substring expected in one of the site's logs.
type Evidence struct {
	Log      string // LogNginx, LogFPM, LogSlow, LogPHP (php-error.log, or nginx's log where PHP errors go to FastCGI stderr), LogBody
	Contains string
}

// Log names for Evidence.
const (
	LogNginx = "nginx-error"
	LogFPM   = "php-fpm"
	LogSlow  = "php-fpm-slow"
	LogPHP   = "php"
	LogBody  = "body"
	// LogApache is an Apache site's virtual-host error log.
	LogApache = "apache-error"
)

// BaselinePlugins are the harmless plugins active in every scenario.
var BaselinePlugins = []string{
	"WPD_Legacy-Tools/legacy.php", "wpd-analytics/wpd-analytics.php", "wpd-cafe-menu/wpd-cafe-menu.php",
	"wpd-contact-form/wpd-contact-form.php", "wpd-cookie-notice/wpd-cookie-notice.php",
	"wpd-custom-login/wpd-custom-login.php", "wpd-gallery/gallery.php", "wpd-hello.php",
	"wpd-mega-menu/mega-menu.php", "wpd-quick-note.php", "wpd-redirects/wpd-redirects.php",
	"wpd-related-posts/wpd-related-posts.php", "wpd-seo-meta/wpd-seo-meta.php",
	"wpd-social-share/wpd-social-share.php",
}

// A network's baseline: network-activated plugins (BaselinePlugins less
// these are the main site's own), each sub-site's own plugins and theme.
var (
	NetworkBaseline = []string{"wpd-hello.php", "wpd-seo-meta/wpd-seo-meta.php"}
	SubSiteBaseline = []string{"wpd-gallery/gallery.php", "wpd-redirects/wpd-redirects.php", "wpd-social-share/wpd-social-share.php"}
)

// SubSiteTheme is a sub-site's theme unless the scenario sets one.
const SubSiteTheme = "twentytwentythree"

// NetworkPlugins are the network-activated plugins of the scenario, in
// stored order, with their activation times: fixed, long past, distinct
// (a restore that rewrote them with the time of the run would show).
func (sc Scenario) NetworkPlugins() ([]string, []int64) {
	files := append(append([]string{}, NetworkBaseline...), sc.Network...)
	times := make([]int64, len(files))
	for i := range files {
		times[i] = 1700000000 + 86400*int64(i) + 7
	}
	return files, times
}

// MainSitePlugins is the active_plugins of a network's main site.
func (sc Scenario) MainSitePlugins() []string {
	net := map[string]bool{}
	for _, f := range NetworkBaseline {
		net[f] = true
	}
	var out []string
	for _, f := range sc.ActivePlugins(0) {
		if !net[f] {
			out = append(out, f)
		}
	}
	return out
}

// SubSitePlugins is a sub-site's active_plugins, sorted.
func (sc Scenario) SubSitePlugins(id int64) []string {
	ps := append(append([]string{}, SubSiteBaseline...), sc.SitePlugins[id]...)
	sort.Strings(ps)
	return ps
}

// SubSiteStylesheet and SubSiteTemplate are a sub-site's theme.
func (sc Scenario) SubSiteStylesheet(id int64) string {
	if t, ok := sc.SiteThemes[id]; ok {
		return t
	}
	return SubSiteTheme
}

func (sc Scenario) SubSiteTemplate(id int64) string { return themeTemplates[sc.SubSiteStylesheet(id)] }

// ForNetwork reports whether the scenario is about a multisite network's
// own lists (it means nothing on a single site).
func (sc Scenario) ForNetwork() bool {
	return len(sc.Network) > 0 || len(sc.SitePlugins) > 0 || len(sc.SiteThemes) > 0
}

// SubSiteStatus is a sub-site's expected front page status.
func (sc Scenario) SubSiteStatus(id int64) int {
	if st, ok := sc.SubStatus[id]; ok {
		return st
	}
	if len(sc.Network) > 0 && sc.Expect.Status != 200 {
		return sc.Expect.Status // a network-active culprit breaks every site
	}
	return 200
}

// Baseline theme and must-use plugins.
const (
	BaselineTheme    = "wpd-shop-child"
	BaselineTemplate = "twentytwentytwo"
)

// BaselineMU are the must-use plugins (files and folders) present in every scenario.
var BaselineMU = []string{"wpd-mu-harmless.php", "wpd-mu-loader.php", "wpd-mu-lib"}

// themeTemplates maps lab stylesheets to their parent (template).
var themeTemplates = map[string]string{
	"wpd-shop-child":    "twentytwentytwo",
	"wpd-broken-theme":  "twentytwentythree",
	"twentytwentytwo":   "twentytwentytwo",
	"twentytwentythree": "twentytwentythree",
}

var (
	segv     = Evidence{LogFPM, "exited on signal 11 (SIGSEGV"}
	reset104 = Evidence{LogNginx, "recv() failed (104: Connection reset by peer) while reading response header from upstream"}
	// Apache's mod_proxy_fcgi when the worker dies mid-request.
	apacheReset = []Evidence{{LogApache, "AH01067: Failed to read FastCGI header"},
		{LogApache, "(104)Connection reset by peer: [client 127.0.0.1:"}, {LogApache, "AH01075: Error dispatching request to"}}
)

// Scenarios lists every lab scenario.
var Scenarios = []Scenario{
	{Name: "healthy", Description: "baseline: harmless plugins, child theme, must-use plugins", Expect: Expect{Status: 200}, Apache: &Expect{Status: 200}},
	{Name: "crash", Description: "a plugin overflows the C stack: worker SIGSEGV, nginx 502, no PHP log line",
		Plugins: []string{"wpd-crash/wpd-crash.php"}, Expect: Expect{502, []Evidence{segv, reset104}},
		Apache: &Expect{503, append([]Evidence{segv}, apacheReset...)}},
	{Name: "crash-noisy", Description: "a plugin logs a warning from its file, then crashes the worker",
		Plugins: []string{"wpd-crash-noisy/wpd-crash-noisy.php"},
		Expect:  Expect{502, []Evidence{segv, reset104, {LogPHP, `Undefined array key "mode" in`}, {LogPHP, "wpd-crash-noisy/wpd-crash-noisy.php"}}}},
	{Name: "timeout", Description: "a plugin hangs until request_terminate_timeout kills the worker",
		Plugins: []string{"wpd-timeout/wpd-timeout.php"},
		Expect: Expect{502, []Evidence{reset104, {LogFPM, "execution timed out"}, {LogFPM, "terminating"},
			{LogSlow, "wpd-timeout/wpd-timeout.php"}, {LogSlow, "sleep()"}}},
		Apache: &Expect{503, append([]Evidence{{LogFPM, "execution timed out"}, {LogSlow, "wpd-timeout/wpd-timeout.php"}}, apacheReset...)}},
	{Name: "big-headers", Description: "a plugin sends more headers than nginx's fastcgi buffer holds",
		Plugins: []string{"wpd-big-headers/wpd-big-headers.php"},
		Expect:  Expect{502, []Evidence{{LogNginx, "upstream sent too big header while reading response header from upstream"}}}},
	{Name: "fatal", Description: "a plugin calls an undefined function: WordPress's critical error page",
		Plugins: []string{"wpd-fatal/wpd-fatal.php"},
		Expect: Expect{500, []Evidence{{LogPHP, "PHP Fatal error:  Uncaught Error: Call to undefined function wpd_fatal_helper_from_missing_library()"},
			{LogPHP, "wpd-fatal/wpd-fatal.php"}, {LogBody, "There has been a critical error on this website."}}},
		Apache: &Expect{500, []Evidence{{LogApache, "AH01071: Got error 'PHP message: PHP Fatal error:  Uncaught Error: Call to undefined function wpd_fatal_helper_from_missing_library()"},
			{LogApache, "wpd-fatal/wpd-fatal.php"}, {LogBody, "There has been a critical error on this website."}}}},
	{Name: "memory", Description: "a plugin exhausts memory_limit",
		Plugins: []string{"wpd-memory-hog/wpd-memory-hog.php"},
		Expect:  Expect{500, []Evidence{{LogPHP, "PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted"}, {LogPHP, "wpd-memory-hog/wpd-memory-hog.php"}}},
		Apache:  &Expect{500, []Evidence{{LogApache, "PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted"}, {LogApache, "wpd-memory-hog/wpd-memory-hog.php"}}}},
	{Name: "conflict", Description: "two plugins that crash the worker only together",
		Plugins: []string{"wpd-conflict-a/wpd-conflict-a.php", "wpd-conflict-b/wpd-conflict-b.php"},
		Expect:  Expect{502, []Evidence{segv, reset104}}},
	{Name: "conflict-a-only", Description: "one half of the conflicting pair: harmless alone",
		Plugins: []string{"wpd-conflict-a/wpd-conflict-a.php"}, Expect: Expect{Status: 200}},
	{Name: "conflict-b-only", Description: "the other half of the conflicting pair: harmless alone",
		Plugins: []string{"wpd-conflict-b/wpd-conflict-b.php"}, Expect: Expect{Status: 200}},
	{Name: "theme-broken", Description: "the active child theme's functions.php is fatal",
		Theme:  "wpd-broken-theme",
		Expect: Expect{500, []Evidence{{LogPHP, "Call to undefined function wpd_broken_theme_register_everything()"}, {LogPHP, "wpd-broken-theme/functions.php"}}}},
	{Name: "mu-broken", Description: "a must-use plugin is fatal (WordPress cannot pause it)",
		MU:     []string{"wpd-mu-broken.php"},
		Expect: Expect{500, []Evidence{{LogPHP, "Call to undefined function wpd_mu_broken_bootstrap_host_tools()"}, {LogPHP, "mu-plugins/wpd-mu-broken.php"}}}},
	{Name: "dropin-advanced-cache", Description: "WP_CACHE loads a page-cache drop-in that crashes the worker",
		DropIns: map[string]string{"advanced-cache.php": "advanced-cache-broken.php"}, WPCache: true,
		Expect: Expect{502, []Evidence{segv, reset104}}},
	{Name: "dropin-object-cache", Description: "a broken persistent object-cache drop-in",
		DropIns: map[string]string{"object-cache.php": "object-cache-broken.php"},
		Expect:  Expect{500, []Evidence{{LogPHP, "Call to undefined function wpd_object_cache_connect_backend()"}, {LogPHP, "/object-cache.php"}}}},
	{Name: "crash-object-cache", Description: "a plugin crashes the worker on a site with a working persistent object cache (options served from the cache)",
		Plugins: []string{"wpd-crash/wpd-crash.php"}, DropIns: map[string]string{"object-cache.php": "object-cache-persistent.php"},
		Expect: Expect{502, []Evidence{segv, reset104}}},
	{Name: "object-cache-healthy", Description: "a working persistent object cache, every plugin harmless",
		DropIns: map[string]string{"object-cache.php": "object-cache-persistent.php"}, Expect: Expect{Status: 200}},
	{Name: "orphan-dropin", Description: "a page-cache drop-in left by a deleted plugin, not loaded (WP_CACHE off)",
		DropIns: map[string]string{"advanced-cache.php": "advanced-cache-orphan.php"}, Expect: Expect{Status: 200}},
	{Name: "fpm-stopped", Description: "PHP-FPM is not running",
		FPMStopped: true, Expect: Expect{502, []Evidence{{LogNginx, "connect() to unix:"}, {LogNginx, "failed (2: No such file or directory) while connecting to upstream"}}},
		Apache: &Expect{503, []Evidence{{LogApache, "(2)No such file or directory: AH02454: FCGI: attempt to connect to Unix domain socket"},
			{LogApache, "AH01079: failed to make connection to backend"}}}},
	{Name: "maintenance", Description: "a .maintenance file left behind by an update",
		Maintenance: true, Expect: Expect{503, []Evidence{{LogBody, "Briefly unavailable for scheduled maintenance"}}}},
	{Name: "many-plugins", Description: "60 filler plugins plus the baseline and one crasher",
		Fillers: true, Plugins: []string{"wpd-crash/wpd-crash.php"}, Expect: Expect{502, []Evidence{segv, reset104}}},
	{Name: "many-plugins-healthy", Description: "60 filler plugins plus the baseline, all harmless",
		Fillers: true, Expect: Expect{Status: 200}},
	{Name: "flaky", Description: "a plugin crashes the worker on about half of the requests",
		Plugins: []string{"wpd-flaky/wpd-flaky.php"}, Expect: Expect{Status: 0}},
	{Name: "page-crash", Description: "a plugin crashes the worker on one page (/shop/) only; the front page answers normally",
		Plugins: []string{"wpd-page-crash/wpd-page-crash.php"}, Expect: Expect{Status: 200}},

	// Multisite (site5: main site, sub-sites 2, 3, 4 at /s2/, /s3/, /s4/).
	{Name: "ms-network-crash", Description: "network: a network-activated plugin crashes the worker on every site",
		Network: []string{"wpd-crash/wpd-crash.php"}, Expect: Expect{502, []Evidence{segv, reset104}}},
	{Name: "ms-site-crash", Description: "network: a plugin active on sub-site 3 only crashes it; the other sites are healthy",
		SitePlugins: map[int64][]string{3: {"wpd-crash/wpd-crash.php"}}, Expect: Expect{Status: 200}, SubStatus: map[int64]int{3: 502}},
	{Name: "ms-conflict", Description: "network: a network-activated plugin and a plugin of sub-site 2 crash the worker only together",
		Network: []string{"wpd-conflict-a/wpd-conflict-a.php"}, SitePlugins: map[int64][]string{2: {"wpd-conflict-b/wpd-conflict-b.php"}},
		Expect: Expect{Status: 200}, SubStatus: map[int64]int{2: 502}},
	{Name: "ms-theme-broken", Description: "network: sub-site 4's theme is fatal",
		SiteThemes: map[int64]string{4: "wpd-broken-theme"}, Expect: Expect{Status: 200}, SubStatus: map[int64]int{4: 500}},
}

// ScenarioByName finds a scenario.
func ScenarioByName(name string) (Scenario, bool) {
	for _, sc := range Scenarios {
		if sc.Name == name {
			return sc, true
		}
	}
	return Scenario{}, false
}

// ActivePlugins is the active_plugins list the scenario sets on a site with
// the given number of filler plugins, sorted as WordPress keeps it.
func (sc Scenario) ActivePlugins(fillers int) []string {
	var ps []string
	if !sc.NoBaseline {
		ps = append(ps, BaselinePlugins...)
	}
	if sc.Fillers {
		for i := 1; i <= fillers; i++ {
			ps = append(ps, fillerFile(i))
		}
	}
	ps = append(ps, sc.Plugins...)
	sort.Strings(ps)
	return ps
}

// Stylesheet and Template of the scenario's theme.
func (sc Scenario) Stylesheet() string {
	if sc.Theme == "" {
		return BaselineTheme
	}
	return sc.Theme
}

func (sc Scenario) Template() string { return themeTemplates[sc.Stylesheet()] }
