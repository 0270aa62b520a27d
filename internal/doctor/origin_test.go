package doctor

import (
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/probe"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/nginx"
)

// originOf: the origin is where the block serving the site listens for the
// URL's scheme; a listen on every address means the machine wpdoctor
// reaches; without a block or a listen for the scheme there is no origin.
func TestOriginOf(t *testing.T) {
	block := func(ls ...nginx.Listen) *nginx.Server { return &nginx.Server{Listen: ls} }
	tests := []struct {
		name, url string
		s         *nginx.Server
		want      probe.ConnectTo
		insecure  bool
		err       string
	}{
		{"loopback block", "http://127.0.0.1:8081", block(nginx.Listen{Addr: "127.0.0.1", Port: 8081}), probe.ConnectTo{From: "127.0.0.1:8081", To: "127.0.0.1:8081"}, false, ""},
		{"https on every address", "https://shop.test", block(nginx.Listen{Port: 80}, nginx.Listen{Port: 443, SSL: true}), probe.ConnectTo{From: "shop.test:443", To: "203.0.113.9:443"}, true, ""},
		{"origin on another port", "https://shop.test", block(nginx.Listen{Addr: "10.0.0.5", Port: 8443, SSL: true}), probe.ConnectTo{From: "shop.test:443", To: "10.0.0.5:8443"}, true, ""},
		{"the URL's port preferred", "http://shop.test", block(nginx.Listen{Port: 8080}, nginx.Listen{Addr: "[::]", Port: 80}), probe.ConnectTo{From: "shop.test:80", To: "203.0.113.9:80"}, false, ""},
		{"unix socket only", "http://shop.test", block(nginx.Listen{Unix: "/run/site.sock"}), probe.ConnectTo{}, false, "no http listen"},
		{"https URL, plain origin", "https://shop.test", block(nginx.Listen{Port: 80}), probe.ConnectTo{}, false, "no https listen"},
		{"no block", "http://shop.test", nil, probe.ConnectTo{}, false, "no nginx server block"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := originOf(tt.s, tt.url, "203.0.113.9")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || o.connect != tt.want || o.insecure != tt.insecure {
				t.Fatalf("got %+v %v, want %+v insecure=%v", o, err, tt.want, tt.insecure)
			}
		})
	}
}
