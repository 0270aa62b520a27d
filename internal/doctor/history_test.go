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
	evs := []logs.Event{
		{Kind: logs.KindUpstreamReset, Time: at(30 * time.Hour), Request: "GET /old/ HTTP/1.1"}, // before the window
		{Kind: logs.KindUpstreamReset, Time: at(3 * time.Hour), Request: "GET /cart/ HTTP/1.1", Host: "shop.example"},
		{Kind: logs.KindUpstreamReset, Time: at(2 * time.Hour), Request: "GET /shop/ HTTP/1.1", Host: "shop.example"},
		{Kind: logs.KindUpstreamClosed, Time: at(1 * time.Hour), Request: "GET /shop/ HTTP/1.1", Host: "shop.example", Message: "upstream prematurely closed"},
		{Kind: logs.KindUpstreamReset, Time: at(1 * time.Hour), Request: "GET /shop/ HTTP/1.1", Host: "other.example"}, // counted, not loaded
		{Kind: logs.KindFPMChildSignal, Time: at(90 * time.Minute)},
		{Kind: logs.KindPHPWarning, Time: at(10 * time.Minute)},           // not a failure
		{Kind: logs.KindUpstreamReset, Request: "GET /no-time/ HTTP/1.1"}, // no timestamp
		{Kind: logs.KindFastCGIStderr, Time: at(20 * time.Minute), Embedded: []logs.Event{{Kind: logs.KindPHPFatal, Message: "Uncaught Error"}}},
	}
	base, _ := url.Parse("https://shop.example")
	p := recallFailures(evs, now.Add(-historyWindow), base)
	if p.count != 6 {
		t.Errorf("count %d, want 6", p.count)
	}
	if !p.latest.Time.Equal(at(20*time.Minute)) || p.latest.Worst().Kind != logs.KindPHPFatal {
		t.Errorf("latest %+v", p.latest)
	}
	if want := []string{"https://shop.example/shop/", "https://shop.example/cart/"}; !reflect.DeepEqual(p.pages, want) {
		t.Errorf("pages %v, want %v", p.pages, want)
	}
	if p := recallFailures(evs[:1], now.Add(-historyWindow), base); p.count != 0 || len(p.pages) != 0 {
		t.Errorf("a day-old failure recalled: %+v", p)
	}
}
