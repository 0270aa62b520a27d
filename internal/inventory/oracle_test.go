package inventory

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/lab"
	"github.com/wpdoctor/wpdoctor/internal/lab/labtest"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// The oracle tests run WordPress's own functions (extracted, read only,
// from the lab's install by testdata/oracle/oracle.php) and compare.

// wordpressSource returns the lab's WordPress root, or skips.
func wordpressSource(t *testing.T) (*lab.Facts, string) {
	t.Helper()
	f := labtest.Facts(t)
	s, err := f.Site("site1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("php"); err != nil {
		t.Skip("no php: oracle skipped")
	}
	return f, s.Root
}

// runOracle runs oracle.php with job and decodes its answer into out.
func runOracle(t *testing.T, wp string, job, out any) {
	t.Helper()
	in, err := json.Marshal(job)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(context.Background(), "php", filepath.Join("testdata", "oracle", "oracle.php"), wp)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle: %v\n%s", err, stderr.Bytes())
	}
	if err := json.Unmarshal(res, out); err != nil {
		t.Fatalf("oracle answer %.200q: %v", res, err)
	}
}

type headerCase struct {
	Data  string   `json:"data"`
	Names []string `json:"names"`
}

// headerCorpus makes header-parsing cases: random lines built from the
// pieces that matter to the regex and the cleanup.
func headerCorpus(n int) []headerCase {
	r := rand.New(rand.NewSource(1))
	pieces := []string{" ", "\t", "/", "*", "#", "@", "<?php", "<?PHP", " <?php ", "Plugin Name", "plugin name",
		"PLUGIN NAME", "Plugin  Name", "Version", ":", ": ", "*/", "?>", " */", "\r", "\n", "\r\n", "\f", "\v",
		"\x00", "0", " 0", "x", "é", "ſ", "K", "\xff", "\xef\xbb\xbf", "Name", "Plugin", "value", "  v  ", "//"}
	names := []string{"Plugin Name", "Version", "Name", "Plugin", "*", "a.b", ""}
	cases := make([]headerCase, n)
	for i := range cases {
		var b bytes.Buffer
		for j := r.Intn(40); j >= 0; j-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		cases[i] = headerCase{Data: base64.StdEncoding.EncodeToString(b.Bytes()), Names: names}
	}
	return cases
}

func TestLabWordPressOracleHeaders(t *testing.T) {
	_, wp := wordpressSource(t)
	cases := headerCorpus(3000)
	// Every fixture file too.
	_ = filepath.WalkDir(filepath.Join("testdata", "sites"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if b, err := os.ReadFile(p); err == nil {
			cases = append(cases, headerCase{Data: base64.StdEncoding.EncodeToString(b),
				Names: append(append([]string{}, pluginHeaders...), themeHeaders...)})
		}
		return nil
	})
	var want [][]string
	runOracle(t, wp, map[string]any{"headers": cases}, &want)
	if len(want) != len(cases) {
		t.Fatalf("oracle answered %d cases, want %d", len(want), len(cases))
	}
	bad := 0
	for i, c := range cases {
		data, _ := base64.StdEncoding.DecodeString(c.Data)
		got := HeaderFields(data, c.Names...)
		for j, name := range c.Names {
			w, _ := base64.StdEncoding.DecodeString(want[i][j])
			if got[name] != string(w) {
				bad++
				if bad <= 10 {
					t.Errorf("HeaderFields(%q)[%q] = %q, WordPress says %q", data, name, got[name], w)
				}
			}
		}
	}
	t.Logf("%d files compared with WordPress's get_file_data(), %d differences", len(cases), bad)
}

type oracleScan struct {
	Plugins  map[string][]any  `json:"plugins"`
	MU       map[string]string `json:"mu"`
	MULoaded []string          `json:"mu_loaded"`
	Dropins  []string          `json:"dropins"`
	Themes   []string          `json:"themes"`
}

// compareWithWordPress checks a Scan against WordPress's get_plugins(),
// get_mu_plugins(), wp_get_mu_plugins(), get_dropins() and
// search_theme_directories() on the same directories.
func compareWithWordPress(t *testing.T, wp string, l Layout, c Constants) {
	t.Helper()
	var want oracleScan
	runOracle(t, wp, map[string]any{"scan": map[string]any{
		"content": l.ContentDir, "plugins": l.PluginDir, "mu": l.MUPluginDir,
		"themes": l.ThemeRoots, "multisite": c.Multisite}}, &want)
	inv, err := Scan(context.Background(), site.LocalFS{}, l, c)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]any{}
	for _, p := range inv.Plugins {
		got[p.File] = []any{p.Name, p.Version, p.RequiresPHP, p.RequiresWP, p.TextDomain, p.Network}
	}
	for _, o := range inv.Orphans { // WordPress lists what wpdoctor disabled under new ids
		if o.HasPluginFile {
			for f := range want.Plugins {
				if filepath.Dir(f) == o.Name {
					delete(want.Plugins, f)
				}
			}
		}
	}
	jsonEqual(t, "plugins", got, want.Plugins)

	mu := map[string]string{}
	for _, m := range inv.MUPlugins {
		mu[m.File] = m.Name
	}
	jsonEqual(t, "mu-plugins", mu, want.MU)
	for _, f := range want.MULoaded {
		if f == "index.php" && mu["index.php"] == "" {
			continue // loaded, but get_mu_plugins() hides a silent one, and so does Scan
		}
		if _, ok := mu[f]; !ok {
			t.Errorf("WordPress loads must-use plugin %s, Scan does not list it", f)
		}
	}
	dropins := []string{}
	for _, d := range inv.Dropins {
		// get_dropins() leaves out multisite ones on a single site, and
		// broken symlinks (not readable).
		multisiteOnly := d.LoadsWhen == "never: a multisite-only drop-in on a single site"
		if !multisiteOnly && !d.broken {
			dropins = append(dropins, d.File)
		}
	}
	sort.Strings(want.Dropins)
	jsonEqual(t, "drop-ins", dropins, want.Dropins)
	themes := []string{}
	for _, th := range inv.Themes {
		themes = append(themes, th.Slug)
	}
	sort.Strings(want.Themes)
	jsonEqual(t, "themes", themes, want.Themes)
	t.Logf("%d plugins, %d must-use plugins, %d drop-ins, %d themes agree with WordPress",
		len(got), len(mu), len(dropins), len(themes))
}

func jsonEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if !bytes.Equal(g, w) {
		t.Errorf("%s differ from WordPress:\n got  %s\n want %s", what, g, w)
	}
}

func TestLabWordPressOracleFixtures(t *testing.T) {
	_, wp := wordpressSource(t)
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			compareWithWordPress(t, wp, fx.layout(sitesDir(t)), fx.consts)
		})
	}
}

// TestLabWordPressOracleSites compares on the lab's live sites, read only,
// holding each site's lock so that no scenario changes it meanwhile.
func TestLabWordPressOracleSites(t *testing.T) {
	f, wp := wordpressSource(t)
	for _, s := range f.Sites {
		t.Run(s.Name, func(t *testing.T) {
			labtest.Lock(t, f, s.Name)
			compareWithWordPress(t, wp, NewLayout(s.Root, s.ContentDir, "", ""), Constants{})
		})
	}
}
