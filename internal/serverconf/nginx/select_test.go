package nginx

import (
	"errors"
	"testing"
)

func TestSelectServer(t *testing.T) {
	ss := parseServers(t, `http {
		server { listen 80; server_name first.test; }                                   # 0
		server { listen 80 default_server; server_name default.test; }                  # 1
		server { listen 80; server_name www.example.com example.com; }                  # 2
		server { listen 80; server_name *.example.com; }                                # 3
		server { listen 80; server_name *.shop.example.com; }                           # 4
		server { listen 80; server_name www.example.*; }                                # 5
		server { listen 80; server_name ~^(?<user>[a-z]+)\.users\.test$; }             # 6
		server { listen 80; server_name .wild.test; }                                   # 7
		server { listen 127.0.0.1:80; server_name local.test; }                         # 8
		server { listen 127.0.0.1:80 default_server; server_name local-default.test; }  # 9
		server { listen [::]:80; server_name v6.test; }                                 # 10
		server { listen 8080; }                                                          # 11
		server { listen 80; server_name ""; }                                            # 12
		server { listen localhost:9090; server_name lh.test; }                          # 13
	}`)
	tests := []struct {
		host, ip string
		port     int
		want     int
		by       string
	}{
		{"www.example.com", "10.0.0.1", 80, 2, "exact name"},
		{"WWW.Example.COM.", "10.0.0.1", 80, 2, "exact name"},
		{"example.com:80", "10.0.0.1", 80, 2, "exact name"},
		{"blog.example.com", "10.0.0.1", 80, 3, "leading wildcard"},
		{"a.shop.example.com", "10.0.0.1", 80, 4, "leading wildcard"}, // longest wildcard wins
		{"www.example.org", "10.0.0.1", 80, 5, "trailing wildcard"},
		{"alice.users.test", "10.0.0.1", 80, 6, "regex"},
		{"wild.test", "10.0.0.1", 80, 7, "leading wildcard"},
		{"a.b.wild.test", "10.0.0.1", 80, 7, "leading wildcard"},
		{"nobody.test", "10.0.0.1", 80, 1, "default_server"},
		{"", "10.0.0.1", 80, 12, "exact name"},
		// A connection to 127.0.0.1:80 only sees the servers listening
		// on exactly that address.
		{"www.example.com", "127.0.0.1", 80, 9, "default_server"},
		{"local.test", "127.0.0.1", 80, 8, "exact name"},
		{"v6.test", "::1", 80, 10, "exact name"},
		{"www.example.com", "::1", 80, 10, "first server"},
		{"anything", "10.0.0.1", 8080, 11, "first server"},
		{"lh.test", "127.0.0.1", 9090, 13, "exact name"},
		// Unknown local address: all servers on the port are candidates.
		{"local.test", "", 80, 8, "exact name"},
	}
	for _, tt := range tests {
		m, err := SelectServer(ss, tt.host, tt.ip, tt.port)
		if err != nil {
			t.Errorf("SelectServer(%q, %q, %d): %v", tt.host, tt.ip, tt.port, err)
			continue
		}
		if m.Server != ss[tt.want] || m.By != tt.by {
			got := -1
			for i := range ss {
				if ss[i] == m.Server {
					got = i
				}
			}
			t.Errorf("SelectServer(%q, %q, %d) = server %d by %s, want %d by %s", tt.host, tt.ip, tt.port, got, m.By, tt.want, tt.by)
		}
	}
	if _, err := SelectServer(ss, "x", "10.0.0.1", 9999); !errors.Is(err, ErrNoServer) {
		t.Errorf("unknown port: %v", err)
	}
	if _, err := SelectServer(ss, "lh.test", "10.0.0.1", 9090); !errors.Is(err, ErrNoServer) {
		t.Errorf("localhost listen on another address: %v", err)
	}
}

func TestLocationFor(t *testing.T) {
	ss := parseServers(t, `http { server {
		location / { }                                         # 0 prefix
		location = / { }                                       # 1 exact
		location /images/ { }                                  # 2 prefix
		location ^~ /static/ {                                 # 3 prefix, no regex
			location ~ \.php$ { }                              # 3.0 nested regex
		}
		location /wp-admin/ {                                  # 4 prefix
			location ~ \.php$ { }                              # 4.0 nested regex
			location /wp-admin/includes/ { }                   # 4.1 nested prefix
		}
		location ~* \.(png|JPG)$ { }                           # 5 regex, caseless
		location ~ \.php$ {                                    # 6 regex
			location ~ ^/api/ { }                              # 6.0 nested in regex
		}
		location ~ ^/legacy/.+\.php$ { }                       # 7 never reached: 6 first
		location ~ "(?<=x)y" { }                               # 8 PCRE lookbehind: Go cannot compile
		location @fallback { }                                 # 9 named
		location =/exact-glued { }                             # 10
		location ~\.txt$ { }                                   # 11 glued regex
	} }`)
	s := ss[0]
	top := s.Locations
	tests := []struct {
		uri  string
		want *Location
	}{
		{"/", top[1]},
		{"/index.html", top[0]},
		{"/index.php", top[6]},
		{"/index.php?x=1", top[6]},
		{"/images/a.gif", top[2]},
		{"/images/a.PNG", top[5]},
		{"/static/a.png", top[3]},
		{"/static/x.php", top[3].Nested[0]},
		{"/wp-admin/", top[4]},
		{"/wp-admin/index.php", top[4].Nested[0]},
		{"/wp-admin/includes/a.js", top[4].Nested[1]},
		{"/wp-admin/includes/a.php", top[4].Nested[0]},
		{"/wp-admin/a.png", top[5]},
		{"/api/x.php", top[6].Nested[0]},
		{"/legacy/old.php", top[6]},
		{"/exact-glued", top[10]},
		{"/exact-glued/x", top[0]},
		{"/a.txt", top[11]},
		{"/xy", top[0]},
	}
	for _, tt := range tests {
		got := s.LocationFor(tt.uri)
		if got != tt.want {
			t.Errorf("LocationFor(%q) = %s %q, want %s %q", tt.uri, loc(got).Modifier, loc(got).Pattern, tt.want.Modifier, tt.want.Pattern)
		}
	}
	if top[8].RegexErr == "" {
		t.Errorf("lookbehind should not compile in Go")
	}
	if top[9].Modifier != "@" || top[10].Modifier != "=" || top[10].Pattern != "/exact-glued" || top[11].Modifier != "~" {
		t.Errorf("modifiers %+v %+v %+v", top[9], top[10], top[11])
	}
	none := parseServers(t, `http { server { location /only/ { } } }`)[0]
	if l := none.LocationFor("/other"); l != nil {
		t.Errorf("no match should be nil, got %+v", l)
	}
	if (*Location)(nil).Backend() != nil {
		t.Errorf("nil location backend")
	}
}

func loc(l *Location) *Location {
	if l == nil {
		return &Location{Pattern: "<nil>"}
	}
	return l
}
