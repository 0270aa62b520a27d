package logs

import "testing"

func TestBlame(t *testing.T) {
	l := StandardLayout("/srv/x")
	tests := []struct {
		name   string
		format Format
		text   string
		id     string
		line   int
	}{
		{"fatal in plugin", FormatPHP, "[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Uncaught Error: x in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php:12\nStack trace:\n#0 /srv/x/wp-settings.php(453): include_once()\n#1 {main}\n  thrown in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php on line 12",
			"plugin:wpd-fatal", 12},
		{"core file, mu-plugin frame", FormatPHP, "[21-Nov-2026 16:47:09 UTC] PHP Fatal error:  Uncaught TypeError: array_merge() in /srv/x/wp-includes/class-wp-hook.php:308\nStack trace:\n#0 /srv/x/wp-includes/class-wp-hook.php(308): array_merge(Array, NULL)\n#1 /srv/x/wp-includes/plugin.php(517): WP_Hook->do_action(Array)\n#2 /srv/x/wp-content/mu-plugins/loader/site-tweaks.php(22): do_action('init')\n#3 /srv/x/wp-content/plugins/other/other.php(5): wpd_tweaks_boot('')\n#4 {main}",
			"mu-plugin:loader", 22},
		{"core file, theme frame deepest wins", FormatPHP, "[21-Nov-2026 16:47:09 UTC] PHP Fatal error:  Uncaught Error: x in /srv/x/wp-includes/formatting.php:10\nStack trace:\n#0 /srv/x/wp-content/themes/t/inc/a.php(3): esc_html()\n#1 /srv/x/wp-content/plugins/p/p.php(5): t_render()\n#2 {main}",
			"theme:t", 3},
		{"drop-in", FormatPHP, "[21-Nov-2026 16:47:10 UTC] PHP Fatal error:  Uncaught Error: Class \"Redis\" not found in /srv/x/wp-content/object-cache.php:95\nStack trace:\n#0 /srv/x/wp-includes/load.php(811): require_once()\n#1 {main}",
			"drop-in:object-cache.php", 95},
		{"core without trace", FormatPHP, "[21-Nov-2026 16:47:02 UTC] PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /srv/x/wp-includes/class-wpdb.php on line 2187",
			"core", 2187},
		{"core, only other frames", FormatPHP, "[21-Nov-2026 16:47:02 UTC] PHP Fatal error:  Uncaught Error: x in /srv/x/wp-includes/a.php:1\nStack trace:\n#0 /srv/x/wp-content/uploads/evil.php(3): f()\n#1 /srv/x/index.php(17): require()",
			"other", 3},
		{"other location, plugin frame", FormatPHP, "[21-Nov-2026 16:47:02 UTC] PHP Fatal error:  Uncaught Error: x in /opt/lib/a.php:1\nStack trace:\n#0 /opt/lib/b.php(3): f()\n#1 /srv/x/wp-content/plugins/p/p.php(9): g()",
			"plugin:p", 9},
		{"thrown in only", FormatPHP, "[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Uncaught Exception: boom\nStack trace:\n#0 {main}\n  thrown in /srv/x/wp-content/themes/t/functions.php on line 7",
			"theme:t", 7},
		{"no file", FormatPHP, "[21-Nov-2026 16:47:01 UTC] plain message", "other", 0},
		{"single-file plugin warning", FormatPHP, "[21-Nov-2026 16:47:05 UTC] PHP Warning:  x in /srv/x/wp-content/plugins/hello.php on line 60", "plugin:hello", 60},
		{"nginx stderr blames the fatal, not the warning", FormatNginx, `2026/11/21 16:47:11 [error] 1#1: *25 FastCGI sent in stderr: "PHP message: PHP Warning:  w in /srv/x/wp-content/themes/kadence/header.php on line 4; PHP message: PHP Fatal error:  f in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php on line 12" while reading response header from upstream, client: 1.2.3.4`,
			"plugin:wpd-fatal", 12},
		{"nginx without php", FormatNginx, "2026/11/21 16:47:01 [error] 1#1: *5 upstream prematurely closed connection", "other", 0},
		{"slowlog innermost non-core", FormatSlowlog, string(readTestdata(t, "slowlog/slow.log")), "plugin:wpd-slow", 10},
		{"fpm stderr", FormatFPM, `[21-Nov-2026 16:47:06] WARNING: [pool www] child 1238 said into stderr: "PHP message: PHP Fatal error:  Uncaught Error: x in /srv/x/wp-content/plugins/p/p.php:12"`, "plugin:p", 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := parse(t, tt.format, tt.text)
			if len(evs) == 0 {
				t.Fatal("no events")
			}
			c := l.Blame(&evs[0])
			if c.ID() != tt.id || c.Line != tt.line {
				t.Errorf("Blame = %s line %d (%s), want %s line %d", c.ID(), c.Line, c.Path, tt.id, tt.line)
			}
		})
	}
	// The second slowlog block: core innermost frames, then a theme.
	evs := parse(t, FormatSlowlog, string(readTestdata(t, "slowlog/slow.log")))
	if c := l.Blame(&evs[1]); c.ID() != "theme:slowtheme" || c.Line != 14 {
		t.Errorf("slowlog block 2 = %s:%d", c.ID(), c.Line)
	}
}

func TestBlameAllCoreSlowlog(t *testing.T) {
	l := StandardLayout("/srv/x")
	e := Event{Kind: KindSlowlog, Frames: []Frame{{File: "/srv/x/wp-includes/a.php", Line: 1}, {File: "/srv/x/index.php", Line: 2}}}
	if c := l.Blame(&e); c.ID() != "core" || c.Line != 1 {
		t.Errorf("all-core slowlog = %s:%d", c.ID(), c.Line)
	}
	empty := Event{Kind: KindSlowlog}
	if c := l.Blame(&empty); c.ID() != "other" || c.Path != "" {
		t.Errorf("empty slowlog = %+v", c)
	}
}
