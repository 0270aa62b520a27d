// Package wp is wpdoctor's picture of one WordPress install: where it is,
// what its wp-config.php says, which version runs, and where its content,
// plugins and themes live. It reads through site.FS only.
package wp

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// ErrNotWordPress means no WordPress install was found where the user
// pointed.
var ErrNotWordPress = errors.New("not a WordPress install")

// Location is where an install's files are.
type Location struct {
	ABSPATH string `json:"abspath"` // the WordPress root (holds wp-settings.php), no trailing slash
	Config  string `json:"config"`  // wp-config.php, in ABSPATH or one directory above
	// How tells how it was found, for the user ("wp-config.php is one
	// directory above the WordPress root").
	How string `json:"how"`
}

// commonRoots are the folders hosts put a site in, looked into when the
// user names a home directory or a folder above the install.
var commonRoots = []string{"public_html", "www", "htdocs", "public", "html", "httpdocs", "web", "wordpress", "wp", "site", "web/wp", "public_html/wordpress"}

// Locate finds the install at or under start, as WordPress's wp-load.php
// would find its wp-config.php: in ABSPATH, or one directory above when
// that directory is not itself another install.
func Locate(ctx context.Context, fsys site.FS, start string) (Location, error) {
	start = path.Clean(start)
	if fi, err := fsys.Stat(ctx, start); err != nil {
		return Location{}, fmt.Errorf("%w: %s: %w", ErrNotWordPress, start, err)
	} else if !fi.IsDir() {
		if path.Base(start) == "wp-config.php" || path.Base(start) == "wp-settings.php" {
			start = path.Dir(start)
		} else {
			return Location{}, fmt.Errorf("%w: %s is a file", ErrNotWordPress, start)
		}
	}
	if loc, ok, err := rootAt(ctx, fsys, start); err != nil || ok {
		return loc, err
	}
	// A wp-config.php here without WordPress: the config-above layout, or
	// a home directory: look into the usual folders.
	for _, sub := range commonRoots {
		cand := path.Join(start, sub)
		loc, ok, err := rootAt(ctx, fsys, cand)
		if err != nil {
			return Location{}, err
		}
		if ok {
			loc.How = fmt.Sprintf("found in %s/ below %s; %s", sub, start, loc.How)
			return loc, nil
		}
	}
	return Location{}, fmt.Errorf("%w: no wp-settings.php in %s or its usual sub-folders (%s)", ErrNotWordPress, start, strings.Join(commonRoots[:6], ", "))
}

// rootAt checks whether dir is a WordPress root and finds its config.
func rootAt(ctx context.Context, fsys site.FS, dir string) (Location, bool, error) {
	has := func(p string) (bool, error) { return site.Exists(ctx, fsys, p) }
	ok, err := has(path.Join(dir, "wp-settings.php"))
	if err != nil || !ok {
		return Location{}, false, ignoreMissing(err)
	}
	loc := Location{ABSPATH: dir}
	if ok, err := has(path.Join(dir, "wp-config.php")); err != nil {
		return loc, false, err
	} else if ok {
		loc.Config, loc.How = path.Join(dir, "wp-config.php"), "wp-config.php is in the WordPress root"
		return loc, true, nil
	}
	up := path.Dir(dir)
	cfg, err := has(path.Join(up, "wp-config.php"))
	if err != nil {
		return loc, false, err
	}
	other, err := has(path.Join(up, "wp-settings.php"))
	if err != nil {
		return loc, false, err
	}
	if cfg && !other {
		loc.Config, loc.How = path.Join(up, "wp-config.php"), "wp-config.php is one directory above the WordPress root"
		return loc, true, nil
	}
	return loc, false, fmt.Errorf("%w: %s has WordPress but no wp-config.php (not installed yet?)", ErrNotWordPress, dir)
}

func ignoreMissing(err error) error {
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) {
		return nil
	}
	return err
}
