package inventory

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/site"
)

// makeSite writes an install with n plugins shaped like real ones: most in
// a folder with their main file and an index.php, some with an
// uninstall.php too, a few single-file; three themes (a child, its parent,
// a block theme), two must-use plugins and two drop-ins.
func makeSite(tb testing.TB, n int) Layout {
	tb.Helper()
	root := filepath.ToSlash(tb.TempDir())
	l := DefaultLayout(root)
	write := func(p, data string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		slug := fmt.Sprintf("plugin-%02d", i)
		head := fmt.Sprintf("<?php\n/**\n * Plugin Name: Plugin %02d\n * Version: 1.%d\n * Requires PHP: 7.4\n */\n", i, i)
		if i%10 == 9 {
			write(l.PluginDir+"/"+slug+".php", head)
		} else {
			write(l.PluginDir+"/"+slug+"/"+slug+".php", head+"require __DIR__ . '/inc/core.php';\n")
			write(l.PluginDir+"/"+slug+"/inc/core.php", "<?php\n")
			write(l.PluginDir+"/"+slug+"/readme.txt", "=== Plugin ===\n")
			if i%2 == 0 {
				write(l.PluginDir+"/"+slug+"/index.php", silence)
			}
			if i%5 == 0 {
				write(l.PluginDir+"/"+slug+"/uninstall.php", "<?php\ndefined( 'WP_UNINSTALL_PLUGIN' ) || exit;\n")
			}
		}
	}
	write(l.PluginDir+"/index.php", silence)
	write(l.MUPluginDir+"/loader.php", "<?php\n/* Plugin Name: Loader */\nrequire __DIR__ . '/lib/lib.php';\n")
	write(l.MUPluginDir+"/lib/lib.php", "<?php\n")
	write(l.MUPluginDir+"/host.php", "<?php\n/* Plugin Name: Host */\n")
	write(l.ContentDir+"/advanced-cache.php", "<?php\ninclude WP_CONTENT_DIR . '/plugins/plugin-01/cache.php';\n")
	write(l.ContentDir+"/object-cache.php", "<?php\n/* Plugin Name: Redis Object Cache Drop-In */\n")
	write(l.ThemeRoots[0]+"/parent/style.css", "/*\nTheme Name: Parent\n*/\n")
	write(l.ThemeRoots[0]+"/parent/index.php", "<?php\n")
	write(l.ThemeRoots[0]+"/child/style.css", "/*\nTheme Name: Child\nTemplate: parent\n*/\n")
	write(l.ThemeRoots[0]+"/twentytwentyfive/style.css", "/*\nTheme Name: Twenty Twenty-Five\n*/\n")
	write(l.ThemeRoots[0]+"/twentytwentyfive/templates/index.html", "<!-- -->\n")
	return l
}

const silence = "<?php\n// Silence is golden.\n"

// BenchmarkScan scans an install with 80 plugins through LocalFS. The FS
// call count is the figure that matters: over SFTP each call is a round
// trip (pipelined up to the parallel limit).
func BenchmarkScan(b *testing.B) {
	l := makeSite(b, 80)
	ctx := context.Background()
	var c *countingFS
	for b.Loop() {
		c = newCountingFS(site.LocalFS{})
		inv, err := Scan(ctx, c, l, Constants{})
		if err != nil {
			b.Fatal(err)
		}
		if len(inv.Plugins) != 80 {
			b.Fatalf("%d plugins", len(inv.Plugins))
		}
	}
	b.ReportMetric(float64(c.total()), "fscalls/op")
	b.ReportMetric(float64(c.ops["ReadDir"]), "readdirs/op")
	b.ReportMetric(float64(c.ops["ReadRange"]), "reads/op")
	b.ReportMetric(float64(c.ops["Stat"]), "stats/op")
}

// TestScanCallBudget pins the call count of the benchmark's install:
// one listing per directory Scan must look into and one read per candidate
// file, nothing more.
func TestScanCallBudget(t *testing.T) {
	l := makeSite(t, 80)
	c := newCountingFS(site.LocalFS{})
	if _, err := Scan(context.Background(), c, l, Constants{}); err != nil {
		t.Fatal(err)
	}
	// Listings: content, plugins, mu-plugins, themes root, 72 plugin
	// folders, 3 theme folders. Reads: .maintenance, 8 single-file plugins
	// + index.php, 72 main files, 40 index.php, 16 uninstall.php (WordPress
	// reads every top-level .php file of a folder too), 2 mu, 2 drop-ins,
	// 3 style.css. Stats: templates/index.html of the block theme.
	want := map[string]int{"ReadDir": 4 + 72 + 3, "ReadRange": 1 + 9 + 72 + 40 + 16 + 2 + 2 + 3, "Stat": 1}
	for op, n := range want {
		if c.ops[op] != n {
			t.Errorf("%s: %d calls, want %d", op, c.ops[op], n)
		}
	}
	if c.total() != 79+145+1 {
		t.Errorf("total %d calls (%v)", c.total(), c.ops)
	}
}

// latencyFS adds a fixed delay to every call, like a round trip to a
// remote server.
type latencyFS struct {
	site.FS
	d time.Duration
}

func (l latencyFS) ReadDir(ctx context.Context, name string) ([]fs.FileInfo, error) {
	time.Sleep(l.d)
	return l.FS.ReadDir(ctx, name)
}

func (l latencyFS) ReadRange(ctx context.Context, name string, off int64, n int) ([]byte, error) {
	time.Sleep(l.d)
	return l.FS.ReadRange(ctx, name, off, n)
}

func (l latencyFS) Stat(ctx context.Context, name string) (fs.FileInfo, error) {
	time.Sleep(l.d)
	return l.FS.Stat(ctx, name)
}

// BenchmarkScanLatency scans the 80-plugin install with 5 ms added to each
// call: the wall time against calls × 5 ms shows what running calls
// concurrently saves over a slow link.
func BenchmarkScanLatency(b *testing.B) {
	l := makeSite(b, 80)
	const rtt = 5 * time.Millisecond
	var calls int
	for b.Loop() {
		c := newCountingFS(latencyFS{site.LocalFS{}, rtt})
		if _, err := Scan(context.Background(), c, l, Constants{}); err != nil {
			b.Fatal(err)
		}
		calls = c.total()
	}
	b.ReportMetric(float64(calls), "fscalls/op")
	b.ReportMetric(float64(calls)*float64(rtt/time.Millisecond), "serial-ms/op")
}
