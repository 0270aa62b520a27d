package lab

import (
	"bytes"
	"fmt"
	"os"
)

const sampleConfig = "/usr/share/wordpress/wp-config-sample.php"

// configOpts are the parts of a lab wp-config.php that scenarios change.
type configOpts struct {
	wpCache bool
	// singleSite leaves out a network's MULTISITE constants (while it is
	// installed, before Network Setup).
	singleSite bool
}

// renderConfig builds a site's wp-config.php from WordPress's own sample,
// the way the web installer does (it keeps the sample's CRLF line endings).
func renderConfig(s siteSpec, dir string, sec secretSet, o configOpts) ([]byte, error) {
	sample, err := os.ReadFile(sampleConfig)
	if err != nil {
		return nil, fmt.Errorf("read wp-config sample: %w", err)
	}
	nl := "\n"
	if bytes.Contains(sample, []byte("\r\n")) {
		nl = "\r\n"
	}
	password := quote(sec.dbPassword(s.user))
	if s.envPassword {
		// As on hosts that keep secrets out of the file: PHP-FPM's pool
		// passes the password (env[...]); the fallback is wrong on purpose.
		password = "getenv( '" + envPasswordVar + "' ) ?: 'not-the-password'"
	}
	repl := []struct{ old, new string }{
		{"'database_name_here'", quote(s.dbName())},
		{"'username_here'", quote(s.user)},
		{"'password_here'", password},
		{"define( 'DB_HOST', 'localhost' );", "define( 'DB_HOST', " + quote(s.dbHost(dir)) + " );"},
		{"$table_prefix = 'wp_';", "$table_prefix = " + quote(s.prefix) + ";"},
	}
	out := sample
	for _, r := range repl {
		if !bytes.Contains(out, []byte(r.old)) {
			return nil, fmt.Errorf("wp-config sample has no %s", r.old)
		}
		out = bytes.Replace(out, []byte(r.old), []byte(r.new), 1)
	}
	for i := 0; bytes.Contains(out, []byte("'put your unique phrase here'")); i++ {
		salt := sec.get(fmt.Sprintf("salt:%s:%d", s.name, i))
		out = bytes.Replace(out, []byte("'put your unique phrase here'"), []byte(quote(salt)), 1)
	}
	anchor := []byte(`/* Add any custom values between this line and the "stop editing" line. */` + nl)
	if !bytes.Contains(out, anchor) {
		return nil, fmt.Errorf("wp-config sample has no custom-values anchor")
	}
	var extra bytes.Buffer
	line := func(format string, a ...any) { fmt.Fprintf(&extra, format+nl, a...) }
	line("")
	line("/* The lab never talks to the internet. */")
	line("define( 'WP_HTTP_BLOCK_EXTERNAL', true );")
	line("define( 'AUTOMATIC_UPDATER_DISABLED', true );")
	if s.contentRel != "" {
		line("define( 'WP_CONTENT_DIR', __DIR__ . '/%s' );", s.contentRel)
		line("define( 'WP_CONTENT_URL', 'http://127.0.0.1:%d/%s' );", s.port, s.contentRel)
	}
	if o.wpCache {
		line("define( 'WP_CACHE', true );")
	}
	if s.multisite() && !o.singleSite {
		line("/* A subdirectory multisite network (Network Setup's lines). */")
		line("define( 'WP_ALLOW_MULTISITE', true );")
		line("define( 'MULTISITE', true );")
		line("define( 'SUBDOMAIN_INSTALL', false );")
		line("define( 'DOMAIN_CURRENT_SITE', '127.0.0.1:%d' );", s.port)
		line("define( 'PATH_CURRENT_SITE', '/' );")
		line("define( 'SITE_ID_CURRENT_SITE', 1 );")
		line("define( 'BLOG_ID_CURRENT_SITE', 1 );")
	}
	line("/* Where the lab's persistent object cache keeps its data (outside the site, as Redis would). */")
	line("define( 'WPD_LAB_OBJECT_CACHE', %s );", quote(s.objectCache(dir)))
	out = bytes.Replace(out, anchor, append(anchor, extra.Bytes()...), 1)
	return out, nil
}

func quote(s string) string {
	var b bytes.Buffer
	b.WriteByte('\'')
	for _, c := range []byte(s) {
		if c == '\'' || c == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	b.WriteByte('\'')
	return b.String()
}
