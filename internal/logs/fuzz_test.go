package logs

import (
	"bytes"
	"reflect"
	"testing"
	"testing/iotest"
)

// fuzzParser checks, for any input, that parsing neither panics nor breaks
// an event invariant, that streaming gives the same events as parsing the
// buffer, and that blame and aggregation accept every event.
func fuzzParser(f *testing.F, format Format, seedFile string, seeds ...string) {
	f.Add(readTestdata(f, seedFile))
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	layout := StandardLayout("/srv/x").WithAlias("/var/www/html", "/srv/x")
	f.Fuzz(func(t *testing.T, data []byte) {
		evs, err := Parse(data, format, Options{Source: "fuzz"})
		if err != nil {
			t.Fatal(err)
		}
		agg := NewAggregator(layout, AggregateOptions{MaxGroups: 8})
		for i := range evs {
			checkInvariants(t, &evs[i])
			if evs[i].Format != format {
				t.Fatalf("format %v, want %v", evs[i].Format, format)
			}
			c := layout.Blame(&evs[i])
			if c.Kind == "" {
				t.Fatalf("blame without kind: %+v", c)
			}
			agg.Add(evs[i])
		}
		if agg.Total() != len(evs) {
			t.Fatalf("aggregated %d of %d", agg.Total(), len(evs))
		}
		var streamed []Event
		if err := Scan(iotest.HalfReader(bytes.NewReader(data)), format, Options{Source: "fuzz"}, func(e Event) {
			streamed = append(streamed, e)
		}); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(streamed, evs) {
			t.Fatalf("Scan gave %d events, Parse %d", len(streamed), len(evs))
		}
	})
}

func FuzzPHPLog(f *testing.F) {
	fuzzParser(f, FormatPHP, "php/debug.log",
		"[21-Nov-2026 16:47:01 Europe/Berlin] PHP Warning:  x in /a.php on line 1",
		"[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Uncaught Error: x in /srv/x/wp-content/plugins/p/p.php:12\nStack trace:\n#0 /srv/x/wp-settings.php(453): include_once()\n#1 {main}\n  thrown in /srv/x/wp-content/plugins/p/p.php on line 12",
		"\x00\x00[21-Nov-2026 16:47:01 UTC] \xff\xfe",
		"#0 orphan\n  thrown in  on line ")
}

func FuzzNginx(f *testing.F) {
	fuzzParser(f, FormatNginx, "nginx/error.log",
		`2026/11/21 16:47:01 [error] 1#1: *1 FastCGI sent in stderr: "PHP message: PHP Fatal error:  x in /a.php:1\nStack trace:\n#0 {main}" while reading upstream, client: a, request: "GET /", host: "h"`,
		"2026/11/21 16:47:01 [crit] 1#1: *1 connect() to unix:/x failed (13: Permission denied) while connecting to upstream",
		"2026/11/21 16:47:01 [error] 1#1: (((((: ")
}

func FuzzApache(f *testing.F) {
	fuzzParser(f, FormatApache, "apache/error.log",
		`[Sat Nov 21 16:47:01 2026] [php:error] [pid 1] PHP Fatal error:  x in /a.php:3\nStack trace:\n#0 {main}`,
		`[Sat Nov 21 16:47:01.1 2026] [proxy_fcgi:error] [pid 1:tid 2] (70007)T: [client 1:2] AH01071: Got error 'PHP message: \x41'`,
		"[Sat Nov  1 16:47:01 2026] [error] \\")
}

func FuzzFPM(f *testing.F) {
	fuzzParser(f, FormatFPM, "fpm/php-fpm.log",
		`[21-Nov-2026 16:47:01] WARNING: [pool a] child 1 said into stderr: "PHP message: PHP Fatal error:  x in /a.php:1"`+"\n"+
			`[21-Nov-2026 16:47:01] WARNING: [pool a] child 1 said into stderr: "#0 {main}"`,
		"[21-Nov-2026 16:47:01.5] ALERT: [pool a] child 9 exited on signal 6 (SIGABRT) after 1e3 seconds from start")
}

func FuzzSlowlog(f *testing.F) {
	fuzzParser(f, FormatSlowlog, "slowlog/slow.log",
		"[21-Nov-2026 16:47:02]  [pool a] pid 1\nscript_filename = /x\n[0x1] f() /srv/x/wp-content/themes/t/a.php:3\n",
		"[0x] \n\n\n[0x1] () :")
}

func FuzzAttribute(f *testing.F) {
	for _, s := range []string{"/srv/x/wp-content/plugins/a/b.php", "/srv/x/wp-content/mu-plugins/x", "phar:///a.php(1) : eval()'d code", "//..//", ""} {
		f.Add(s)
	}
	layouts := []Layout{
		StandardLayout("/srv/x"),
		StandardLayout("/").WithAlias("/a", "/"),
		{PluginDir: []string{"relative", "", "/"}, ThemeRoots: []string{"/srv/x/wp-content/plugins/a"}},
	}
	f.Fuzz(func(t *testing.T, p string) {
		for _, l := range layouts {
			c := l.Attribute(p)
			if c.Path != p {
				t.Fatalf("Path %q, want %q", c.Path, p)
			}
			switch c.Kind {
			case CompPlugin, CompTheme, CompMUPlugin, CompDropIn:
				if c.Slug == "" {
					t.Fatalf("extension without slug: %+v", c)
				}
			case CompCore, CompOther:
				if c.Slug != "" {
					t.Fatalf("%s with slug: %+v", c.Kind, c)
				}
			default:
				t.Fatalf("bad kind %q", c.Kind)
			}
		}
	})
}
