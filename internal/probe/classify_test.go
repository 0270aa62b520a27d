package probe

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	return b
}

// hdr builds a header from "Name: value" lines.
func hdr(lines ...string) http.Header {
	h := http.Header{}
	for _, l := range lines {
		k, v, _ := strings.Cut(l, ":")
		h.Add(k, strings.TrimSpace(v))
	}
	return h
}

var (
	cfHeaders   = []string{"Server: cloudflare", "CF-Ray: 8838c6a4cd2f9b1e-FRA", "Content-Type: text/html; charset=UTF-8"}
	nginxHeader = []string{"Server: nginx/1.22.1", "Content-Type: text/html"}
)

// classifyCase is one answer and what ClassifyResponse must say about it.
type classifyCase struct {
	name        string
	file        string // testdata file; body is used when empty
	body        string
	status      int
	headers     []string
	class       Class
	server      string
	cdn         string
	originFault bool
	reason      string // substring of Reason
	phpError    string // substring of PHPError ("" means PHPError must be empty)
}

var classifyCases = []classifyCase{
	{name: "ok home page", file: "wp-ok-home.html", status: 200, headers: nginxHeader,
		class: ClassOK, server: "nginx/1.22.1", reason: `"Fixing WordPress – A blog about keeping WordPress alive"`},
	{name: "ok through cloudflare", file: "wp-ok-home.html", status: 200, headers: cfHeaders,
		class: ClassOK, cdn: CDNCloudflare, reason: "HTTP 200 OK"},
	{name: "ok 204 without body", status: 204, class: ClassOK, reason: "204"},
	{name: "ok 301 final", status: 301, headers: []string{"Location: https://example.test/"}, body: "<a href=\"https://example.test/\">Moved</a>",
		class: ClassOK, reason: "to https://example.test/"},
	{name: "white screen empty", status: 200, headers: nginxHeader, class: ClassWhiteScreen, reason: "empty body"},
	{name: "white screen whitespace", body: "\n\n  \r\n\t", status: 200, class: ClassWhiteScreen, reason: "whitespace-only"},
	{name: "white screen through cloudflare", status: 200, headers: cfHeaders,
		class: ClassWhiteScreen, cdn: CDNCloudflare, originFault: true, reason: "passed through Cloudflare"},
	{name: "wp critical error", file: "wp-critical-error.html", status: 500, headers: nginxHeader,
		class: ClassWPCriticalError, server: "nginx/1.22.1", reason: "critical error"},
	{name: "wp critical error with 200", file: "wp-critical-error.html", status: 200,
		class: ClassWPCriticalError, reason: "critical error"},
	{name: "wp critical error pre-5.3", file: "wp-critical-error-52.html", status: 500,
		class: ClassWPCriticalError, reason: "pre-5.3"},
	{name: "wp critical error after displayed fatal", file: "php-fatal-then-critical.html", status: 500,
		class: ClassWPCriticalError, reason: "PHP printed: Fatal error: Uncaught TypeError",
		phpError: "class-wc-install.php:1130"},
	{name: "wp critical error through cloudflare", file: "wp-critical-error.html", status: 500, headers: cfHeaders,
		class: ClassWPCriticalError, cdn: CDNCloudflare, originFault: true, reason: "passed through Cloudflare"},
	{name: "wp db error", file: "wp-db-error.html", status: 500,
		class: ClassWPDBError, reason: "database"},
	{name: "wp maintenance", file: "wp-maintenance.html", status: 503, headers: []string{"Retry-After: 600"},
		class: ClassWPMaintenance, reason: ".maintenance"},
	{name: "php fatal displayed 200", file: "php-fatal-uncaught.html", status: 200,
		class: ClassPHPErrorDisplayed, reason: "display_errors (HTTP 200)",
		phpError: "Fatal error: Uncaught Error: Call to undefined function wpd_missing_helper() in /var/www/html/wp-content/plugins/broken-plugin/broken-plugin.php:14"},
	{name: "php fatal displayed 500", file: "php-fatal-uncaught.html", status: 500,
		class: ClassPHPErrorDisplayed, phpError: "broken-plugin.php:14"},
	{name: "php parse error", file: "php-parse-error.html", status: 200,
		class:    ClassPHPErrorDisplayed,
		phpError: `Parse error: syntax error, unexpected token "}", expecting ";" in /var/www/html/wp-content/themes/twentytwentyfour-child/functions.php on line 42`},
	{name: "php fatal text form", file: "php-fatal-text.txt", status: 500,
		class: ClassPHPErrorDisplayed, phpError: "Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/html/wp-includes/class-wpdb.php on line 2187"},
	{name: "php fatal mid page", file: "php-fatal-midpage.html", status: 200,
		class: ClassPHPErrorDisplayed, phpError: `Class "Shopper_Slider" not found in /var/www/html/wp-content/themes/shopper/template-parts/slider.php:3`},
	{name: "nginx 502", file: "nginx-502.html", status: 502, headers: nginxHeader,
		class: ClassGatewayError, server: "nginx/1.22.1", reason: "nginx/1.22.1 502 Bad Gateway: "},
	{name: "nginx 504", file: "nginx-504.html", status: 504, headers: []string{"Server: nginx"},
		class: ClassGatewayError, server: "nginx", reason: "did not answer in time"},
	{name: "nginx 503", file: "nginx-503.html", status: 503,
		class: ClassGatewayError, server: "nginx", reason: "limit_req"},
	{name: "openresty 502", file: "openresty-502.html", status: 502,
		class: ClassGatewayError, server: "openresty/1.21.4.1"},
	{name: "nginx 500 is not a gateway error", file: "nginx-500.html", status: 500,
		class: ClassHTTPError, server: "nginx/1.24.0", reason: "from nginx/1.24.0"},
	{name: "apache 502 proxy error", file: "apache-502-proxy-error.html", status: 502, headers: []string{"Server: Apache"},
		class: ClassGatewayError, server: "Apache/2.4.57", reason: "(Error reading from remote server)"},
	{name: "apache 503", file: "apache-503.html", status: 503,
		class: ClassGatewayError, server: "Apache/2.4.57", reason: "PHP-FPM"},
	{name: "apache 504 without signature", file: "apache-504-nosignature.html", status: 504,
		class: ClassGatewayError, server: "Apache", reason: "504 Gateway Timeout"},
	{name: "litespeed 503", file: "litespeed-503.html", status: 503, headers: []string{"Server: LiteSpeed"},
		class: ClassGatewayError, server: "LiteSpeed", reason: "lsphp"},
	{name: "haproxy 503", file: "haproxy-503.html", status: 503,
		class: ClassGatewayError, server: "HAProxy"},
	{name: "varnish 503 without CDN", file: "varnish-503.html", status: 503, headers: []string{"Via: 1.1 varnish (Varnish/7.4)"},
		class: ClassGatewayError, server: "Varnish", reason: "Backend fetch failed"},
	{name: "caddy 502 empty", status: 502, headers: []string{"Server: Caddy"},
		class: ClassGatewayError, server: "Caddy"},
	{name: "nginx 502 through cloudflare", file: "nginx-502.html", status: 502, headers: cfHeaders,
		class: ClassGatewayError, server: "nginx/1.22.1", cdn: CDNCloudflare, originFault: true, reason: "passed through Cloudflare"},
	{name: "cloudflare 521", file: "cloudflare-521.html", status: 521, headers: cfHeaders,
		class: ClassCDNError, cdn: CDNCloudflare, server: "cloudflare", reason: "Cloudflare 521: the origin web server refused the connection"},
	{name: "cloudflare 522", file: "cloudflare-522.html", status: 522, headers: cfHeaders,
		class: ClassCDNError, cdn: CDNCloudflare, reason: "Cloudflare 522: the TCP connection to the origin timed out"},
	{name: "cloudflare 523 minimal", body: "error code: 523", status: 523, headers: cfHeaders,
		class: ClassCDNError, cdn: CDNCloudflare, reason: "origin is unreachable"},
	{name: "cloudflare 525", body: "error code: 525", status: 525, headers: cfHeaders,
		class: ClassCDNError, cdn: CDNCloudflare, reason: "TLS handshake"},
	{name: "cloudflare 526", body: "error code: 526", status: 526, headers: cfHeaders,
		class: ClassCDNError, cdn: CDNCloudflare, reason: "certificate is invalid"},
	{name: "cloudflare branded 502", file: "cloudflare-502.html", status: 502, headers: cfHeaders,
		class: ClassCDNError, cdn: CDNCloudflare, reason: "Cloudflare-branded"},
	{name: "cloudflare plain 502", file: "cloudflare-502-plain.html", status: 502, headers: cfHeaders,
		class: ClassCDNError, cdn: CDNCloudflare, reason: "Cloudflare's own 502 page"},
	{name: "cloudflare 521 page without headers", file: "cloudflare-521.html", status: 521,
		class: ClassCDNError, cdn: CDNCloudflare, reason: "Cloudflare 521"},
	{name: "cloudflare 1xxx on 403 is inconclusive cdn error", body: `<div id="cf-error-details"><span class="cf-error-code">1020</span> Access denied</div>`,
		status: 403, headers: cfHeaders, class: ClassCDNError, cdn: CDNCloudflare, reason: "error 1020"},
	{name: "cloudfront 502", file: "cloudfront-502.html", status: 502,
		headers: []string{"Server: CloudFront", "X-Cache: Error from cloudfront", "X-Amz-Cf-Id: 4mqg8f2UqkO=="},
		class:   ClassCDNError, cdn: CDNCloudFront, reason: "CloudFront 502: the request could not be satisfied (CloudFront could not connect to the origin)"},
	{name: "cloudfront passes origin 502", file: "nginx-502.html", status: 502,
		headers: []string{"Server: nginx", "X-Cache: Error from cloudfront", "Via: 1.1 abc.cloudfront.net (CloudFront)", "X-Amz-Cf-Id: x=="},
		class:   ClassGatewayError, server: "nginx/1.22.1", cdn: CDNCloudFront, originFault: true},
	{name: "fastly 503", file: "fastly-503.html", status: 503,
		headers: []string{"Server: Varnish", "X-Served-By: cache-fra-eddf8230089-FRA", "X-Cache: MISS"},
		class:   ClassCDNError, cdn: CDNFastly, reason: "first byte timeout"},
	{name: "akamai 503", file: "akamai-503.html", status: 503, headers: []string{"Server: AkamaiGHost"},
		class: ClassCDNError, cdn: CDNAkamai, reason: "Zero size object"},
	{name: "akamai page without headers", file: "akamai-503.html", status: 503,
		class: ClassCDNError, cdn: CDNAkamai},
	{name: "sucuri 502", file: "sucuri-502.html", status: 502, headers: []string{"Server: Sucuri/Cloudproxy", "X-Sucuri-ID: 12008"},
		class: ClassCDNError, cdn: CDNSucuri, reason: "Bad Gateway"},
	{name: "sucuri passes origin critical error", file: "wp-critical-error.html", status: 500, headers: []string{"Server: Sucuri/Cloudproxy", "X-Sucuri-ID: 12008"},
		class: ClassWPCriticalError, cdn: CDNSucuri, originFault: true},
	{name: "500 empty body", status: 500, headers: nginxHeader,
		class: ClassHTTPError, reason: "empty body: PHP"},
	{name: "404 page", body: "<html><head><title>Page not found &#8211; Example</title></head><body>nope</body></html>", status: 404,
		class: ClassHTTPError, reason: `HTTP 404 Not Found ("Page not found – Example")`},
	{name: "503 empty with retry-after", status: 503, headers: []string{"Retry-After: 120"},
		class: ClassHTTPError, reason: "Retry-After 120"},
	{name: "quoted phrases on a 200 page do not count", file: "wp-ok-home.html", status: 200, class: ClassOK},
}

func TestClassifyResponse(t *testing.T) {
	for _, tc := range classifyCases {
		t.Run(tc.name, func(t *testing.T) {
			body := []byte(tc.body)
			if tc.file != "" {
				body = readTestdata(t, tc.file)
			}
			c := ClassifyResponse(tc.status, hdr(tc.headers...), body)
			if c.Class != tc.class {
				t.Errorf("class = %q, want %q (reason %q)", c.Class, tc.class, c.Reason)
			}
			if tc.server != "" && c.Server != tc.server {
				t.Errorf("server = %q, want %q", c.Server, tc.server)
			}
			if c.CDN != tc.cdn {
				t.Errorf("cdn = %q, want %q", c.CDN, tc.cdn)
			}
			if c.OriginFault != tc.originFault {
				t.Errorf("origin_fault = %v, want %v (reason %q)", c.OriginFault, tc.originFault, c.Reason)
			}
			if !strings.Contains(c.Reason, tc.reason) {
				t.Errorf("reason = %q, want it to contain %q", c.Reason, tc.reason)
			}
			if tc.phpError == "" && c.PHPError != "" {
				t.Errorf("php error = %q, want none", c.PHPError)
			}
			if !strings.Contains(c.PHPError, tc.phpError) {
				t.Errorf("php error = %q, want it to contain %q", c.PHPError, tc.phpError)
			}
			if c.Reason == "" || strings.ContainsAny(c.Reason, "\r\n") {
				t.Errorf("reason %q is not one non-empty line", c.Reason)
			}
		})
	}
}

// Every class an HTTP answer can have is covered by a case above.
func TestClassifyCasesCoverAnswerClasses(t *testing.T) {
	seen := map[Class]bool{}
	for _, tc := range classifyCases {
		seen[tc.class] = true
	}
	for _, c := range []Class{ClassOK, ClassWhiteScreen, ClassWPCriticalError, ClassWPDBError,
		ClassWPMaintenance, ClassPHPErrorDisplayed, ClassGatewayError, ClassHTTPError, ClassCDNError} {
		if !seen[c] {
			t.Errorf("no classify case for %q", c)
		}
	}
}
