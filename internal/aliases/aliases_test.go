package aliases

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/target"
)

func TestParseSSH(t *testing.T) {
	tests := []struct {
		in   string
		want target.Target
		err  string
	}{
		{"host", target.Target{Host: "host"}, ""},
		{"ssh:host", target.Target{Host: "host"}, ""},
		{"deploy@shop.example.com", target.Target{User: "deploy", Host: "shop.example.com"}, ""},
		{"deploy@shop.example.com:2222", target.Target{User: "deploy", Host: "shop.example.com", Port: 2222}, ""},
		{"ssh:deploy@10.0.0.5:2222/var/www/shop", target.Target{User: "deploy", Host: "10.0.0.5", Port: 2222, Path: "/var/www/shop"}, ""},
		{"host/var/www", target.Target{Host: "host", Path: "/var/www"}, ""},
		{"host~/public_html", target.Target{Host: "host", Path: "~/public_html"}, ""},
		{"u@host:22~/public_html", target.Target{User: "u", Host: "host", Port: 22, Path: "~/public_html"}, ""},
		{"host:/var/www", target.Target{Host: "host", Path: "/var/www"}, ""}, // empty port, as WP-CLI allows
		{"host~", target.Target{Host: "host"}, ""},
		{"", target.Target{}, "is not"},
		{"@host", target.Target{}, "is not"},
		{"u@@host", target.Target{}, "is not"},
		{"host:port", target.Target{}, "is not"},
		{"host:99999", target.Target{}, "bad port"},
		{"host:0", target.Target{}, "bad port"},
		{"docker:wordpress", target.Target{}, "ssh only"},
		{"vagrant:default", target.Target{}, "ssh only"},
		{"host~other/www", target.Target{}, "another user's home"},
	}
	for _, tt := range tests {
		got, err := ParseSSH(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseSSH(%q) = %+v, %v; want error with %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseSSH(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

const agency = `
path: wp-core          # a WP-CLI setting, not an alias
color: false
@shop:
  ssh: deploy@shop.example.com:2222/var/www/shop
  url: https://shop.example.com
  user: admin
  key: ~/.ssh/agency
@blog:
  ssh: ssh:blog.example.com~/public_html
  path: wordpress
@local:
  path: /srv/www/local
@docker:
  ssh: docker:wp
@api:
  http: https://api.example.com
@jump:
  ssh: host
  proxyjump: bastion
@clients:
  - "@shop"
  - "@blog"
@everything:
  - "@clients"
  - "@local"
  - "@shop"
@typo:
  - "@shop"
  - "@sohp"
@loop:
  - "@loop2"
@loop2:
  - "@loop"
@flow: [@shop, '@local']   # WP-CLI's parser takes bare @names in flow lists too
@bare:
  - @blog   # and in block lists
`

func parsed(t *testing.T, docs ...string) *Set {
	t.Helper()
	s := &Set{}
	for i, d := range docs {
		if err := s.Parse([]byte(d), "file"+string(rune('1'+i)), "/home/me"); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func names(as []Alias) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

func TestAliasFields(t *testing.T) {
	s := parsed(t, agency)
	tests := []struct {
		name string
		want Alias
		err  string
	}{
		{"@shop", Alias{Name: "@shop", Target: target.Target{User: "deploy", Host: "shop.example.com", Port: 2222, Path: "/var/www/shop"},
			URL: "https://shop.example.com", WPUser: "admin", Key: "/home/me/.ssh/agency", Source: "file1:4"}, ""},
		{"@blog", Alias{Name: "@blog", Target: target.Target{Host: "blog.example.com", Path: "~/public_html/wordpress"}, Source: "file1:9"}, ""},
		{"@local", Alias{Name: "@local", Target: target.Target{Local: true, Path: "/srv/www/local"}, Source: "file1:12"}, ""},
		{"@docker", Alias{}, "ssh only"},
		{"@api", Alias{}, "over http:"},
		{"@jump", Alias{}, "proxyjump"},
		{"@clients", Alias{}, "is a group"},
		{"@all", Alias{}, "is a group"},
		{"@nope", Alias{}, "unknown alias: @nope (defined: @api, @blog"},
	}
	for _, tt := range tests {
		got, err := s.Lookup(tt.name)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Lookup(%s) error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Lookup(%s) = %+v, %v\n want %+v", tt.name, got, err, tt.want)
		}
	}
}

func TestResolve(t *testing.T) {
	s := parsed(t, agency)
	tests := []struct {
		name string
		want []string
		err  string
		is   error
	}{
		{"@shop", []string{"@shop"}, "", nil},
		{"@clients", []string{"@shop", "@blog"}, "", nil},
		{"@everything", []string{"@shop", "@blog", "@local"}, "", nil}, // nested, each once
		{"@all", []string{"@api", "@blog", "@docker", "@jump", "@local", "@shop"}, "", nil},
		{"@typo", nil, "group @typo (file1:28) contains an unknown alias: @sohp", ErrBadAlias},
		{"@flow", []string{"@shop", "@local"}, "", nil},
		{"@bare", []string{"@blog"}, "", nil},
		{"@loop", nil, "contains itself (@loop → @loop2 → @loop)", ErrBadAlias},
		{"@nope", nil, "unknown alias: @nope", ErrUnknown},
	}
	for _, tt := range tests {
		got, err := s.Resolve(tt.name)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !errors.Is(err, tt.is) {
				t.Errorf("Resolve(%s) error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(names(got), tt.want) {
			t.Errorf("Resolve(%s) = %v, %v; want %v", tt.name, names(got), err, tt.want)
		}
	}
	// An unusable alias is returned with its error, for the caller to report.
	all, _ := s.Resolve(All)
	for _, a := range all {
		if (a.Err != nil) != (a.Name == "@api" || a.Name == "@docker" || a.Name == "@jump") {
			t.Errorf("%s: Err %v", a.Name, a.Err)
		}
	}
}

func TestParseBadFiles(t *testing.T) {
	tests := []struct {
		doc, err string
	}{
		{"@shop!:\n  ssh: host\n", `f:1: "@shop!" is not an alias name`},
		{"'@sh op':\n  ssh: host\n", `"@sh op" is not an alias name`},
		{"'@':\n  ssh: host\n", `"@" is not an alias name`},
		{"@shop: host\n", "f:1: alias @shop needs settings"},
		{"@shop:\n", "alias @shop needs settings"},
		{"@g:\n  - shop\n", `f:2: group @g: member "shop" is not an alias name`},
		{"@g:\n  - {ssh: host}\n", "group @g: member"},
		{"@all:\n  - '@shop'\n", "@all is every alias"},
		{"- '@shop'\n", "not a mapping"},
		{"@shop:\n  ssh: [a, b]\n", "alias @shop"},
		{"@shop: {ssh: host\n", "read aliases from f"},
	}
	for _, tt := range tests {
		s := &Set{}
		err := s.Parse([]byte(tt.doc), "f", "")
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("Parse(%q) error %v, want %q", tt.doc, err, tt.err)
		}
	}
	if err := (&Set{}).Parse(nil, "empty", ""); err != nil {
		t.Errorf("empty file: %v", err)
	}
}

// TestOverride: the project's file overrides the global one, alias by
// alias, and an alias may become a group or the reverse.
func TestOverride(t *testing.T) {
	s := parsed(t, "@a:\n  ssh: old\n@b:\n  ssh: b\n@g:\n  - '@a'\n", "@a:\n  ssh: new\n@b:\n  - '@a'\n@g:\n  ssh: g\n")
	a, _ := s.Lookup("@a")
	if a.Target.Host != "new" || a.Source != "file2:1" {
		t.Errorf("@a = %+v", a)
	}
	if got := s.Groups(); !reflect.DeepEqual(got, []string{"@b"}) {
		t.Errorf("groups %v", got)
	}
	if got := s.Names(); !reflect.DeepEqual(got, []string{"@a", "@g"}) {
		t.Errorf("names %v", got)
	}
}

func TestFilesAndLoad(t *testing.T) {
	root := t.TempDir()
	home := filepath.Join(root, "home")
	proj := filepath.Join(root, "proj")
	sub := filepath.Join(proj, "sub", "dir")
	write := func(p, s string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(home, ".wp-cli", "config.yml"), "@a:\n  ssh: global\n@g:\n  ssh: g\n")
	write(filepath.Join(proj, "wp-cli.yml"), "@a:\n  ssh: project\n")
	write(filepath.Join(proj, "wp-cli.local.yml"), "@b:\n  ssh: local\n")
	write(filepath.Join(root, "custom.yml"), "@c:\n  ssh: custom\n")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	noenv := func(string) string { return "" }

	env := Env{Cwd: sub, Home: home, Getenv: noenv}
	want := []string{filepath.Join(home, ".wp-cli", "config.yml"), filepath.Join(proj, "wp-cli.yml"), filepath.Join(proj, "wp-cli.local.yml")}
	if got := Files(env); !reflect.DeepEqual(got, want) {
		t.Errorf("Files = %v\n want %v", got, want)
	}
	s, err := Load(env)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Names(); !reflect.DeepEqual(got, []string{"@a", "@b", "@g"}) {
		t.Errorf("names %v", got)
	}
	if a, _ := s.Lookup("@a"); a.Target.Host != "project" {
		t.Errorf("@a from %s", a.Source)
	}

	env.Getenv = func(k string) string {
		if k == "WP_CLI_CONFIG_PATH" {
			return filepath.Join(root, "custom.yml")
		}
		return ""
	}
	env.Cwd = root
	if got := Files(env); !reflect.DeepEqual(got, []string{filepath.Join(root, "custom.yml")}) {
		t.Errorf("Files with WP_CLI_CONFIG_PATH = %v", got)
	}
	s, err = Load(Env{Cwd: root, Home: filepath.Join(root, "nobody"), Getenv: noenv})
	if err != nil || len(s.Names()) != 0 {
		t.Errorf("no files: %v %v", s.Names(), err)
	}
	if _, err := s.Lookup("@a"); !errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "no aliases defined") {
		t.Errorf("lookup without files: %v", err)
	}
}
