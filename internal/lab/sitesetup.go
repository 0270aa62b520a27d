package lab

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const wpPackage = "/usr/share/wordpress"

// sites copies WordPress and the test components into every site, writes its
// wp-config.php and installs it into its database.
func (s *setup) sites(ctx context.Context) error {
	assets := filepath.Join(s.dir, "assets")
	if _, err := s.r.run(ctx, nil, "rsync", "-a", "--delete", filepath.Join(s.src, "testdata", "lab")+"/", assets+"/"); err != nil {
		return err
	}
	for _, sp := range s.specs() {
		if err := s.site(ctx, sp, assets); err != nil {
			return fmt.Errorf("%s: %w", sp.name, err)
		}
	}
	return s.sec.save(s.dir)
}

func (s *setup) site(ctx context.Context, sp siteSpec, assets string) error {
	root, content := sp.root(s.dir), sp.contentDir(s.dir)
	cache := filepath.Dir(sp.objectCache(s.dir))
	for _, d := range []string{root, content, sp.logs(s.dir), sp.fpmDir(s.dir), cache} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if err := s.r.chown(ctx, sp.user+":"+sp.user, false, cache); err != nil {
		return err
	}
	// Debian's tree is full of symlinks into /usr/share: resolve them (-L)
	// so the document root looks like an ordinary upstream install.
	if _, err := s.r.run(ctx, nil, "rsync", "-aL", "--exclude=/wp-config.php", "--exclude=/wp-content",
		"--exclude=/.htaccess", wpPackage+"/", root+"/"); err != nil {
		return err
	}
	for _, d := range []string{"plugins", "themes", "uploads", "mu-plugins"} {
		if err := os.MkdirAll(filepath.Join(content, d), 0o755); err != nil {
			return err
		}
	}
	copies := [][2]string{
		{wpPackage + "/wp-content/themes/", content + "/themes/"},
		{wpPackage + "/wp-content/plugins/", content + "/plugins/"},
		{assets + "/plugins/", content + "/plugins/"},
		{assets + "/themes/", content + "/themes/"},
	}
	for _, c := range copies {
		if _, err := s.r.run(ctx, nil, "rsync", "-aL", c[0], c[1]); err != nil {
			return err
		}
	}
	if err := writeFile(filepath.Join(content, "index.php"), []byte("<?php\n// Silence is golden.\n"), 0o644); err != nil {
		return err
	}
	for i := 1; i <= sp.fillers; i++ {
		if err := writeFiller(content, i); err != nil {
			return err
		}
	}
	// A network is installed as a single site first, as Network Setup
	// requires, unless it is a network already.
	cfgPath := sp.configPath(s.dir)
	old, _ := os.ReadFile(cfgPath)
	single := sp.multisite() && !bytes.Contains(old, []byte("'MULTISITE', true"))
	cfg, err := renderConfig(sp, s.dir, s.sec, configOpts{singleSite: single})
	if err != nil {
		return err
	}
	if err := writeFile(cfgPath, cfg, 0o640); err != nil {
		return err
	}
	if err := s.r.chown(ctx, sp.user+":"+sp.user, true, sp.home(s.dir)); err != nil {
		return err
	}
	if err := s.logFiles(ctx, sp); err != nil {
		return err
	}
	// The installer loads wp-config.php in PHP's CLI: give it the
	// variables the site's pool gives its workers.
	var env []string
	for k, v := range sp.fact(s.dir, s.sec).FPMEnv {
		env = append(env, k+"="+v)
	}
	out, err := s.r.runEnv(ctx, env, nil, "runuser", "-u", sp.user, "--", "php", filepath.Join(assets, "php", "install.php"),
		root, sp.url(), "wpdoctor lab "+sp.name, "labadmin", s.sec.get("wp-admin:"+sp.name))
	if err != nil {
		return err
	}
	s.r.logf("lab: %s: %s", sp.name, strings.TrimSpace(string(out)))
	if sp.multisite() {
		return s.network(ctx, sp, assets, env, single)
	}
	return nil
}

// network turns the installed site into a subdirectory network (when
// single: its wp-config.php does not define MULTISITE yet) and adds its
// sub-sites.
func (s *setup) network(ctx context.Context, sp siteSpec, assets string, env []string, single bool) error {
	php := func(args ...string) error {
		out, err := s.r.runEnv(ctx, env, nil, "runuser", append([]string{"-u", sp.user, "--", "php", filepath.Join(assets, "php", "network.php")}, args...)...)
		if err != nil {
			return err
		}
		s.r.logf("lab: %s: %s", sp.name, strings.TrimSpace(string(out)))
		return nil
	}
	root := sp.root(s.dir)
	if single {
		if err := php("network", root, sp.url(), "wpdoctor lab network "+sp.name); err != nil {
			return err
		}
		cfg, err := renderConfig(sp, s.dir, s.sec, configOpts{})
		if err != nil {
			return err
		}
		if err := writeFile(sp.configPath(s.dir), cfg, 0o640); err != nil {
			return err
		}
		if err := s.r.chown(ctx, sp.user+":"+sp.user, false, sp.configPath(s.dir)); err != nil {
			return err
		}
	}
	return php(append([]string{"sites", root, sp.url()}, sp.subSites...)...)
}

// fillerFile is the plugin file of the i-th filler plugin.
func fillerFile(i int) string { return fmt.Sprintf("wpd-filler-%02d/wpd-filler-%02d.php", i, i) }

func writeFiller(content string, i int) error {
	path := filepath.Join(content, "plugins", fillerFile(i))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	src := fmt.Sprintf(`<?php
/**
 * Plugin Name: WPD Filler %02d
 * Description: A harmless lab plugin, one of many (bisecting at scale).
 * Version: 1.%d.0
 */
defined( 'ABSPATH' ) || exit;
add_filter( 'body_class', function ( $c ) { return $c; } );
`, i, i)
	return writeFile(path, []byte(src), 0o644)
}

// logFiles creates the site's server logs before the daemons do, so that the
// site's user can read them, as on hosts that give users their logs. PHP-FPM
// would create its own 0600 root: on site2 it stays so, as on hosts that
// keep the FPM log to root. (Apache opens its logs as root too.)
func (s *setup) logFiles(ctx context.Context, sp siteSpec) error {
	logs := sp.logs(s.dir)
	if err := os.Chmod(logs, 0o750); err != nil {
		return err
	}
	f := sp.fact(s.dir, s.sec)
	for _, l := range []string{f.NginxError, f.NginxAcc, f.ApacheError, f.ApacheAcc, f.FPMLog, f.SlowLog} {
		if l == "" {
			continue
		}
		perm := os.FileMode(0o640)
		if sp.name == "site2" && (l == f.FPMLog || l == f.SlowLog) {
			perm = 0o600
		}
		fh, err := os.OpenFile(l, os.O_CREATE|os.O_WRONLY|os.O_APPEND, perm)
		if err != nil {
			return err
		}
		fh.Close()
		if err := os.Chmod(l, perm); err != nil {
			return err
		}
		if err := s.r.chown(ctx, "root:"+sp.user, false, l); err != nil {
			return err
		}
	}
	return nil
}
