package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
)

func labArgs(f *lab.Facts, s *lab.SiteFact, extra ...string) []string {
	args := []string{"ssh://" + s.User + "@127.0.0.1:" + itoa(f.SSHPort) + s.Home, "-i", f.Key, "--known-hosts", f.KnownHosts}
	return append(args, extra...)
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestLabInfo runs `wpdoctor info --json` on each lab site and compares it
// with the lab's truth.
func TestLabInfo(t *testing.T) {
	f := labtest.Facts(t)
	version, err := os.ReadFile("/usr/share/wordpress/wp-includes/version.php")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range f.Sites {
		t.Run(s.Name, func(t *testing.T) {
			io, out, errb := testIO()
			code := Run(context.Background(), append([]string{"info"}, labArgs(f, &s, "--json")...), io)
			if code != ExitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			var info struct {
				Location  struct{ ABSPATH, Config string }
				WordPress struct{ Version string }
				DB        struct {
					Prefix    string
					Reachable bool
					Error     string
				}
				Home  string
				Shell struct{ Available bool }
				PHP   struct{ Value, Note string }
			}
			if err := json.Unmarshal(out.Bytes(), &info); err != nil {
				t.Fatalf("%v\n%s", err, out.String())
			}
			if info.Location.ABSPATH != s.Root || info.Location.Config != s.Config {
				t.Errorf("location %+v, want %s %s", info.Location, s.Root, s.Config)
			}
			if !strings.Contains(string(version), "'"+info.WordPress.Version+"'") || info.WordPress.Version == "" {
				t.Errorf("version %q", info.WordPress.Version)
			}
			if info.DB.Prefix != s.Prefix || !info.DB.Reachable {
				t.Errorf("db %+v, want prefix %s reachable", info.DB, s.Prefix)
			}
			if info.Home != s.URL {
				t.Errorf("home %q, want %q", info.Home, s.URL)
			}
			if info.Shell.Available != s.Shell {
				t.Errorf("shell %v, want %v", info.Shell.Available, s.Shell)
			}
			if s.Shell && !strings.HasPrefix(info.PHP.Value, "8.2.") || !s.Shell && !strings.Contains(info.PHP.Note, "no shell") {
				t.Errorf("php %+v", info.PHP)
			}
			for _, secret := range []string{s.DBPassword, s.Password} {
				if strings.Contains(out.String(), secret) {
					t.Errorf("output holds a secret")
				}
			}
		})
	}
}

func TestLabInfoRefusals(t *testing.T) {
	f := labtest.Facts(t)
	s, _ := f.Site("site1")
	t.Run("UnknownHost", func(t *testing.T) {
		io, _, errb := testIO()
		args := []string{"info", "ssh://" + s.User + "@127.0.0.1:" + itoa(f.SSHPort) + s.Root, "-i", f.Key, "--known-hosts", filepath.Join(t.TempDir(), "kh")}
		if code := Run(context.Background(), args, io); code != ExitAccess || !strings.Contains(errb.String(), "--accept-new-host-key") {
			t.Errorf("exit %d: %s", code, errb.String())
		}
	})
	t.Run("WrongPassword", func(t *testing.T) {
		t.Setenv("WPD_TEST_PW", "wrong-password")
		io, _, errb := testIO()
		args := []string{"info", "ssh://" + s.User + "@127.0.0.1:" + itoa(f.SSHPort) + s.Root, "--password-env", "WPD_TEST_PW", "--known-hosts", f.KnownHosts}
		code := Run(context.Background(), args, io)
		if code != ExitAccess || !strings.Contains(errb.String(), "authentication failed") {
			t.Errorf("exit %d: %s", code, errb.String())
		}
		if strings.Contains(errb.String(), "wrong-password") {
			t.Error("the password appears in the error")
		}
	})
	t.Run("NotWordPress", func(t *testing.T) {
		io, _, errb := testIO()
		args := []string{"info", "ssh://" + s.User + "@127.0.0.1:" + itoa(f.SSHPort) + "/srv/wplab/sites/site1/logs", "-i", f.Key, "--known-hosts", f.KnownHosts}
		if code := Run(context.Background(), args, io); code != ExitNotWordPress {
			t.Errorf("exit %d: %s", code, errb.String())
		}
	})
	t.Run("PasswordAuth", func(t *testing.T) {
		t.Setenv("WPD_TEST_PW", s.Password)
		io, out, errb := testIO()
		args := []string{"info", "ssh://" + s.User + "@127.0.0.1:" + itoa(f.SSHPort) + s.Root, "--password-env", "WPD_TEST_PW", "--known-hosts", f.KnownHosts}
		if code := Run(context.Background(), args, io); code != ExitOK || !strings.Contains(out.String(), "reachable") {
			t.Errorf("exit %d: %s %s", code, out.String(), errb.String())
		}
	})
}
