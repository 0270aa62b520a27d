package remote

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// ErrAuth means the server refused every way we had to log in.
var ErrAuth = errors.New("authentication failed")

// Prompter asks the person at the terminal for a secret. A nil Prompter
// means nobody can be asked (scripts, cron).
type Prompter interface {
	Secret(prompt string) (string, error)
}

// AuthOptions are the credentials wpdoctor may use.
type AuthOptions struct {
	Identities []string // -i files, tried first
	Password   string   // from the environment variable the user named
	UseAgent   bool     // SSH_AUTH_SOCK
	AgentSock  string   // overrides SSH_AUTH_SOCK
	Prompter   Prompter // for key passphrases and passwords
	Home       string   // for the default identity files
}

// authMethods builds the methods for one endpoint, in OpenSSH's order:
// agent and keys, then password. It returns a closer for the agent socket.
func authMethods(o AuthOptions, e Endpoint) ([]ssh.AuthMethod, func(), error) {
	var signers []ssh.Signer
	closer := func() {}
	files := append(append([]string{}, o.Identities...), e.IdentityFiles...)
	explicit := len(files) > 0
	if !explicit && o.Home != "" {
		for _, n := range []string{"id_ed25519", "id_ecdsa", "id_rsa"} {
			files = append(files, filepath.Join(o.Home, ".ssh", n))
		}
	}
	if o.UseAgent && !e.IdentitiesOnly {
		sock := o.AgentSock
		if sock == "" {
			sock = os.Getenv("SSH_AUTH_SOCK")
		}
		if sock != "" {
			if c, err := (&net.Dialer{Timeout: 5 * time.Second}).DialContext(context.Background(), "unix", sock); err == nil {
				closer = func() { c.Close() }
				if s, err := agent.NewClient(c).Signers(); err == nil {
					signers = append(signers, s...)
				}
			}
		}
	}
	for _, f := range files {
		s, err := loadKey(f, o.Prompter)
		if errors.Is(err, fs.ErrNotExist) && !contains(o.Identities, f) {
			continue // a default or ssh_config key that is not there
		}
		if err != nil {
			closer()
			return nil, nil, err
		}
		signers = append(signers, s)
	}
	var methods []ssh.AuthMethod
	if len(signers) > 0 {
		methods = append(methods, ssh.PublicKeys(signers...))
	}
	switch {
	case o.Password != "":
		methods = append(methods, ssh.Password(o.Password))
	case o.Prompter != nil:
		methods = append(methods, ssh.RetryableAuthMethod(ssh.PasswordCallback(func() (string, error) {
			return o.Prompter.Secret(fmt.Sprintf("%s@%s's password: ", e.User, e.Host))
		}), 3))
	}
	if len(methods) == 0 {
		closer()
		return nil, nil, fmt.Errorf("%w: no key, agent or password to log in to %s with (use -i, ssh-agent or --password-env)", ErrAuth, e.Host)
	}
	return methods, closer, nil
}

// loadKey reads a private key, asking for its passphrase when needed.
func loadKey(path string, p Prompter) (ssh.Signer, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read identity %s: %w", path, err)
	}
	s, err := ssh.ParsePrivateKey(pem)
	var missing *ssh.PassphraseMissingError
	if errors.As(err, &missing) {
		if p == nil {
			return nil, fmt.Errorf("identity %s is protected by a passphrase and there is no terminal to ask it on (load it into ssh-agent)", path)
		}
		pass, perr := p.Secret(fmt.Sprintf("Enter passphrase for key '%s': ", path))
		if perr != nil {
			return nil, perr
		}
		s, err = ssh.ParsePrivateKeyWithPassphrase(pem, []byte(pass))
		if err != nil {
			return nil, fmt.Errorf("%w: wrong passphrase for %s", ErrAuth, path)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("read identity %s: %w", path, err)
	}
	return s, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
