package lab

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// keys makes the host keys of both lab sshds, the client keys the tests use
// (plain ed25519, passphrase-protected ed25519, RSA), authorized_keys for
// every lab user and a known_hosts file.
func (s *setup) keys(ctx context.Context) error {
	sshDir, keyDir := filepath.Join(s.dir, "ssh"), filepath.Join(s.dir, "keys")
	gen := func(path, typ, pass, comment string) error {
		if _, err := os.Stat(path); err == nil {
			return nil
		}
		args := []string{"-q", "-t", typ, "-N", pass, "-C", comment, "-f", path}
		if typ == "rsa" {
			args = append(args, "-b", "3072")
		}
		_, err := s.r.run(ctx, nil, "ssh-keygen", args...)
		return err
	}
	for _, k := range []struct{ path, typ, pass, comment string }{
		{filepath.Join(sshDir, "host_ed25519"), "ed25519", "", "wplab-host"},
		{filepath.Join(sshDir, "host_ecdsa"), "ecdsa", "", "wplab-host"},
		{filepath.Join(sshDir, "jump_ed25519"), "ed25519", "", "wplab-jump"},
		{filepath.Join(keyDir, "id_ed25519"), "ed25519", "", "wplab-client"},
		{filepath.Join(keyDir, "id_ed25519_pass"), "ed25519", s.sec.passphrase(), "wplab-client-pass"},
		{filepath.Join(keyDir, "id_rsa"), "rsa", "", "wplab-client-rsa"},
	} {
		if err := gen(k.path, k.typ, k.pass, k.comment); err != nil {
			return err
		}
	}
	if err := s.sec.save(s.dir); err != nil {
		return err
	}
	var auth strings.Builder
	for _, k := range []string{"id_ed25519", "id_ed25519_pass", "id_rsa"} {
		pub, err := os.ReadFile(filepath.Join(keyDir, k+".pub"))
		if err != nil {
			return err
		}
		auth.Write(pub)
	}
	users := []string{jumpUser}
	for _, sp := range s.specs() {
		users = append(users, sp.user)
	}
	for _, u := range users {
		if err := writeFile(filepath.Join(sshDir, "authorized_keys", u), []byte(auth.String()), 0o644); err != nil {
			return err
		}
	}
	var kh strings.Builder
	for _, h := range []struct {
		port int
		key  string
	}{{sshPort, "host_ed25519"}, {sshPort, "host_ecdsa"}, {jumpPort, "jump_ed25519"}} {
		pub, err := os.ReadFile(filepath.Join(sshDir, h.key+".pub"))
		if err != nil {
			return err
		}
		f := strings.Fields(string(pub))
		fmt.Fprintf(&kh, "[127.0.0.1]:%d %s %s\n", h.port, f[0], f[1])
	}
	return writeFile(filepath.Join(keyDir, "known_hosts"), []byte(kh.String()), 0o644)
}

// hostKeyFingerprint is the SHA256 fingerprint of the main sshd's ed25519 key.
func (s *setup) hostKeyFingerprint(ctx context.Context) (string, error) {
	out, err := s.r.run(ctx, nil, "ssh-keygen", "-l", "-E", "sha256", "-f", filepath.Join(s.dir, "ssh", "host_ed25519.pub"))
	if err != nil {
		return "", err
	}
	f := strings.Fields(string(out))
	if len(f) < 2 {
		return "", fmt.Errorf("ssh-keygen -l: unexpected output %q", out)
	}
	return f[1], nil
}
