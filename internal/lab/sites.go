package lab

import (
	"fmt"
	"path/filepath"
)

// siteSpec is how a lab site differs from the others: the ways real hosts vary.
type siteSpec struct {
	name    string
	user    string
	port    int
	shell   bool   // false: SFTP only (internal-sftp + ForceCommand)
	rootRel string // WordPress root, relative to the site's home
	// configAbove puts wp-config.php one directory above the WordPress root.
	configAbove bool
	// contentRel is a custom WP_CONTENT_DIR relative to the WordPress root
	// ("" = the default wp-content).
	contentRel string
	prefix     string
	// dbSocket makes DB_HOST "localhost:/path/to/mysqld.sock".
	dbSocket bool
	// phpErrorLog sends PHP errors to a file; without it they reach nginx's
	// error log as "FastCGI sent in stderr".
	phpErrorLog bool
	// fillers is how many extra harmless plugins to install (bisect at scale).
	fillers int
	// apache serves the site with Apache and mod_proxy_fcgi instead of nginx.
	apache bool
	// envPassword has wp-config.php read DB_PASSWORD with getenv() and a
	// wrong fallback, and the PHP-FPM pool set it with env[...]: the
	// password is right only as the pool's workers see it.
	envPassword bool
	// fleet marks the many small sites of `wplab up --sites N`: one
	// agency account for all, PHP-FPM on demand (no idle workers).
	fleet bool
	// subSites makes the site a subdirectory multisite network with
	// these sub-sites (paths, created in order: blog IDs 2, 3, ...).
	subSites []string
}

// networkSpecs are the lab's multisite networks: in Facts.Networks, not
// Sites, so that the tests that go through every site leave them alone.
var networkSpecs = []siteSpec{
	{name: "site5", user: "wpl5", port: 8085, shell: true, rootRel: "public", prefix: "ms_", phpErrorLog: true,
		subSites: []string{"s2", "s3", "s4"}},
}

func (s siteSpec) multisite() bool { return len(s.subSites) > 0 }

// Fleet sites: `wplab up --sites N` adds fleet01..fleetNN beside the
// lab's own sites, for fleet mode's tests and benchmarks.
const (
	fleetUser     = "wplf" // one account for every fleet site, as an agency's
	fleetBasePort = 8200
	// MaxFleet bounds --sites (ports 8201..8299).
	MaxFleet = 99
)

// fleetSpec is the i-th fleet site (1-based).
func fleetSpec(i int) siteSpec {
	return siteSpec{name: fmt.Sprintf("fleet%02d", i), user: fleetUser, port: fleetBasePort + i, shell: true,
		rootRel: "public", prefix: "wp_", phpErrorLog: true, fleet: true}
}

// specsWith are the lab's own sites and n fleet sites.
func specsWith(n int) []siteSpec {
	out := append(append([]siteSpec{}, siteSpecs...), networkSpecs...)
	for i := 1; i <= n; i++ {
		out = append(out, fleetSpec(i))
	}
	return out
}

var siteSpecs = []siteSpec{
	{name: "site1", user: "wpl1", port: 8081, shell: true, rootRel: "public", prefix: "wp_", phpErrorLog: true, fillers: 60},
	{name: "site2", user: "wpl2", port: 8082, shell: true, rootRel: "public_html", configAbove: true, prefix: "shop_", dbSocket: true, phpErrorLog: true},
	{name: "site3", user: "wpl3", port: 8083, shell: false, rootRel: "www", contentRel: "content", prefix: "w3x_"},
	{name: "site4", user: "wpl4", port: 8084, shell: true, rootRel: "htdocs", prefix: "ap_", apache: true, envPassword: true},
}

// envPasswordVar is the variable site4's pool passes its database password in.
const envPasswordVar = "WPLAB_DB_PASSWORD"

const (
	sshPort   = 2222
	jumpPort  = 2223
	mysqlPort = 3307
	jumpUser  = "wplj"
	// The CDN stand-ins in front of every site (nginx.conf): a request for
	// a site's URL sent to cdnAddr (same port) passes a Cloudflare-like
	// proxy, one sent to cdnBrokenAddr a proxy whose origin link is down.
	cdnAddr       = "127.0.0.3"
	cdnBrokenAddr = "127.0.0.4"
)

func (s siteSpec) home(dir string) string   { return filepath.Join(dir, "sites", s.name) }
func (s siteSpec) root(dir string) string   { return filepath.Join(s.home(dir), s.rootRel) }
func (s siteSpec) logs(dir string) string   { return filepath.Join(s.home(dir), "logs") }
func (s siteSpec) url() string              { return fmt.Sprintf("http://127.0.0.1:%d", s.port) }
func (s siteSpec) dbName() string           { return "wplab_" + s.name }
func (s siteSpec) fpmDir(dir string) string { return filepath.Join(dir, "fpm", s.name) }

// objectCache is the data file of the site's persistent object cache
// (the object-cache-persistent drop-in), outside the site.
func (s siteSpec) objectCache(dir string) string {
	return filepath.Join(dir, "cache", s.name, "object-cache.data")
}

func (s siteSpec) configPath(dir string) string {
	if s.configAbove {
		return filepath.Join(s.home(dir), "wp-config.php")
	}
	return filepath.Join(s.root(dir), "wp-config.php")
}

func (s siteSpec) contentDir(dir string) string {
	if s.contentRel != "" {
		return filepath.Join(s.root(dir), s.contentRel)
	}
	return filepath.Join(s.root(dir), "wp-content")
}

func (s siteSpec) dbHost(dir string) string {
	if s.dbSocket {
		return "localhost:" + mysqlSocket(dir)
	}
	return fmt.Sprintf("127.0.0.1:%d", mysqlPort)
}

func mysqlSocket(dir string) string { return filepath.Join(dir, "run", "mysqld.sock") }
func fpmSocket(dir, name string) string {
	return filepath.Join(dir, "run", name+"-fpm.sock")
}

func specByName(name string) (siteSpec, error) {
	for _, s := range specsWith(MaxFleet) {
		if s.name == name {
			return s, nil
		}
	}
	return siteSpec{}, fmt.Errorf("lab has no site %q", name)
}

func (s siteSpec) fact(dir string, secrets secretSet) SiteFact {
	logs := s.logs(dir)
	f := SiteFact{
		Name: s.name, User: s.user, Password: secrets.sshPassword(s.user), Shell: s.shell,
		URL: s.url(), Port: s.port, Home: s.home(dir), Root: s.root(dir),
		Config: s.configPath(dir), ContentDir: s.contentDir(dir), Prefix: s.prefix,
		DBName: s.dbName(), DBUser: s.user, DBPassword: secrets.dbPassword(s.user), DBHost: s.dbHost(dir),
		NginxError: filepath.Join(logs, "nginx-error.log"),
		NginxAcc:   filepath.Join(logs, "nginx-access.log"),
		FPMLog:     filepath.Join(logs, "php-fpm.log"),
		SlowLog:    filepath.Join(logs, "php-fpm-slow.log"),
		FPMSocket:  fpmSocket(dir, s.name),
		FPMPidFile: filepath.Join(s.fpmDir(dir), "php-fpm.pid"),
		Server:     "nginx",
		OnDemand:   s.fleet,
	}
	if s.apache {
		f.Server, f.NginxError, f.NginxAcc = "apache", "", ""
		f.ApacheError = filepath.Join(logs, "apache-error.log")
		f.ApacheAcc = filepath.Join(logs, "apache-access.log")
	}
	if s.envPassword {
		f.FPMEnv = map[string]string{envPasswordVar: f.DBPassword}
	}
	if s.phpErrorLog {
		f.PHPError = filepath.Join(logs, "php-error.log")
	}
	for i, p := range s.subSites {
		id := int64(i + 2)
		f.SubSites = append(f.SubSites, SubSiteFact{ID: id, Path: "/" + p + "/", URL: s.url() + "/" + p + "/", Prefix: fmt.Sprintf("%s%d_", s.prefix, id)})
	}
	return f
}
