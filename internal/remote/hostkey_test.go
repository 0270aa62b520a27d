package remote

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/ssh"
)

func newKey(t *testing.T) ssh.PublicKey {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// TestHostKeyAnswers: refusing fails with ErrHostUnknown; accepting once
// trusts the key for this process without writing known_hosts (another key
// for that host is then a changed key, refused); remembering records it.
func TestHostKeyAnswers(t *testing.T) {
	addr := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222}
	const host = "[127.0.0.1]:2222"
	for _, c := range []struct {
		answer  HostAnswer
		ok      bool
		written bool
	}{
		{HostRefuse, false, false},
		{HostAcceptOnce, true, false},
		{HostRemember, true, true},
	} {
		file := filepath.Join(t.TempDir(), "known_hosts")
		h, err := NewHostKeys([]string{file}, false)
		if err != nil {
			t.Fatal(err)
		}
		asked := 0
		h.Confirm = func(string, string) HostAnswer { asked++; return c.answer }
		key := newKey(t)
		err = h.Callback(host, addr, key)
		if (err == nil) != c.ok || !c.ok && !errors.Is(err, ErrHostUnknown) {
			t.Fatalf("answer %d: %v", c.answer, err)
		}
		b, _ := os.ReadFile(file)
		if (len(b) > 0) != c.written {
			t.Errorf("answer %d: known_hosts %q", c.answer, b)
		}
		if !c.ok {
			continue
		}
		if err := h.Callback(host, addr, key); err != nil || asked != 1 {
			t.Errorf("answer %d: same key again: %v, asked %d times", c.answer, err, asked)
		}
		if c.answer == HostAcceptOnce {
			if err := h.Callback(host, addr, newKey(t)); !errors.Is(err, ErrHostKeyChanged) || asked != 1 {
				t.Errorf("another key after accept-once: %v, asked %d times; want a changed key, refused without asking", err, asked)
			}
		}
	}
}
