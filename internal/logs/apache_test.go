package logs

import "testing"

func TestApacheKinds(t *testing.T) {
	tests := []struct {
		line   string
		kind   Kind
		sev    Severity
		code   string
		errno  int
		pid    int
		client string
		msg    string
	}{
		{`[Sat Nov 21 16:47:01.123456 2026] [proxy_fcgi:error] [pid 1234:tid 5678] [client 1.2.3.4:5678] AH01067: Failed to read FastCGI header`,
			KindUpstreamClosed, SevError, "AH01067", 0, 1234, "1.2.3.4:5678", "Failed to read FastCGI header"},
		{`[Sat Nov 21 16:47:01.123456 2026] [proxy_fcgi:error] [pid 1234:tid 5678] [client 1.2.3.4:5678] AH01075: Error dispatching request to :`,
			KindUpstreamError, SevError, "AH01075", 0, 1234, "1.2.3.4:5678", "Error dispatching request to :"},
		{`[Sat Nov 21 16:47:01.123456 2026] [proxy_fcgi:error] [pid 1234:tid 5678] (104)Connection reset by peer: [client 1.2.3.4:5678] AH01075: Error dispatching request to :`,
			KindUpstreamReset, SevError, "AH01075", 104, 1234, "1.2.3.4:5678", "Error dispatching request to :"},
		{`[Sat Nov 21 16:47:08.000000 2026] [proxy_fcgi:error] [pid 1240:tid 5690] (70007)The timeout specified has expired: [client 1.2.3.4:5683] AH01075: Error dispatching request to : (polling)`,
			KindUpstreamTimeout, SevError, "AH01075", 70007, 1240, "1.2.3.4:5683", "Error dispatching request to : (polling)"},
		{`[Sat Nov 21 16:47:02.000001 2026] [proxy:error] [pid 1235:tid 5679] (111)Connection refused: AH00957: FCGI: attempt to connect to 127.0.0.1:9000 (*) failed`,
			KindUpstreamRefused, SevError, "AH00957", 111, 1235, "", "FCGI: attempt to connect to 127.0.0.1:9000 (*) failed"},
		{`[Sat Nov 21 16:47:03.000000 2026] [proxy:error] [pid 1236:tid 5680] (2)No such file or directory: AH02454: FCGI: attempt to connect to Unix domain socket /run/php/php8.2-fpm.sock (*) failed`,
			KindUpstreamNoSocket, SevError, "AH02454", 2, 1236, "", "FCGI: attempt to connect to Unix domain socket /run/php/php8.2-fpm.sock (*) failed"},
		{`[Sat Nov 21 16:47:03.000000 2026] [proxy:error] [pid 1236:tid 5680] (13)Permission denied: AH02454: FCGI: attempt to connect to Unix domain socket /run/php.sock (*) failed`,
			KindUpstreamDenied, SevError, "AH02454", 13, 1236, "", "FCGI: attempt to connect to Unix domain socket /run/php.sock (*) failed"},
		{`[Sat Nov 21 16:47:03.000000 2026] [proxy:error] [pid 1236:tid 5680] AH00959: ap_proxy_connect_backend disabling worker for (127.0.0.1:9000) for 60s`,
			KindNoLiveUpstreams, SevError, "AH00959", 0, 1236, "", "ap_proxy_connect_backend disabling worker for (127.0.0.1:9000) for 60s"},
		{`[Sat Nov 21 16:47:06.000000 2026] [core:error] [pid 1239] [client 1.2.3.4:5682] AH00124: Request exceeded the limit of 10 internal redirects due to probable configuration error.`,
			KindRedirectLoop, SevError, "AH00124", 0, 1239, "1.2.3.4:5682", "Request exceeded the limit of 10 internal redirects due to probable configuration error."},
		{`[Sat Nov 21 16:47:07.000000 2026] [mpm_prefork:error] [pid 1200] AH00161: server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting`,
			KindWorkersExhausted, SevError, "AH00161", 0, 1200, "", "server reached MaxRequestWorkers setting, consider raising the MaxRequestWorkers setting"},
		{`[Sat Nov 21 16:47:07.000000 2026] [cgid:error] [pid 1200] [client 1.2.3.4:1] End of script output before headers: index.php`,
			KindUpstreamClosed, SevError, "", 0, 1200, "1.2.3.4:1", "End of script output before headers: index.php"},
		{`[Sat Nov 21 16:47:10 2026] [error] [client 1.2.3.4] File does not exist: /srv/x/favicon.ico`,
			KindFileNotFound, SevError, "", 0, 0, "1.2.3.4", "File does not exist: /srv/x/favicon.ico"},
		{`[Sat Nov  1 16:47:10 2026] [notice] Apache/2.2.22 configured -- resuming normal operations`,
			KindServer, SevNotice, "", 0, 0, "", "Apache/2.2.22 configured -- resuming normal operations"},
		{`[Sat Nov 21 16:47:10.5 2026] [authz_core:error] [pid 9] [client 1.2.3.4:1] AH01630: client denied by server configuration: /srv/x/.git, referer: http://x/`,
			KindServer, SevError, "AH01630", 0, 9, "1.2.3.4:1", "client denied by server configuration: /srv/x/.git"},
	}
	for _, tt := range tests {
		t.Run(tt.msg, func(t *testing.T) {
			e := one(t, FormatApache, tt.line)
			if e.Kind != tt.kind || e.Severity != tt.sev || e.Code != tt.code || e.Errno != tt.errno {
				t.Errorf("kind/sev/code/errno = %s/%s/%s/%d, want %s/%s/%s/%d", e.Kind, e.Severity, e.Code, e.Errno, tt.kind, tt.sev, tt.code, tt.errno)
			}
			if e.PID != tt.pid || e.Client != tt.client || e.Message != tt.msg {
				t.Errorf("pid/client/msg = %d/%q/%q", e.PID, e.Client, e.Message)
			}
			if e.Time.IsZero() || e.Raw != tt.line {
				t.Errorf("time/raw = %v/%q", e.Time, e.Raw)
			}
		})
	}
}

func TestApachePHP(t *testing.T) {
	e := one(t, FormatApache, `[Sat Nov 21 16:47:04.000000 2026] [php:error] [pid 1237] [client 1.2.3.4:5680] PHP Fatal error:  Uncaught Error: Call to undefined function wpd_nope() in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php:12\nStack trace:\n#0 /srv/x/wp-settings.php(453): include_once()\n#1 {main}\n  thrown in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php on line 12`)
	if e.Kind != KindPHPFatal || e.Severity != SevCritical || e.Level != "php:error" || e.Line != 12 || len(e.Frames) != 2 {
		t.Errorf("got %+v", e)
	}
	if !e.Time.Equal(utc("2026-11-21T16:47:04Z")) || e.Client != "1.2.3.4:5680" {
		t.Errorf("time/client = %v %q", e.Time, e.Client)
	}
	p := one(t, FormatApache, `[Sat Nov 21 16:47:05.000000 2026] [:error] [pid 1238] [client 1.2.3.4:5681] PHP Parse error:  syntax error, unexpected end of file in /srv/x/wp-content/themes/astra/functions.php on line 200, referer: http://example.test/`)
	if p.Kind != KindPHPParse || p.File != "/srv/x/wp-content/themes/astra/functions.php" || p.Line != 200 {
		t.Errorf("got %+v", p)
	}
	g := one(t, FormatApache, `[Sat Nov 21 16:47:09.000000 2026] [proxy_fcgi:error] [pid 1241:tid 5691] [client 1.2.3.4:5684] AH01071: Got error 'PHP message: PHP Warning:  w in /a.php on line 1\nPHP message: PHP Fatal error:  Uncaught Error: Class "Redis" not found in /srv/x/wp-content/object-cache.php:95\nStack trace:\n#0 /srv/x/wp-includes/load.php(811): require_once()\n#1 {main}\n  thrown in /srv/x/wp-content/object-cache.php on line 95\n'`)
	if g.Kind != KindFastCGIStderr || len(g.Embedded) != 2 {
		t.Fatalf("got %+v", g)
	}
	if f := g.Worst(); f.Kind != KindPHPFatal || f.Message != `Uncaught Error: Class "Redis" not found` || len(f.Frames) != 2 {
		t.Errorf("fatal = %+v", f)
	}
}

func TestApacheUnescape(t *testing.T) {
	tests := map[string]string{
		`a\nb`:        "a\nb",
		`a\\nb`:       `a\nb`,
		`q\"x\"`:      `q"x"`,
		`tab\there`:   "tab\there",
		`hex\x41\x4a`: "hexAJ",
		`bad\xZZ`:     `bad\xZZ`,
		`trail\`:      `trail\`,
		`\q`:          `\q`,
		`\xff`:        "\uFFFD",
	}
	for in, want := range tests {
		if got := unescapeApache(in); got != want {
			t.Errorf("unescapeApache(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestApacheMalformed(t *testing.T) {
	for _, s := range []string{
		"[Sat Nov 21 16:47:01.123456 2026]",
		"[Sat Nov 21 16:47:01.123456 2026] [",
		"[Sat Nov 21 16:47:01.123456 2026] [pid ] [client ] (",
		"[Sat Nov 21 16:47:01.123456 2026] [x:error] (12)",
		"[Sat Nov 21 16:47:01.123456 2026] [x:error] AH0",
		"[Sat Nov 21 16:47:01.123456 2026] [x:error] AH01071: Got error '",
		"[Sat Foo 21 16:47:01.123456 2026] [x:error] y",
		"plain stderr output",
	} {
		evs := parse(t, FormatApache, s)
		if len(evs) != 1 {
			t.Errorf("%q: %d events", s, len(evs))
		}
		for _, e := range evs {
			checkInvariants(t, &e)
		}
	}
}
