package lab

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// secretSet holds the lab's throwaway passwords, generated once and kept in
// secrets.json (0600) so that lab-up stays idempotent.
type secretSet map[string]string

func loadSecrets(dir string) (secretSet, error) {
	s := secretSet{}
	b, err := os.ReadFile(filepath.Join(dir, "secrets.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	return s, json.Unmarshal(b, &s)
}

func (s secretSet) save(dir string) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "secrets.json"), b, 0o600)
}

func (s secretSet) get(key string) string {
	if v, ok := s[key]; ok {
		return v
	}
	var b [12]byte
	_, _ = rand.Read(b[:])
	s[key] = "lab-" + hex.EncodeToString(b[:])
	return s[key]
}

func (s secretSet) sshPassword(user string) string { return s.get("ssh:" + user) }
func (s secretSet) dbPassword(user string) string  { return s.get("db:" + user) }
func (s secretSet) passphrase() string             { return s.get("key-passphrase") }
