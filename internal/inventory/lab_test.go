package inventory

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
	"github.com/wpdoctor/wpdoctor/internal/remote"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// TestLabScanSFTP scans each lab site over real SFTP (as the site's user)
// and locally, read only, and wants the same inventory; it logs the number
// of FS calls and the time the SFTP scan took.
func TestLabScanSFTP(t *testing.T) {
	f := labtest.Facts(t)
	for _, s := range f.Sites {
		t.Run(s.Name, func(t *testing.T) {
			labtest.Lock(t, f, s.Name)
			ctx := context.Background()
			c, err := remote.Dial(ctx, remote.Endpoint{Alias: f.SSHHost, Host: f.SSHHost, Port: f.SSHPort, User: s.User},
				remote.Options{KnownHosts: []string{f.KnownHosts}, KeepAlive: -1,
					Auth: remote.AuthOptions{Identities: []string{f.Key}}})
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = c.Close() }()
			sftp, err := remote.NewSFTP(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = sftp.Close() }()

			l := NewLayout(s.Root, s.ContentDir, "", "")
			local, err := Scan(ctx, site.LocalFS{}, l, Constants{})
			if err != nil {
				t.Fatal(err)
			}
			counted := newCountingFS(sftp)
			start := time.Now()
			remoteInv, err := Scan(ctx, counted, l, Constants{})
			if err != nil {
				t.Fatal(err)
			}
			took := time.Since(start)
			a, b := goldenJSON(t, local), goldenJSON(t, remoteInv)
			if !bytes.Equal(a, b) {
				t.Errorf("SFTP scan differs from local scan:\n%s", lineDiff(string(a), string(b)))
			}
			for _, want := range lab.BaselinePlugins {
				if findPlugin(remoteInv, want) == nil {
					t.Errorf("baseline plugin %s not found", want)
				}
			}
			if len(remoteInv.Errors) != 0 {
				t.Errorf("errors: %+v", remoteInv.Errors)
			}
			t.Logf("%d plugins, %d themes: %d SFTP calls %v in %v", len(remoteInv.Plugins), len(remoteInv.Themes),
				counted.total(), counted.ops, took.Round(time.Millisecond))
		})
	}
}
