package journal

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// memOptions is an in-memory option table.
type memOptions struct {
	mu   sync.Mutex
	rows map[string][]byte
}

func newMemOptions(rows map[string]string) *memOptions {
	m := &memOptions{rows: map[string][]byte{}}
	for k, v := range rows {
		m.rows[k] = []byte(v)
	}
	return m
}

func (m *memOptions) Option(_ context.Context, name string) ([]byte, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.rows[name]
	return append([]byte(nil), v...), ok, nil
}

func (m *memOptions) CompareAndSwapOption(_ context.Context, name string, oldFound bool, old, new []byte) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	cur, ok := m.rows[name]
	if ok != oldFound || (ok && !bytes.Equal(cur, old)) {
		return false, nil
	}
	m.rows[name] = append([]byte(nil), new...)
	return true, nil
}

func (m *memOptions) DeleteOption(_ context.Context, name string, value []byte) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if cur, ok := m.rows[name]; !ok || !bytes.Equal(cur, value) {
		return false, nil
	}
	delete(m.rows, name)
	return true, nil
}

func (m *memOptions) set(name, v string) {
	m.mu.Lock()
	m.rows[name] = []byte(v)
	m.mu.Unlock()
}

func (m *memOptions) dump() string {
	m.mu.Lock()
	defer m.mu.Unlock()
	var keys []string
	for k := range m.rows {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k + "=" + string(m.rows[k]) + "\n")
	}
	return b.String()
}

// treeSum checksums every path, type, mode and content under root.
func treeSum(t *testing.T, root string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		h.Write([]byte(rel + "\x00" + fi.Mode().String() + "\x00"))
		if fi.Mode().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

const testConfig = "<?php\r\ndefine( 'DB_NAME', 'shop' );\r\ndefine( 'DB_PASSWORD', 'S3cr3t-Pa55' );\r\ndefine( 'AUTH_KEY', 'salty-salt-9f8e7d' );\r\ndefine( 'WP_DEBUG', false );\r\n/* That's all, stop editing! Happy publishing. */\r\nrequire_once ABSPATH . 'wp-settings.php';\r\n"

// fixture is a small WordPress-like tree.
type fixture struct {
	root, config, plugins, state string
	opts                         *memOptions
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	root := t.TempDir()
	f := &fixture{root: root, config: filepath.Join(root, "wp-config.php"), plugins: filepath.Join(root, "wp-content", "plugins"), state: t.TempDir()}
	for _, p := range []string{"alpha", "beta", "gamma", "delta"} {
		if err := os.MkdirAll(filepath.Join(f.plugins, p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(f.plugins, p, p+".php"), []byte("<?php // "+p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(f.config, []byte(testConfig), 0o640); err != nil {
		t.Fatal(err)
	}
	f.opts = newMemOptions(map[string]string{
		"active_plugins": `a:4:{i:0;s:15:"alpha/alpha.php";i:1;s:13:"beta/beta.php";i:2;s:15:"delta/delta.php";i:3;s:15:"gamma/gamma.php";}`,
		"template":       "twentytwentythree",
	})
	return f
}

func (f *fixture) env(fsys interface{}) Env {
	return Env{FS: fsOf(fsys), Options: f.opts, Dir: f.state}
}

func (f *fixture) run() RunInfo {
	return RunInfo{Site: "test-site", Target: f.root, Root: f.root, Config: f.config, Operation: "test"}
}

func (f *fixture) plugin(name string) string { return filepath.Join(f.plugins, name) }

func (m *memOptions) OptionDigests(context.Context) (map[string]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]string{}
	for k, v := range m.rows {
		out[k] = SHA(v)
	}
	return out, nil
}

func (m *memOptions) remove(name string) {
	m.mu.Lock()
	delete(m.rows, name)
	m.mu.Unlock()
}
