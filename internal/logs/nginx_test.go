package logs

import (
	"strings"
	"testing"
)

const nginxCtx = `, client: 127.0.0.1, server: _, request: "GET / HTTP/1.1", upstream: "fastcgi://unix:/srv/wplab/run/site1-fpm.sock:", host: "127.0.0.1:8081"`

func TestNginxKinds(t *testing.T) {
	tests := []struct {
		msg   string
		level string
		kind  Kind
		errno int
	}{
		{"recv() failed (104: Connection reset by peer) while reading response header from upstream", "error", KindUpstreamReset, 104},
		{"readv() failed (104: Connection reset by peer) while reading upstream", "error", KindUpstreamReset, 104},
		{"writev() failed (32: Broken pipe) while sending request to upstream", "error", KindUpstreamReset, 32},
		{"upstream prematurely closed connection while reading response header from upstream", "error", KindUpstreamClosed, 0},
		{"upstream prematurely closed FastCGI stdout while reading response header from upstream", "error", KindUpstreamClosed, 0},
		{"upstream sent too big header while reading response header from upstream", "error", KindUpstreamHeaderSize, 0},
		{"connect() to unix:/run/php/php8.2-fpm.sock failed (2: No such file or directory) while connecting to upstream", "crit", KindUpstreamNoSocket, 2},
		{"connect() to unix:/run/php/php8.2-fpm.sock failed (111: Connection refused) while connecting to upstream", "error", KindUpstreamRefused, 111},
		{"connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream", "error", KindUpstreamBusy, 11},
		{"connect() to unix:/run/php/php8.2-fpm.sock failed (13: Permission denied) while connecting to upstream", "crit", KindUpstreamDenied, 13},
		{"connect() failed (111: Connection refused) while connecting to upstream", "error", KindUpstreamRefused, 111},
		{"connect() failed (113: No route to host) while connecting to upstream", "error", KindUpstreamConnect, 113},
		{"no live upstreams while connecting to upstream", "error", KindNoLiveUpstreams, 0},
		{"upstream timed out (110: Connection timed out) while reading response header from upstream", "error", KindUpstreamTimeout, 110},
		{"upstream timed out (110: Connection timed out) while connecting to upstream", "error", KindUpstreamTimeout, 110},
		{"client intended to send too large body: 2097153 bytes", "error", KindBodyTooLarge, 0},
		{`open() "/srv/x/favicon.ico" failed (2: No such file or directory)`, "error", KindFileNotFound, 2},
		{`"/srv/x/nope/index.php" is not found (2: No such file or directory)`, "error", KindFileNotFound, 2},
		{`open() "/srv/x/secret" failed (13: Permission denied)`, "error", KindServer, 13},
		{`rewrite or internal redirection cycle while internally redirecting to "/index.php"`, "error", KindRedirectLoop, 0},
		{"1024 worker_connections are not enough", "alert", KindWorkersExhausted, 0},
		{"upstream sent invalid header while reading response header from upstream", "error", KindUpstreamError, 0},
		{"an upstream response is buffered to a temporary file /var/lib/nginx/fastcgi/1/00/0000000001 while reading upstream", "warn", KindServer, 0},
		{"something odd", "info", KindServer, 0},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			line := "2026/11/21 16:47:01 [" + tt.level + "] 1234#1234: *5 " + tt.msg + nginxCtx
			e := one(t, FormatNginx, line)
			if e.Kind != tt.kind || e.Errno != tt.errno {
				t.Errorf("kind/errno = %s/%d, want %s/%d", e.Kind, e.Errno, tt.kind, tt.errno)
			}
			if e.Message != tt.msg || e.Level != tt.level || e.Severity != levelSeverity(tt.level) {
				t.Errorf("message/level = %q/%q", e.Message, e.Level)
			}
			if e.PID != 1234 || e.Client != "127.0.0.1" || e.Request != "GET / HTTP/1.1" ||
				e.Upstream != "fastcgi://unix:/srv/wplab/run/site1-fpm.sock:" || e.Host != "127.0.0.1:8081" {
				t.Errorf("context = %d %q %q %q %q", e.PID, e.Client, e.Request, e.Upstream, e.Host)
			}
			if !e.Time.Equal(utc("2026-11-21T16:47:01Z")) || e.Raw != line {
				t.Errorf("time/raw = %v %q", e.Time, e.Raw)
			}
		})
	}
}

func TestNginxLevels(t *testing.T) {
	for level, sev := range map[string]Severity{"emerg": SevCritical, "alert": SevCritical, "crit": SevCritical,
		"error": SevError, "warn": SevWarning, "notice": SevNotice, "info": SevInfo, "debug": SevDebug} {
		e := one(t, FormatNginx, "2026/11/21 16:47:01 ["+level+"] 1#1: x")
		if e.Severity != sev || e.Message != "x" {
			t.Errorf("%s: severity %s message %q", level, e.Severity, e.Message)
		}
	}
	// Without a connection number and context.
	e := one(t, FormatNginx, "2026/11/21 16:47:16 [emerg] 1200#1200: bind() to 0.0.0.0:80 failed (98: Address already in use)")
	if e.Message != "bind() to 0.0.0.0:80 failed (98: Address already in use)" || e.Errno != 98 || e.Client != "" {
		t.Errorf("got %+v", e)
	}
}

func TestNginxFastCGIStderr(t *testing.T) {
	text := `2026/11/21 16:47:11 [error] 1234#1234: *25 FastCGI sent in stderr: "PHP message: PHP Warning:  Undefined variable $x in /srv/x/wp-content/themes/kadence/header.php on line 4; PHP message: PHP Fatal error:  Uncaught Error: Call to undefined function wpd_nope() in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php:12
Stack trace:
#0 /srv/x/wp-settings.php(453): include_once()
#1 {main}
  thrown in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php on line 12" while reading response header from upstream` + nginxCtx + "\n2026/11/21 16:47:12 [error] 1234#1234: *26 no live upstreams while connecting to upstream"
	evs := parse(t, FormatNginx, text)
	if len(evs) != 2 {
		t.Fatalf("got %d events", len(evs))
	}
	e := evs[0]
	if e.Kind != KindFastCGIStderr || e.Detail != "while reading response header from upstream" || e.Host != "127.0.0.1:8081" {
		t.Errorf("outer = %s %q %q", e.Kind, e.Detail, e.Host)
	}
	if len(e.Embedded) != 2 {
		t.Fatalf("embedded = %+v", e.Embedded)
	}
	w, f := e.Embedded[0], e.Embedded[1]
	if w.Kind != KindPHPWarning || w.File != "/srv/x/wp-content/themes/kadence/header.php" || w.Line != 4 {
		t.Errorf("warning = %+v", w)
	}
	if f.Kind != KindPHPFatal || f.Message != "Uncaught Error: Call to undefined function wpd_nope()" || len(f.Frames) != 2 || f.Line != 12 {
		t.Errorf("fatal = %+v", f)
	}
	if e.Worst() != &e.Embedded[1] || !f.Time.Equal(e.Time) {
		t.Errorf("Worst() is not the fatal")
	}
	if strings.Count(e.Raw, "\n") != 4 {
		t.Errorf("raw lost lines: %q", e.Raw)
	}
	if evs[1].Kind != KindNoLiveUpstreams {
		t.Errorf("second = %+v", evs[1])
	}
}

func TestEmbeddedSeparators(t *testing.T) {
	outer := Event{Source: "s"}
	tests := []struct {
		name string
		text string
		want []Kind
	}{
		{"newline", "PHP message: PHP Warning:  a in /a.php on line 1\nPHP message: PHP Fatal error:  b in /b.php on line 2", []Kind{KindPHPWarning, KindPHPFatal}},
		{"semicolon", "PHP message: PHP Warning:  a in /a.php on line 1; PHP message: PHP Notice:  b in /b.php on line 2", []Kind{KindPHPWarning, KindPHPNotice}},
		{"literal backslash-n", `PHP message: PHP Fatal error:  Uncaught Error: x in /a.php:3\nStack trace:\n#0 {main}\n  thrown in /a.php on line 3`, []Kind{KindPHPFatal}},
		{"no prefix", "Primary script unknown", []Kind{KindMessage}},
		{"plain error_log", "PHP message: cache warmed", []Kind{KindMessage}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := embeddedPHP(&outer, tt.text)
			if len(evs) != len(tt.want) {
				t.Fatalf("got %+v", evs)
			}
			for i := range evs {
				if evs[i].Kind != tt.want[i] || evs[i].Source != "s" {
					t.Errorf("%d: %s", i, evs[i].Kind)
				}
			}
		})
	}
	evs := embeddedPHP(&outer, `PHP message: PHP Fatal error:  Uncaught Error: x in /a.php:3\nStack trace:\n#0 /srv/App\nova.php(2): f()\n#1 {main}`)
	if len(evs[0].Frames) != 2 || evs[0].Frames[0].File != `/srv/App\nova.php` {
		t.Errorf("namespace-like \\n mangled: %+v", evs[0].Frames)
	}
}

func TestEmbeddedBounded(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 500; i++ {
		b.WriteString("PHP message: PHP Warning:  w in /a.php on line 1\n")
	}
	b.WriteString("PHP message: PHP Fatal error:  f in /b.php on line 2")
	outer := Event{}
	evs := embeddedPHP(&outer, b.String())
	if len(evs) != maxEmbedded+1 || evs[len(evs)-1].Kind != KindPHPFatal || !outer.Truncated {
		t.Errorf("kept %d, last %s, truncated %v", len(evs), evs[len(evs)-1].Kind, outer.Truncated)
	}
}

func TestNginxMalformed(t *testing.T) {
	for _, s := range []string{
		"2026/11/21 16:47:01 [error]",
		"2026/11/21 16:47:01 [",
		"2026/13/21 16:47:01 [error] 1#1: x",
		"2026/11/21 16:47:01 [error] 1#1: *5 FastCGI sent in stderr: \"",
		"2026/11/21 16:47:01 [error] 1#1: x, client: ",
		"2026/11/21 16:47:01 [error] 1#1: x, client: a, request: \"GET",
		"continuation without head",
		"\xff\xfe\x00garbage",
	} {
		for _, e := range parse(t, FormatNginx, s) {
			checkInvariants(t, &e)
		}
	}
}

// nginx cuts an error message at 2048 bytes (NGX_MAX_ERROR_STR): the
// stderr text loses its closing quote and the context; the PHP message
// must still be found.
func TestNginxTruncatedStderr(t *testing.T) {
	line := `2026/11/21 16:47:11 [error] 1#1: *25 FastCGI sent in stderr: "PHP message: PHP Fatal error:  Uncaught Error: x in /srv/x/wp-content/plugins/p/p.php:12
Stack trace:
#0 /srv/x/wp-includes/class-wp-hook.php(308): p_boot('')
#1 /srv/x/wp-includes/class-wp-hook.php(332): WP_Hook->apply_filte`
	e := one(t, FormatNginx, line)
	f := e.Worst()
	if e.Kind != KindFastCGIStderr || f.Kind != KindPHPFatal || len(f.Frames) != 2 || e.Client != "" {
		t.Fatalf("got %+v / %+v", e, f)
	}
	if c := StandardLayout("/srv/x").Blame(&e); c.ID() != "plugin:p" {
		t.Errorf("blame = %s", c.ID())
	}
}
