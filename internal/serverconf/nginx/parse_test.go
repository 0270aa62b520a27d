package nginx

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conftest"
)

func TestParseNginxSyntax(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"simple", "worker_processes 2;", "worker_processes|2;"},
		{"block", "events { worker_connections 256; }", "events{worker_connections|256;}"},
		{"nested", "http { server { listen 80; location / { root /x; } } }", "http{server{listen|80;location|/{root|/x;}}}"},
		{"comment", "# top\nuser www-data; # trailing\n#last", "user|www-data;"},
		{"hash inside word", "set $a foo#bar;", "set|$a|foo#bar;"},
		{"comment right after semicolon", "a 1;#c\nb 2;", "a|1;b|2;"},
		{"double quotes", `add_header X "a b; {c}";`, "add_header|X|a b; {c};"},
		{"single quotes", `log_format x '$remote_addr "$request"';`, `log_format|x|$remote_addr "$request";`},
		{"escaped quote", `return 200 "say \"hi\"";`, `return|200|say "hi";`},
		{"escapes", `return 200 "a\tb\nc\\d\qe";`, "return|200|a\tb\nc\\d\\qe;"},
		{"unquoted escape", `rewrite ^/a\ b$ /c;`, `rewrite|^/a\ b$|/c;`},
		{"variable braces", "set $x ${host}suffix;", "set|$x|${host}suffix;"},
		{"brace inside word", "location /a}b { }", "location|/a}b{}"},
		{"regex location", `location ~ \.php$ { fastcgi_pass unix:/run/php.sock; }`, `location|~|\.php${fastcgi_pass|unix:/run/php.sock;}`},
		{"regex with braces", `location ~ "^/x/\d{3}$" { }`, `location|~|^/x/\d{3}${}`},
		{"crlf", "user a;\r\nhttp {\r\n}\r\n", "user|a;http{}"},
		{"empty", "", ""},
		{"multiline quoted", "return 200 \"a\nb\";", "return|200|a\nb;"},
		{"quote then paren", `if ($a = "x") { }`, "if|($a|=|x|){}"},
		{"empty quoted arg", `fastcgi_param HTTPS "";`, "fastcgi_param|HTTPS|;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := Parse("t.conf", []byte(tt.in))
			if err != nil {
				t.Fatalf("ParseNginx: %v", err)
			}
			if got := conftest.Flat(ds); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestParseNginxErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		partial  string // what was completed before the error
	}{
		{"missing semicolon at eof", "a 1;\nb 2", 2, "a|1;"},
		{"unclosed block", "a 1;\nhttp {\n b 2;\n", 4, "a|1;http{b|2;}"},
		{"stray close", "a 1;\n}\n", 2, "a|1;"},
		{"lone semicolon", "a 1;\n;\n", 2, "a|1;"},
		{"lone brace", "{ }", 1, ""},
		{"close with pending args", "http { a 1 }", 1, "http{}"},
		{"unterminated quote", "a \"x;\nb 2;\n", 1, ""},
		{"quote glued to word", `a "x"y;`, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := Parse("t.conf", []byte(tt.in))
			var se *conf.SyntaxError
			if !errors.As(err, &se) || !errors.Is(err, conf.ErrSyntax) {
				t.Fatalf("err = %v, want *SyntaxError", err)
			}
			if se.Pos.Line != tt.line || se.Pos.File != "t.conf" {
				t.Errorf("error at %s, want t.conf:%d (%v)", se.Pos, tt.line, err)
			}
			if got := conftest.Flat(ds); got != tt.partial {
				t.Errorf("partial tree %q, want %q", got, tt.partial)
			}
		})
	}
}

func TestParseNginxPositions(t *testing.T) {
	in := "user a;\n\nhttp {\n  # c\n  server {\n    listen \"80\"\n      default_server;\n  }\n}\n"
	ds, err := Parse("/etc/nginx/nginx.conf", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	http := ds[1]
	srv := http.Block[0]
	listen := srv.Block[0]
	got := []int{ds[0].Pos.Line, http.Pos.Line, srv.Pos.Line, listen.Pos.Line}
	if want := []int{1, 3, 5, 6}; !reflect.DeepEqual(got, want) {
		t.Errorf("lines %v, want %v", got, want)
	}
	if listen.Pos.String() != "/etc/nginx/nginx.conf:6" {
		t.Errorf("pos %s", listen.Pos)
	}
	if !reflect.DeepEqual(listen.Args, []string{"80", "default_server"}) {
		t.Errorf("args %q", listen.Args)
	}
}

// Rendering a tree and parsing it again gives the same tree.
func TestNginxStringRoundTrip(t *testing.T) {
	in := `http { log_format x '$a "b" \t'; server { listen 80; location ~ "\.php$" { return 200 "a;b{c}#d"; set $e ""; } } }`
	ds, err := Parse("t", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(Render(d))
	}
	again, err := Parse("t", []byte(b.String()))
	if err != nil {
		t.Fatalf("reparse %q: %v", b.String(), err)
	}
	if conftest.Flat(again) != conftest.Flat(ds) {
		t.Errorf("round trip changed the tree:\n%s\n%s", conftest.Flat(ds), conftest.Flat(again))
	}
}
