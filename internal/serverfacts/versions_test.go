package serverfacts

import (
	"context"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

type shellFunc func(cmd string) (site.Result, error)

func (f shellFunc) Run(_ context.Context, cmd string) (site.Result, error) { return f(cmd) }

func TestVersions(t *testing.T) {
	ctx := context.Background()
	sh := shellFunc(func(cmd string) (site.Result, error) {
		if strings.HasPrefix(cmd, "php -v") {
			return site.Result{Stdout: []byte("PHP 8.2.7 (cli) (built: Jun  9 2023)\n")}, nil
		}
		return site.Result{Stdout: []byte("nginx version: nginx/1.22.1\nServer version: Apache/2.4.57 (Debian)\n")}, nil
	})
	if f := PHPVersion(ctx, sh); f.Value != "8.2.7" || f.Source == "" {
		t.Errorf("php: %+v", f)
	}
	if f := WebServer(ctx, sh); f.Value != "nginx/1.22.1, apache/2.4.57" {
		t.Errorf("web server: %+v", f)
	}
	if f := PHPVersion(ctx, site.NoShell{}); f.Value != "" || !strings.Contains(f.Note, "no shell") {
		t.Errorf("no shell: %+v", f)
	}
	empty := shellFunc(func(string) (site.Result, error) { return site.Result{}, nil })
	if f := WebServer(ctx, empty); f.Value != "" || f.Note == "" {
		t.Errorf("nothing installed: %+v", f)
	}
}
