package doctor

import (
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/logs"
)

func TestRetryablePath(t *testing.T) {
	for _, tc := range []struct {
		request, site, want string
		ok                  bool
	}{
		{"GET /shop/ HTTP/1.1", "", "/shop/", true},
		{"GET /blog/shop/ HTTP/2.0", "/blog", "/blog/shop/", true},
		{"GET /shop/ HTTP/1.1", "/blog", "", false},     // another site's
		{"GET / HTTP/1.1", "", "", false},               // the front page is probed anyway
		{"GET /blog/ HTTP/1.1", "/blog", "", false},     // so is a sub-directory site's
		{"GET /index.php HTTP/1.1", "", "", false},      // the front page again
		{"POST /checkout/ HTTP/1.1", "", "", false},     // not a GET
		{"GET /?add-to-cart=5 HTTP/1.1", "", "", false}, // a query may do something
		{"GET /cart/?wpdoctor=1 HTTP/1.1", "", "", false},
		{"GET /wp-admin/ HTTP/1.1", "", "", false},
		{"GET /wp-json/wc/v3/orders HTTP/1.1", "", "", false},
		{"GET /wp-login.php HTTP/1.1", "", "", false},
		{"GET /wp-cron.php HTTP/1.1", "", "", false},
		{"GET /feed/ HTTP/1.1", "", "", false},
		{"GET /wp-content/plugins/x/run.php HTTP/1.1", "", "", false},
		{"GET /a/../wp-admin/ HTTP/1.1", "", "", false},
		{"GET /caf%C3%A9/ HTTP/1.1", "", "", false}, // escapes left alone
		{"GET http://evil.example/ HTTP/1.1", "", "", false},
		{"", "", "", false},
	} {
		got, ok := retryablePath(tc.request, tc.site)
		if got != tc.want || ok != tc.ok {
			t.Errorf("retryablePath(%q, %q) = %q, %v; want %q, %v", tc.request, tc.site, got, ok, tc.want, tc.ok)
		}
	}
}

func TestRecallFailures(t *testing.T) {
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	at := func(ago time.Duration) time.Time { return now.Add(-ago) }
	web := func(k logs.Kind, ago time.Duration, request, host string) logs.Event {
		return logs.Event{Format: logs.FormatNginx, Kind: k, Time: at(ago), Request: request, Host: host, Message: string(k)}
	}
	evs := []logs.Event{
		web(logs.KindUpstreamReset, 30*time.Hour, "GET /old/ HTTP/1.1", ""), // before the window
		web(logs.KindUpstreamReset, 3*time.Hour, "GET /cart/ HTTP/1.1", "shop.example"),
		web(logs.KindUpstreamReset, 2*time.Hour, "GET /shop/ HTTP/1.1", "shop.example"),
		web(logs.KindUpstreamClosed, time.Hour, "GET /shop/ HTTP/1.1", "shop.example"),
		web(logs.KindUpstreamReset, time.Hour, "GET /shop/ HTTP/1.1", "other.example"),                    // counted, not loaded
		web(logs.KindUpstreamReset, 5*time.Minute, "GET /shop/?wpdoctor=ab12-3 HTTP/1.1", "shop.example"), // wpdoctor's own
		web(logs.KindServer, 10*time.Minute, "GET /x/ HTTP/1.1", ""),                                      // not a failure
		{Format: logs.FormatNginx, Kind: logs.KindUpstreamReset, Request: "GET /no-time/ HTTP/1.1"},       // no timestamp
		{Format: logs.FormatFPM, Kind: logs.KindFPMChildSignal, Time: at(90 * time.Minute)},               // the same failures, seen by FPM
		{Format: logs.FormatPHP, Kind: logs.KindFastCGIStderr, Time: at(20 * time.Minute), Embedded: []logs.Event{{Kind: logs.KindPHPFatal, Message: "Uncaught Error"}}},
	}
	base, _ := url.Parse("https://shop.example")
	p := recallFailures(evs, now.Add(-historyWindow), base)
	if p.count != 4 || p.mine != 1 || !p.latest.Time.Equal(at(time.Hour)) {
		t.Errorf("count %d (want 4), mine %d (want 1), latest %+v", p.count, p.mine, p.latest)
	}
	if want := []string{"https://shop.example/shop/", "https://shop.example/cart/"}; !reflect.DeepEqual(p.pages, want) {
		t.Errorf("pages %v, want %v", p.pages, want)
	}
	// Without a web server log, the workers' and PHP's entries count.
	p = recallFailures(evs[len(evs)-2:], now.Add(-historyWindow), base)
	if p.count != 2 || len(p.pages) != 0 || p.latest.Worst().Kind != logs.KindPHPFatal {
		t.Errorf("FPM and PHP only: %+v", p)
	}
	// Only wpdoctor's own failures: nothing to recall.
	if p := recallFailures(evs[5:6], now.Add(-historyWindow), base); p.count != 0 || p.mine != 1 {
		t.Errorf("wpdoctor's own probes recalled: %+v", p)
	}
	if p := recallFailures(evs[:1], now.Add(-historyWindow), base); p.count != 0 || len(p.pages) != 0 {
		t.Errorf("a day-old failure recalled: %+v", p)
	}
}
