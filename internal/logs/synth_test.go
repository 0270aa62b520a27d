package logs

import (
	"io"
	"strconv"
	"time"
)

// synthLog is an io.Reader that generates a log of a given size on the fly,
// line by line, so that gigabytes can be streamed without touching disk.
type synthLog struct {
	remain int64
	buf    []byte
	off    int
	line   int
	gen    func(dst []byte, line int, ts []byte) []byte
	tsFmt  string
	tsBuf  []byte
	start  time.Time
}

func newSynthDebugLog(size int64) *synthLog {
	return &synthLog{remain: size, gen: genDebugLine, tsFmt: "02-Jan-2006 15:04:05 MST",
		start: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
}

func newSynthNginxLog(size int64) *synthLog {
	return &synthLog{remain: size, gen: genNginxLine, tsFmt: "2006/01/02 15:04:05",
		start: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
}

func (s *synthLog) Read(p []byte) (int, error) {
	if s.remain <= 0 {
		return 0, io.EOF
	}
	for s.off >= len(s.buf) {
		s.buf, s.off = s.buf[:0], 0
		for len(s.buf) < 64<<10 {
			if s.line%40 == 0 { // a new second every 40 lines
				s.tsBuf = s.start.Add(time.Duration(s.line/40)*time.Second).AppendFormat(s.tsBuf[:0], s.tsFmt)
			}
			s.buf = s.gen(s.buf, s.line, s.tsBuf)
			s.line++
		}
	}
	n := copy(p, s.buf[s.off:])
	if int64(n) > s.remain {
		n = int(s.remain)
	}
	s.off += n
	s.remain -= int64(n)
	return n, nil
}

// synthBytes renders n bytes of a synthetic log.
func synthBytes(r *synthLog) []byte {
	b, err := io.ReadAll(r)
	if err != nil {
		panic(err)
	}
	return b
}

var deprecations = []string{
	"Creation of dynamic property WP_Block_Type::$skip_inner_blocks is deprecated in /srv/x/wp-includes/class-wp-block-type.php on line ",
	"Using ${var} in strings is deprecated, use {$var} instead in /srv/x/wp-includes/Requests/Transport/cURL.php on line ",
	"Creation of dynamic property WP_Term::$object_id is deprecated in /srv/x/wp-includes/class-wp-term.php on line ",
	"strlen(): Passing null to parameter #1 ($string) of type string is deprecated in /srv/x/wp-includes/formatting.php on line ",
	"Return type of WPSEO_Abstract_Main::offsetGet($key) should either be compatible with ArrayAccess::offsetGet(mixed $offset): mixed, or the #[\\ReturnTypeWillChange] attribute should be used to temporarily suppress the notice in /srv/x/wp-content/plugins/wordpress-seo/src/main.php on line ",
	"Creation of dynamic property Elementor\\Core\\Base\\Document::$x is deprecated in /srv/x/wp-content/plugins/elementor/core/base/document.php on line ",
}

// genDebugLine writes one entry of a realistic WordPress 6.1 / PHP 8.2
// debug.log: mostly deprecations, some warnings, notices, DB errors and
// error_log() lines, and every 500th entry a fatal with a stack trace.
func genDebugLine(b []byte, i int, ts []byte) []byte {
	b = append(b, '[')
	b = append(b, ts...)
	b = append(b, "] "...)
	switch {
	case i%500 == 499:
		b = append(b, "PHP Fatal error:  Uncaught Error: Call to undefined function wpd_nope_"...)
		b = strconv.AppendInt(b, int64(i%7), 10)
		b = append(b, "() in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php:12\nStack trace:\n"+
			"#0 /srv/x/wp-includes/class-wp-hook.php(308): wpd_boot('')\n"+
			"#1 /srv/x/wp-includes/class-wp-hook.php(332): WP_Hook->apply_filters(NULL, Array)\n"+
			"#2 /srv/x/wp-includes/plugin.php(517): WP_Hook->do_action(Array)\n"+
			"#3 /srv/x/wp-settings.php(617): do_action('init')\n"+
			"#4 /srv/x/wp-config.php(90): require_once('/srv/x/wp-setti...')\n"+
			"#5 /srv/x/wp-load.php(50): require_once('/srv/x/wp-confi...')\n"+
			"#6 {main}\n  thrown in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php on line 12\n"...)
		return b
	case i%250 == 7:
		b = append(b, "PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate "...)
		b = strconv.AppendInt(b, int64(4096*(1+i%9)), 10)
		b = append(b, " bytes) in /srv/x/wp-includes/class-wpdb.php on line 2187\n"...)
		return b
	case i%50 == 3:
		b = append(b, "PHP Warning:  Undefined array key \"item_"...)
		b = strconv.AppendInt(b, int64(i%13), 10)
		b = append(b, "\" in /srv/x/wp-content/themes/kadence/inc/components/"...)
		b = append(b, "header.php on line "...)
	case i%100 == 11:
		b = append(b, "WordPress database error Deadlock found when trying to get lock; try restarting transaction for query UPDATE wp_options SET option_value = '"...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, "' WHERE option_name = '_transient_doing_cron' made by do_action('init'), WP_Hook->do_action, WP_Hook->apply_filters, wp_cron, spawn_cron, set_transient, update_option\n"...)
		return b
	case i%100 == 21:
		b = append(b, "cache warmer: queued "...)
		b = strconv.AppendInt(b, int64(i%97), 10)
		b = append(b, " urls\n"...)
		return b
	case i%100 == 31:
		b = append(b, "PHP Notice:  Function wp_enqueue_script was called <strong>incorrectly</strong>. Scripts and styles should not be registered or enqueued until the <code>wp_enqueue_scripts</code> hook. in /srv/x/wp-includes/functions.php on line "...)
	default:
		b = append(b, "PHP Deprecated:  "...)
		b = append(b, deprecations[i%len(deprecations)]...)
	}
	b = strconv.AppendInt(b, int64(100+i%900), 10)
	return append(b, '\n')
}

// genNginxLine writes one entry of a realistic nginx error log: mostly 404
// noise, then upstream failures and multi-line FastCGI stderr.
func genNginxLine(b []byte, i int, ts []byte) []byte {
	b = append(b, ts...)
	switch {
	case i%20 == 3:
		b = append(b, " [error] 1234#1234: *"...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ` FastCGI sent in stderr: "PHP message: PHP Warning:  Undefined variable $x in /srv/x/wp-content/themes/kadence/header.php on line 4; PHP message: PHP Fatal error:  Uncaught Error: Call to undefined function wpd_nope() in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php:12
Stack trace:
#0 /srv/x/wp-settings.php(453): include_once()
#1 /srv/x/wp-config.php(90): require_once('/srv/x/wp-setti...')
#2 {main}
  thrown in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php on line 12" while reading response header from upstream, client: 127.0.0.1, server: _, request: "GET / HTTP/1.1", upstream: "fastcgi://unix:/srv/wplab/run/site1-fpm.sock:", host: "127.0.0.1:8081"
`...)
		return b
	case i%10 == 5:
		b = append(b, " [error] 1234#1234: *"...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ` recv() failed (104: Connection reset by peer) while reading response header from upstream, client: 127.0.0.1, server: _, request: "GET /?p=`...)
		b = strconv.AppendInt(b, int64(i%300), 10)
		b = append(b, ` HTTP/1.1", upstream: "fastcgi://unix:/srv/wplab/run/site1-fpm.sock:", host: "127.0.0.1:8081"`+"\n"...)
		return b
	case i%10 == 7:
		b = append(b, " [crit] 1234#1234: *"...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ` connect() to unix:/run/php/php8.2-fpm.sock failed (11: Resource temporarily unavailable) while connecting to upstream, client: 127.0.0.1, server: _, request: "GET / HTTP/1.1", upstream: "fastcgi://unix:/run/php/php8.2-fpm.sock:", host: "localhost"`+"\n"...)
		return b
	}
	b = append(b, " [error] 1234#1234: *"...)
	b = strconv.AppendInt(b, int64(i), 10)
	b = append(b, ` open() "/srv/x/wp-content/uploads/2026/11/img-`...)
	b = strconv.AppendInt(b, int64(i%1000), 10)
	b = append(b, `.webp" failed (2: No such file or directory), client: 10.0.0.`...)
	b = strconv.AppendInt(b, int64(i%250), 10)
	b = append(b, `, server: _, request: "GET /wp-content/uploads/2026/11/img.webp HTTP/1.1", host: "127.0.0.1:8081", referrer: "http://127.0.0.1:8081/"`+"\n"...)
	return b
}
