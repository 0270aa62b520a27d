package lab

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// dropInNames are the drop-ins a scenario may place; Apply removes the others.
var dropInNames = []string{"advanced-cache.php", "object-cache.php"}

// Apply puts a lab site into a scenario, starting from the healthy baseline.
// It may run while other sites are in use; it must not run concurrently for
// the same site.
func Apply(ctx context.Context, f *Facts, siteName, scenario string) error {
	sc, ok := ScenarioByName(scenario)
	if !ok {
		return fmt.Errorf("no scenario %q", scenario)
	}
	sp, err := specByName(siteName)
	if err != nil {
		return err
	}
	site, err := f.Site(siteName)
	if err != nil {
		return err
	}
	sec, err := loadSecrets(f.Dir)
	if err != nil {
		return err
	}
	r := runner{}
	assets := filepath.Join(f.Dir, "assets")
	filesChanged := false

	// Must-use plugins: exactly the baseline plus the scenario's.
	mu := filepath.Join(site.ContentDir, "mu-plugins")
	want := append(append([]string{}, BaselineMU...), sc.MU...)
	changed, err := syncDir(ctx, r, mu, filepath.Join(assets, "mu-plugins"), want, sp.user)
	if err != nil {
		return fmt.Errorf("mu-plugins: %w", err)
	}
	filesChanged = filesChanged || changed

	// Drop-ins.
	for _, name := range dropInNames {
		dst := filepath.Join(site.ContentDir, name)
		if src, ok := sc.DropIns[name]; ok {
			c, err := copyAsset(filepath.Join(assets, "dropins", src), dst, sp.user)
			if err != nil {
				return err
			}
			filesChanged = filesChanged || c
			continue
		}
		if err := os.Remove(dst); err == nil {
			filesChanged = true
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}

	// wp-config.php.
	cfg, err := renderConfig(sp, f.Dir, sec, configOpts{wpCache: sc.WPCache})
	if err != nil {
		return err
	}
	c, err := writeIfChanged(site.Config, cfg, 0o640)
	if err != nil {
		return err
	}
	filesChanged = filesChanged || c

	// .maintenance
	maint := filepath.Join(site.Root, ".maintenance")
	if sc.Maintenance {
		src := fmt.Sprintf("<?php $upgrading = %d; ?>", time.Now().Unix())
		if err := writeFile(maint, []byte(src), 0o644); err != nil {
			return err
		}
	} else if err := os.Remove(maint); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}

	// The persistent object cache starts empty: it would serve the options
	// of the previous scenario.
	if err := os.Remove(sp.objectCache(f.Dir)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}

	// Options, with PHP's own serialize().
	opts := map[string]any{
		"active_plugins": sc.ActivePlugins(sp.fillers),
		"template":       sc.Template(),
		"stylesheet":     sc.Stylesheet(),
	}
	var network *networkOptions
	if sp.multisite() {
		opts["active_plugins"] = sc.MainSitePlugins()
		network = &networkOptions{tables: map[string]map[string]any{}}
		network.files, network.times = sc.NetworkPlugins()
		for _, sub := range site.SubSites {
			network.tables[sub.Prefix] = map[string]any{
				"active_plugins": sc.SubSitePlugins(sub.ID),
				"template":       sc.SubSiteTemplate(sub.ID),
				"stylesheet":     sc.SubSiteStylesheet(sub.ID),
			}
		}
	}
	if err := setOptions(ctx, f, site, opts, network); err != nil {
		return err
	}

	// PHP-FPM: opcache would serve changed files for up to 2 s; a reload
	// empties it so the scenario is in force at once.
	if sc.FPMStopped {
		return stopFPM(site)
	}
	if filesChanged {
		return restartFPM(ctx, site)
	}
	return startFPM(ctx, site)
}

// networkOptions are a network's rows: its sub-sites' options (by table
// prefix) and its active_sitewide_plugins (files with their times, in
// order).
type networkOptions struct {
	tables map[string]map[string]any
	files  []string
	times  []int64
}

// sitewideJSON is active_sitewide_plugins as a JSON object in stored order
// (PHP's json_decode keeps it; a Go map would sort it).
func (n *networkOptions) sitewideJSON() (json.RawMessage, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range n.files {
		k, err := json.Marshal(f)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%s:%d", k, n.times[i])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// SetOptions writes raw option values (arrays are serialized by PHP
// itself), and a network's rows when network is not nil.
func setOptions(ctx context.Context, f *Facts, site *SiteFact, opts map[string]any, network *networkOptions) error {
	doc := map[string]any{
		"socket": f.MySQLSock, "database": site.DBName, "prefix": site.Prefix, "options": opts,
	}
	if network != nil {
		sw, err := network.sitewideJSON()
		if err != nil {
			return err
		}
		doc["tables"] = network.tables
		doc["sitemeta"] = map[string]any{"network": 1, "values": map[string]any{"active_sitewide_plugins": sw}}
	}
	in, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	_, err = runner{}.run(ctx, in, "php", filepath.Join(f.Dir, "assets", "php", "set-options.php"))
	return err
}

// syncDir makes dir hold exactly the named entries copied from srcDir.
func syncDir(ctx context.Context, r runner, dir, srcDir string, names []string, owner string) (bool, error) {
	changed := false
	keep := map[string]bool{}
	for _, n := range names {
		keep[n] = true
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, err
	}
	for _, e := range entries {
		if !keep[e.Name()] {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return false, err
			}
			changed = true
		}
	}
	sort.Strings(names)
	for _, n := range names {
		src := filepath.Join(srcDir, n)
		st, err := os.Stat(src)
		if err != nil {
			return false, err
		}
		if st.IsDir() {
			if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
				continue
			}
			if _, err := r.run(ctx, nil, "cp", "-a", src, dir+"/"); err != nil {
				return false, err
			}
			if err := r.chown(ctx, owner+":"+owner, true, filepath.Join(dir, n)); err != nil {
				return false, err
			}
			changed = true
			continue
		}
		c, err := copyAsset(src, filepath.Join(dir, n), owner)
		if err != nil {
			return false, err
		}
		changed = changed || c
	}
	return changed, nil
}

// copyAsset copies a file owned by owner, reporting whether dst changed.
func copyAsset(src, dst, owner string) (bool, error) {
	b, err := os.ReadFile(src)
	if err != nil {
		return false, err
	}
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, b) {
		return false, nil
	}
	if err := writeFile(dst, b, 0o644); err != nil {
		return false, err
	}
	_, err = runner{}.run(context.Background(), nil, "chown", owner+":"+owner, dst)
	return true, err
}
