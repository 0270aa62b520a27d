package target

import (
	"errors"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Target
	}{
		{"ssh://wpl1@127.0.0.1:2222/srv/www", Target{User: "wpl1", Host: "127.0.0.1", Port: 2222, Path: "/srv/www"}},
		{"ssh://example.com/var/www/html", Target{Host: "example.com", Path: "/var/www/html"}},
		{"ssh://deploy@[::1]:22/srv", Target{User: "deploy", Host: "::1", Port: 22, Path: "/srv"}},
		{"ssh://host", Target{Host: "host"}},
		{"user@host:/var/www", Target{User: "user", Host: "host", Path: "/var/www"}},
		{"user@host:", Target{User: "user", Host: "host"}},
		{"user@host:public_html", Target{User: "user", Host: "host", Path: "public_html"}},
		{"myalias:/srv/site", Target{Host: "myalias", Path: "/srv/site"}},
		{"me@example.org@host:/p", Target{User: "me@example.org", Host: "host", Path: "/p"}},
		{"user@[2001:db8::1]:/srv", Target{User: "user", Host: "2001:db8::1", Path: "/srv"}},
		{"[::1]:/srv", Target{Host: "::1", Path: "/srv"}},
		{"/var/www/html", Target{Local: true, Path: "/var/www/html"}},
		{"./site", Target{Local: true, Path: "./site"}},
		{"site", Target{Local: true, Path: "site"}},
		{"dir/with:colon", Target{Local: true, Path: "dir/with:colon"}},
		{"~/public_html", Target{Local: true, Path: "~/public_html"}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"", "  ", "http://host/x", "ssh://user:secret@host/x", "ssh:///path", "@host:/x", ":/path", "ssh://h:99999/x", "user@[::1/srv"} {
		if _, err := Parse(in); !errors.Is(err, ErrBadTarget) {
			t.Errorf("Parse(%q): err %v, want ErrBadTarget", in, err)
		}
	}
}

func TestStringRoundTrip(t *testing.T) {
	for _, in := range []string{"ssh://wpl1@127.0.0.1:2222/srv/www", "ssh://[::1]:22/x", "ssh://host/p", "/local/path"} {
		tg, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := tg.String(); got != in {
			t.Errorf("String() = %q, want %q", got, in)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"ssh://u@h:1/p", "u@h:/p", "u@[::1]:/p", "/p", "a:b", "[", "@:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tg, err := Parse(s)
		if err != nil {
			return
		}
		if !tg.Local && tg.Host == "" {
			t.Errorf("Parse(%q): remote target without host: %+v", s, tg)
		}
	})
}
