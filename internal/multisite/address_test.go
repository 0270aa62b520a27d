package multisite

import "testing"

func TestPrefix(t *testing.T) {
	tests := []struct {
		base string
		id   int64
		want string
	}{
		{"wp_", 1, "wp_"},
		{"wp_", 2, "wp_2_"},
		{"wp_", 17, "wp_17_"},
		{"abc_", 1000, "abc_1000_"},
		{"wp", 3, "wp3_"}, // no underscore of its own: WordPress just appends
		{"wp_", 0, "wp_"}, // get_blog_prefix(0) is the base prefix too
	}
	for _, tt := range tests {
		if got := Prefix(tt.base, tt.id); got != tt.want {
			t.Errorf("Prefix(%q, %d) = %q, want %q", tt.base, tt.id, got, tt.want)
		}
	}
}

func TestSiteURL(t *testing.T) {
	tests := []struct {
		name, scheme, domain, path, want string
	}{
		{"main site", "https", "example.com", "/", "https://example.com/"},
		{"main site, empty path", "https", "example.com", "", "https://example.com/"},
		{"subdirectory", "https", "example.com", "/blog/", "https://example.com/blog/"},
		{"subdirectory, no trailing slash", "https", "example.com", "/blog", "https://example.com/blog/"},
		{"subdirectory, no slashes", "http", "example.com", "blog", "http://example.com/blog/"},
		{"network in a subdirectory", "http", "example.com", "/wp/blog/", "http://example.com/wp/blog/"},
		{"subdomain", "https", "blog.example.com", "/", "https://blog.example.com/"},
		{"subdomain, network under a path", "https", "blog.example.com", "/wp/", "https://blog.example.com/wp/"},
		{"custom port", "http", "localhost:8080", "/blog/", "http://localhost:8080/blog/"},
		{"custom port, subdomain", "https", "blog.example.test:8443", "/", "https://blog.example.test:8443/"},
		{"no scheme known", "", "example.com", "/", "http://example.com/"},
	}
	for _, tt := range tests {
		if got := SiteURL(tt.scheme, tt.domain, tt.path); got != tt.want {
			t.Errorf("%s: SiteURL(%q, %q, %q) = %q, want %q", tt.name, tt.scheme, tt.domain, tt.path, got, tt.want)
		}
	}
}

func TestSchemeOf(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.com": "https", "http://example.com/blog": "http", " https://x/ ": "https",
		"example.com": "", "": "", "ftp://example.com": "", "://bad": "",
	} {
		if got := SchemeOf(in); got != want {
			t.Errorf("SchemeOf(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSiteFor(t *testing.T) {
	subdir := &Network{Kind: Subdirectory, Sites: []Site{
		{ID: 1, Domain: "example.com", Path: "/"},
		{ID: 2, Domain: "example.com", Path: "/blog/"},
		{ID: 3, Domain: "example.com", Path: "/blog-two/"},
		{ID: 4, Domain: "localhost:8080", Path: "/shop/"},
	}}
	subdomain := &Network{Kind: Subdomain, Sites: []Site{
		{ID: 1, Domain: "example.com", Path: "/"},
		{ID: 2, Domain: "blog.example.com", Path: "/"},
		{ID: 5, Domain: "Shop.Example.com", Path: "/"},
	}}
	tests := []struct {
		n    *Network
		url  string
		want int64 // 0: none
	}{
		{subdir, "https://example.com/", 1},
		{subdir, "https://example.com", 1},
		{subdir, "https://example.com/about/", 1},
		{subdir, "https://example.com/blog", 2},
		{subdir, "https://example.com/blog/2024/hello/", 2},
		{subdir, "https://example.com/blog-two/", 3},
		{subdir, "https://example.com/blogger/", 1}, // a segment boundary, not a string prefix
		{subdir, "http://EXAMPLE.com:80/blog/", 2},
		{subdir, "example.com/blog/", 2},
		{subdir, "http://localhost:8080/shop/cart", 4},
		{subdir, "http://localhost/shop/", 0},
		{subdir, "https://other.org/", 0},
		{subdir, "", 0},
		{subdomain, "https://blog.example.com/", 2},
		{subdomain, "https://blog.example.com:443/post/", 2},
		{subdomain, "https://shop.example.com", 5},
		{subdomain, "https://example.com/blog/", 1},
		{subdomain, "https://nope.example.com/", 0},
	}
	for _, tt := range tests {
		got := tt.n.SiteFor(tt.url)
		switch {
		case tt.want == 0 && got != nil:
			t.Errorf("%s SiteFor(%q) = site %d, want none", tt.n.Kind, tt.url, got.ID)
		case tt.want != 0 && (got == nil || got.ID != tt.want):
			t.Errorf("%s SiteFor(%q) = %+v, want site %d", tt.n.Kind, tt.url, got, tt.want)
		}
	}
}
