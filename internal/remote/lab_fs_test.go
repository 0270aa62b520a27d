package remote_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"strings"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
	"github.com/wpdoctor/wpdoctor/internal/remote"
	"github.com/wpdoctor/wpdoctor/internal/site"
	"github.com/wpdoctor/wpdoctor/internal/site/sitetest"
)

func runCmd(name string, args ...string) ([]byte, error) {
	return exec.Command(name, args...).CombinedOutput()
}

// scratch makes an empty directory in a lab site's home, removed at the
// end. It holds the site's lab lock meanwhile: other packages' lab tests
// (internal/e2e) compare the site's files before and after their runs.
func scratch(t *testing.T, f *lab.Facts, s *lab.SiteFact, fsys site.FS) string {
	t.Helper()
	labtest.Lock(t, f, s.Name)
	dir := path.Join(s.Home, fmt.Sprintf("scratch-%d", time.Now().UnixNano()))
	if err := fsys.Mkdir(context.Background(), dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func TestLabSFTPConformance(t *testing.T) {
	f := labtest.Facts(t)
	for _, name := range []string{"site1", "site3"} { // site3: SFTP only
		t.Run(name, func(t *testing.T) {
			s, _ := f.Site(name)
			c := dial(t, endpoint(f, s.User), keyOpts(f))
			fsys, err := remote.NewSFTP(context.Background(), c)
			if err != nil {
				t.Fatal(err)
			}
			defer fsys.Close()
			sitetest.Run(t, fsys, scratch(t, f, s, fsys))
		})
	}
}

func TestLabSFTPOnlyAccount(t *testing.T) {
	f := labtest.Facts(t)
	s3, _ := f.Site("site3")
	c := dial(t, endpoint(f, s3.User), keyOpts(f))
	sh, why := remote.NewShell(context.Background(), c, 5*time.Second)
	if why == "" {
		t.Fatal("an SFTP-only account was given a shell")
	}
	if !strings.Contains(why, "no shell") {
		t.Errorf("reason %q", why)
	}
	if _, err := sh.Run(context.Background(), "nginx -T"); !errors.Is(err, site.ErrNoShell) {
		t.Errorf("command on no shell: %v, want ErrNoShell", err)
	}
	// Files still work.
	fsys, err := remote.NewSFTP(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	b, err := fsys.ReadFile(context.Background(), s3.Config)
	if err != nil || !strings.Contains(string(b), "DB_NAME") {
		t.Errorf("read wp-config.php over SFTP: %v", err)
	}
}

func TestLabShell(t *testing.T) {
	f := labtest.Facts(t)
	s1, _ := f.Site("site1")
	c := dial(t, endpoint(f, s1.User), keyOpts(f))
	sh, why := remote.NewShell(context.Background(), c, 3*time.Second)
	if why != "" {
		t.Fatal(why)
	}
	r, err := sh.Run(context.Background(), "echo out; echo err >&2; exit 3")
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Stdout) != "out\n" || string(r.Stderr) != "err\n" || r.ExitCode != 3 {
		t.Errorf("got %+v", r)
	}
	start := time.Now()
	_, err = sh.Run(context.Background(), "sleep 30")
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Errorf("command timeout: %v after %s", err, time.Since(start))
	}
	r, err = sh.Run(context.Background(), "php -r 'echo PHP_VERSION;'")
	if err != nil || !strings.HasPrefix(string(r.Stdout), "8.2.") {
		t.Errorf("php version: %q %v", r.Stdout, err)
	}
}

// TestLabReconnect drops the connection in the middle of operations, from
// our side and from the server's, and checks the next operations reconnect.
func TestLabReconnect(t *testing.T) {
	f := labtest.Facts(t)
	s1, _ := f.Site("site1")
	ctx := context.Background()
	c := dial(t, endpoint(f, s1.User), keyOpts(f))
	fsys, err := remote.NewSFTP(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	sh, why := remote.NewShell(ctx, c, 20*time.Second)
	if why != "" {
		t.Fatal(why)
	}
	dir := scratch(t, f, s1, fsys)

	t.Run("ClientSideDrop", func(t *testing.T) {
		gen := c.Generation()
		done := make(chan error, 1)
		go func() { _, err := sh.Run(ctx, "sleep 5; echo finished"); done <- err }()
		time.Sleep(300 * time.Millisecond)
		c.Drop()
		if err := <-done; err == nil {
			// The command was re-run on the new connection: acceptable.
			t.Log("command re-ran after the drop")
		}
		if err := fsys.WriteFileAtomic(ctx, path.Join(dir, "after-drop"), []byte("ok"), 0o644); err != nil {
			t.Fatalf("write after drop: %v", err)
		}
		if c.Generation() <= gen {
			t.Errorf("no reconnection: generation %d", c.Generation())
		}
	})
	t.Run("ServerSideDrop", func(t *testing.T) {
		gen := c.Generation()
		// Kill the user's sshd processes, as a dropped network would end them.
		if out, err := runCmd("pkill", "-KILL", "-u", s1.User, "sshd"); err != nil {
			t.Fatalf("pkill: %v %s", err, out)
		}
		var pairs []site.RenamePair
		for i := 0; i < 8; i++ {
			p := path.Join(dir, fmt.Sprintf("p%d", i))
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			pairs = append(pairs, site.RenamePair{Old: p, New: p + ".off"})
		}
		deadline := time.Now().Add(20 * time.Second)
		for _, err := range fsys.RenameMany(ctx, pairs) {
			if err != nil {
				t.Errorf("rename after server-side drop: %v", err)
			}
		}
		if time.Now().After(deadline) {
			t.Error("reconnection took too long")
		}
		for _, p := range pairs {
			if _, err := os.Stat(p.New); err != nil {
				t.Errorf("%s not renamed", p.New)
			}
		}
		if c.Generation() <= gen {
			t.Errorf("no reconnection: generation %d", c.Generation())
		}
		out, err := site.Output(ctx, sh, "echo back")
		if err != nil || string(out) != "back\n" {
			t.Errorf("shell after reconnect: %q %v", out, err)
		}
	})
}
