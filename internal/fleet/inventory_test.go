package fleet

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/aliases"
	"github.com/wpdoctor/wpdoctor/internal/target"
)

const inv = `
defaults:
  identity: ~/.ssh/agency
  known_hosts: ~/.ssh/known_hosts.agency
  strategy: rename
  tags: [managed]
sites:
  shop:
    ssh: deploy@shop.example.com:2222/var/www/shop
    url: https://shop.example.com
    urls: [https://shop.example.com/cart/]
    tags: [woo]
    strategy: db
  blog:
    alias: "@blog"
    path: wp
    identity: [/keys/blog, /keys/blog2]
  legacy:
    target: legacy@old.example.com:/home/legacy/www
    known_hosts: /etc/ssh/known
  local:
    path: /srv/www/local
  nowhere:
    url: https://nowhere.example
  both:
    ssh: a
    target: b:/x
  ghost:
    alias: "@ghost"
  weird:
    ssh: host
    strategy: magic
`

func TestReadInventory(t *testing.T) {
	set := &aliases.Set{}
	if err := set.Parse([]byte("@blog:\n  ssh: blog.example.com~/public_html\n  url: https://blog.example.com\n  key: /keys/alias\n"), "wp-cli.yml", "/home/me"); err != nil {
		t.Fatal(err)
	}
	sites, err := ReadInventory(strings.NewReader(inv), "fleet.yml", set, "/home/me")
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Site{}
	var names []string
	for _, s := range sites {
		by[s.Name] = s
		names = append(names, s.Name)
	}
	if want := []string{"blog", "both", "ghost", "legacy", "local", "nowhere", "shop", "weird"}; !reflect.DeepEqual(names, want) {
		t.Errorf("names %v", names)
	}
	want := map[string]Site{
		"shop": {Name: "shop", Target: target.Target{User: "deploy", Host: "shop.example.com", Port: 2222, Path: "/var/www/shop"},
			URL: "https://shop.example.com", URLs: []string{"https://shop.example.com/cart/"}, Tags: []string{"managed", "woo"},
			Identities: []string{"/home/me/.ssh/agency"}, KnownHosts: "/home/me/.ssh/known_hosts.agency", Strategy: "db"},
		"blog": {Name: "blog", Target: target.Target{Host: "blog.example.com", Path: "~/public_html/wp"}, URL: "https://blog.example.com",
			Tags: []string{"managed"}, Identities: []string{"/keys/alias", "/keys/blog", "/keys/blog2", "/home/me/.ssh/agency"},
			KnownHosts: "/home/me/.ssh/known_hosts.agency", Strategy: "rename"},
		"legacy": {Name: "legacy", Target: target.Target{User: "legacy", Host: "old.example.com", Path: "/home/legacy/www"},
			Tags: []string{"managed"}, Identities: []string{"/home/me/.ssh/agency"}, KnownHosts: "/etc/ssh/known", Strategy: "rename"},
		"local": {Name: "local", Target: target.Target{Local: true, Path: "/srv/www/local"}, Tags: []string{"managed"},
			Identities: []string{"/home/me/.ssh/agency"}, KnownHosts: "/home/me/.ssh/known_hosts.agency", Strategy: "rename"},
	}
	for n, w := range want {
		got := by[n]
		got.URLs = nilIfEmpty(got.URLs)
		if got.Err != nil || !reflect.DeepEqual(got, w) {
			t.Errorf("%s:\n got  %+v (%v)\n want %+v", n, got, got.Err, w)
		}
	}
	bad := map[string]string{
		"nowhere": "say where it is",
		"both":    "give one of ssh:, target: and alias:",
		"ghost":   "unknown alias: @ghost",
		"weird":   `strategy "magic"`,
	}
	for n, msg := range bad {
		if err := by[n].Err; !errors.Is(err, ErrInventory) || !strings.Contains(err.Error(), "site "+n+": ") || !strings.Contains(err.Error(), msg) {
			t.Errorf("%s: err %v, want %q", n, err, msg)
		}
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestReadInventoryBadFiles(t *testing.T) {
	tests := []struct{ doc, err string }{
		{"", "lists no sites"},
		{"sites: {}\n", "lists no sites"},
		{"sites:\n  a:\n    shh: host\n", "field shh not found"},
		{"site:\n  a:\n    ssh: host\n", "field site not found"},
		{"defaults:\n  ssh: host\nsites:\n  a:\n    ssh: h\n", "defaults may set"},
		{"defaults:\n  strategy: fast\nsites:\n  a:\n    ssh: h\n", "want auto, rename, db or isolated"},
		{"sites:\n  - ssh: host\n", "cannot unmarshal"},
		{"sites:\n  a: {ssh: host\n", "fleet.yml"},
	}
	for _, tt := range tests {
		_, err := ReadInventory(strings.NewReader(tt.doc), "fleet.yml", nil, "")
		if err == nil || !errors.Is(err, ErrInventory) || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("%q: err %v, want %q", tt.doc, err, tt.err)
		}
	}
}

func TestPick(t *testing.T) {
	sites := []Site{{Name: "a", Tags: []string{"prod"}}, {Name: "b", Tags: []string{"staging"}}, {Name: "c", Tags: []string{"prod", "woo"}}}
	tests := []struct {
		names, tags []string
		want        string
		err         string
	}{
		{nil, nil, "a b c", ""},
		{[]string{"all"}, nil, "a b c", ""},
		{[]string{"@all"}, []string{"prod"}, "a c", ""},
		{[]string{"@c", "a", "c"}, nil, "c a", ""},
		{nil, []string{"woo", "staging"}, "b c", ""},
		{[]string{"@zz"}, nil, "", "no site @zz"},
	}
	for _, tt := range tests {
		got, err := Pick(sites, tt.names, tt.tags)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Pick(%v, %v) err %v", tt.names, tt.tags, err)
			}
			continue
		}
		var n []string
		for _, s := range got {
			n = append(n, s.Name)
		}
		if err != nil || strings.Join(n, " ") != tt.want {
			t.Errorf("Pick(%v, %v) = %v, %v; want %s", tt.names, tt.tags, n, err, tt.want)
		}
	}
}
