package wp

import (
	"context"
	"fmt"
	"path"
	"regexp"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

var (
	wpVersionRe  = regexp.MustCompile(`(?m)^\$wp_version\s*=\s*'([^']+)'\s*;`)
	phpRequireRe = regexp.MustCompile(`(?m)^\$required_php_version\s*=\s*'([^']+)'\s*;`)
)

// Version is what wp-includes/version.php declares.
type Version struct {
	WordPress   string `json:"version"`
	RequiresPHP string `json:"requires_php,omitempty"`
}

// ReadVersion reads wp-includes/version.php.
func ReadVersion(ctx context.Context, fsys site.FS, abspath string) (Version, error) {
	p := path.Join(abspath, "wp-includes", "version.php")
	b, err := fsys.ReadRange(ctx, p, 0, 64<<10)
	if err != nil {
		return Version{}, fmt.Errorf("read WordPress version: %w", err)
	}
	m := wpVersionRe.FindSubmatch(b)
	if m == nil {
		return Version{}, fmt.Errorf("read WordPress version: no $wp_version in %s", p)
	}
	v := Version{WordPress: string(m[1])}
	if m := phpRequireRe.FindSubmatch(b); m != nil {
		v.RequiresPHP = string(m[1])
	}
	return v, nil
}
