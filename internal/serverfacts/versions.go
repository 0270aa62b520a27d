package serverfacts

import (
	"context"
	"errors"
	"regexp"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

var (
	phpVersionRe = regexp.MustCompile(`^PHP (\d+\.\d+\.\d+)`)
	serverVerRe  = regexp.MustCompile(`(?i)(nginx|apache|openresty|litespeed)[/ ]v?(\d+[\w.\-]*)`)
)

// PHPVersion is the command-line PHP's version (PHP-FPM may run another).
func PHPVersion(ctx context.Context, sh site.Shell) diag.Fact {
	out, err := site.Output(ctx, sh, "php -v 2>/dev/null | head -n 1")
	if errors.Is(err, site.ErrNoShell) {
		return diag.Fact{Note: "could not run: no shell access"}
	}
	if m := phpVersionRe.FindSubmatch(out); m != nil {
		return diag.Fact{Value: string(m[1]), Source: "php -v (the command-line PHP; PHP-FPM may run another version)"}
	}
	return diag.Fact{Note: "php is not on the PATH"}
}

// WebServer names the web server binaries installed, with their versions.
func WebServer(ctx context.Context, sh site.Shell) diag.Fact {
	out, err := site.Output(ctx, sh, "for b in nginx apache2 httpd openresty litespeed; do p=$(command -v $b 2>/dev/null || ls /usr/sbin/$b 2>/dev/null); [ -n \"$p\" ] && $p -v 2>&1 | head -n 1; done; true")
	if errors.Is(err, site.ErrNoShell) {
		return diag.Fact{Note: "could not run: no shell access"}
	}
	var found []string
	for _, line := range strings.Split(string(out), "\n") {
		if m := serverVerRe.FindStringSubmatch(line); m != nil {
			found = append(found, strings.ToLower(m[1])+"/"+m[2])
		}
	}
	if len(found) == 0 {
		return diag.Fact{Note: "no nginx, Apache or LiteSpeed binary found"}
	}
	return diag.Fact{Value: strings.Join(found, ", "), Source: "installed binaries (-v)"}
}
