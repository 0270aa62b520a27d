package remote_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
	"github.com/wpdoctor/wpdoctor/internal/remote"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

func endpoint(f *lab.Facts, user string) remote.Endpoint {
	return remote.Endpoint{Alias: f.SSHHost, Host: f.SSHHost, Port: f.SSHPort, User: user}
}

func keyOpts(f *lab.Facts) remote.Options {
	return remote.Options{KnownHosts: []string{f.KnownHosts}, KeepAlive: -1,
		Auth: remote.AuthOptions{Identities: []string{f.Key}}}
}

func dial(t *testing.T, ep remote.Endpoint, o remote.Options) *remote.Client {
	t.Helper()
	c, err := remote.Dial(context.Background(), ep, o)
	if err != nil {
		t.Fatalf("dial %s@%s: %v", ep.User, ep.Addr(), err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// whoami runs id -un over the connection.
func whoami(t *testing.T, c *remote.Client) string {
	t.Helper()
	sh, why := remote.NewShell(context.Background(), c, 10*time.Second)
	if why != "" {
		t.Fatalf("no shell: %s", why)
	}
	out, err := site.Output(context.Background(), sh, "id -un")
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

func TestLabSSHAuth(t *testing.T) {
	f := labtest.Facts(t)
	s1, _ := f.Site("site1")
	t.Run("Key", func(t *testing.T) {
		if u := whoami(t, dial(t, endpoint(f, s1.User), keyOpts(f))); u != s1.User {
			t.Errorf("logged in as %q", u)
		}
	})
	t.Run("RSAKey", func(t *testing.T) {
		o := keyOpts(f)
		o.Auth.Identities = []string{f.RSAKey}
		if u := whoami(t, dial(t, endpoint(f, s1.User), o)); u != s1.User {
			t.Errorf("logged in as %q", u)
		}
	})
	t.Run("PassphraseKey", func(t *testing.T) {
		o := keyOpts(f)
		o.Auth.Identities = []string{f.KeyPass}
		o.Auth.Prompter = prompter{f.Passphrase}
		if u := whoami(t, dial(t, endpoint(f, s1.User), o)); u != s1.User {
			t.Errorf("logged in as %q", u)
		}
		o.Auth.Prompter = prompter{"wrong"}
		if _, err := remote.Dial(context.Background(), endpoint(f, s1.User), o); !errors.Is(err, remote.ErrAuth) {
			t.Errorf("wrong passphrase: %v, want ErrAuth", err)
		}
		o.Auth.Prompter = nil
		_, err := remote.Dial(context.Background(), endpoint(f, s1.User), o)
		if err == nil || !strings.Contains(err.Error(), "passphrase") {
			t.Errorf("passphrase key without a prompter: %v", err)
		}
	})
	t.Run("Password", func(t *testing.T) {
		o := keyOpts(f)
		o.Auth = remote.AuthOptions{Password: s1.Password}
		if u := whoami(t, dial(t, endpoint(f, s1.User), o)); u != s1.User {
			t.Errorf("logged in as %q", u)
		}
	})
	t.Run("WrongPassword", func(t *testing.T) {
		o := keyOpts(f)
		o.Auth = remote.AuthOptions{Password: "not-the-password"}
		_, err := remote.Dial(context.Background(), endpoint(f, s1.User), o)
		if !errors.Is(err, remote.ErrAuth) {
			t.Fatalf("wrong password: %v, want ErrAuth", err)
		}
		if strings.Contains(err.Error(), "not-the-password") {
			t.Errorf("error quotes the password: %v", err)
		}
	})
	t.Run("WrongKey", func(t *testing.T) {
		o := keyOpts(f)
		o.Auth.Identities = []string{writeNewKey(t)}
		if _, err := remote.Dial(context.Background(), endpoint(f, s1.User), o); !errors.Is(err, remote.ErrAuth) {
			t.Errorf("unknown key: %v, want ErrAuth", err)
		}
	})
	t.Run("Agent", func(t *testing.T) {
		sock := serveAgent(t, f.Key)
		o := keyOpts(f)
		o.Auth = remote.AuthOptions{UseAgent: true, AgentSock: sock}
		if u := whoami(t, dial(t, endpoint(f, s1.User), o)); u != s1.User {
			t.Errorf("logged in as %q", u)
		}
	})
}

type prompter struct{ answer string }

func (p prompter) Secret(string) (string, error) { return p.answer, nil }

// serveAgent runs an in-process ssh-agent holding key on a unix socket.
func serveAgent(t *testing.T, keyFile string) string {
	t.Helper()
	pem, err := os.ReadFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ssh.ParseRawPrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	kr := agent.NewKeyring()
	if err := kr.Add(agent.AddedKey{PrivateKey: raw}); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(t.TempDir(), "agent.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() { _ = agent.ServeAgent(kr, c); c.Close() }()
		}
	}()
	return sock
}

func writeNewKey(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "id_other")
	out, err := runCmd("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", p)
	if err != nil {
		t.Fatalf("ssh-keygen: %v %s", err, out)
	}
	return p
}

func TestLabProxyJump(t *testing.T) {
	f := labtest.Facts(t)
	s1, _ := f.Site("site1")
	cfg := filepath.Join(t.TempDir(), "ssh_config")
	conf := fmt.Sprintf(`Host labjump
  HostName 127.0.0.1
  Port %d
  User %s
  IdentityFile %s

Host labsite1
  HostName 127.0.0.1
  Port %d
  User %s
  IdentityFile %s
  ProxyJump labjump
`, f.JumpPort, f.JumpUser, f.Key, f.SSHPort, s1.User, f.Key)
	if err := os.WriteFile(cfg, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := remote.NewResolver(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ep, err := r.Resolve("labsite1", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ep.ProxyJump) != 1 || ep.ProxyJump[0].Port != f.JumpPort || ep.User != s1.User {
		t.Fatalf("resolved %+v", ep)
	}
	c := dial(t, ep, remote.Options{KnownHosts: []string{f.KnownHosts}, KeepAlive: -1})
	if u := whoami(t, c); u != s1.User {
		t.Errorf("logged in as %q through the jump host", u)
	}
	// The jump host saw our user log in and forward.
	log, _ := os.ReadFile(filepath.Join(f.Dir, "ssh", "jump.log"))
	if !strings.Contains(string(log), "Accepted publickey for "+f.JumpUser) {
		t.Errorf("jump host log shows no login of %s", f.JumpUser)
	}
}

func TestLabHostKeys(t *testing.T) {
	f := labtest.Facts(t)
	s1, _ := f.Site("site1")
	t.Run("UnknownRefused", func(t *testing.T) {
		kh := filepath.Join(t.TempDir(), "known_hosts")
		o := keyOpts(f)
		o.KnownHosts = []string{kh}
		_, err := remote.Dial(context.Background(), endpoint(f, s1.User), o)
		if !errors.Is(err, remote.ErrHostUnknown) {
			t.Fatalf("unknown host: %v, want ErrHostUnknown", err)
		}
		if !strings.Contains(err.Error(), f.HostKeyFP) && !strings.Contains(err.Error(), "SHA256:") {
			t.Errorf("refusal does not show the fingerprint: %v", err)
		}
		if _, err := os.Stat(kh); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("refused host was written to known_hosts")
		}
		// Accept-new records the key; the next strict connection passes.
		o.AcceptNewHostKey = true
		dial(t, endpoint(f, s1.User), o)
		o.AcceptNewHostKey = false
		dial(t, endpoint(f, s1.User), o)
		b, _ := os.ReadFile(kh)
		if !strings.Contains(string(b), "[127.0.0.1]:2222") {
			t.Errorf("known_hosts after accept-new: %q", b)
		}
	})
	t.Run("ChangedRefused", func(t *testing.T) {
		// A known_hosts that records another key for the lab host.
		other, err := os.ReadFile(writeNewKey(t) + ".pub")
		if err != nil {
			t.Fatal(err)
		}
		fields := strings.Fields(string(other))
		kh := filepath.Join(t.TempDir(), "known_hosts")
		line := fmt.Sprintf("[127.0.0.1]:%d %s %s\n", f.SSHPort, fields[0], fields[1])
		if err := os.WriteFile(kh, []byte(line), 0o600); err != nil {
			t.Fatal(err)
		}
		o := keyOpts(f)
		o.KnownHosts = []string{kh}
		o.AcceptNewHostKey = true // never applies to a changed key
		_, err = remote.Dial(context.Background(), endpoint(f, s1.User), o)
		if !errors.Is(err, remote.ErrHostKeyChanged) {
			t.Fatalf("changed key: %v, want ErrHostKeyChanged", err)
		}
		pub, _, _, _, perr := ssh.ParseAuthorizedKey(other)
		if perr != nil {
			t.Fatal(perr)
		}
		msg := err.Error()
		if !strings.Contains(msg, f.HostKeyFP) || !strings.Contains(msg, ssh.FingerprintSHA256(pub)) {
			t.Errorf("message lacks one of the fingerprints (%s offered, %s on record):\n%s", f.HostKeyFP, ssh.FingerprintSHA256(pub), msg)
		}
		if b, _ := os.ReadFile(kh); string(b) != line {
			t.Errorf("known_hosts was changed: %q", b)
		}
	})
}
