package dbconn

import "testing"

func TestParseHost(t *testing.T) {
	tests := []struct{ in, network, addr string }{
		{"localhost", "unix", ""},
		{"", "unix", ""},
		{"LOCALHOST", "unix", ""},
		{"localhost:3307", "unix", ""}, // mysqli ignores the port for localhost
		{"localhost:/var/run/mysqld/mysqld.sock", "unix", "/var/run/mysqld/mysqld.sock"},
		{"localhost:/srv/wplab/run/mysqld.sock", "unix", "/srv/wplab/run/mysqld.sock"},
		{":/tmp/mysql.sock", "unix", "/tmp/mysql.sock"},
		{"127.0.0.1", "tcp", "127.0.0.1:3306"},
		{"127.0.0.1:3307", "tcp", "127.0.0.1:3307"},
		{"db.internal", "tcp", "db.internal:3306"},
		{"db.internal:33060", "tcp", "db.internal:33060"},
		{"[::1]:3306", "tcp", "[::1]:3306"},
		{"[::1]:3307", "tcp", "[::1]:3307"},
		{"::1", "tcp", "[::1]:3306"},
		{"2001:db8::5", "tcp", "[2001:db8::5]:3306"},
		{"p:localhost", "unix", ""},
		{"p:10.0.0.2:3306", "tcp", "10.0.0.2:3306"},
		{" 127.0.0.1 ", "tcp", "127.0.0.1:3306"},
	}
	for _, tt := range tests {
		got, err := ParseHost(tt.in)
		if err != nil {
			t.Errorf("ParseHost(%q): %v", tt.in, err)
			continue
		}
		if got.Network != tt.network || got.Addr != tt.addr {
			t.Errorf("ParseHost(%q) = %s %q, want %s %q", tt.in, got.Network, got.Addr, tt.network, tt.addr)
		}
	}
}

func TestParseHostBadPort(t *testing.T) {
	for _, in := range []string{"db:99999", "db:0"} {
		if _, err := ParseHost(in); err == nil {
			t.Errorf("ParseHost(%q): no error", in)
		}
	}
}

func FuzzParseHost(f *testing.F) {
	for _, s := range []string{"localhost", "127.0.0.1:3307", "[::1]:3306", "localhost:/a.sock", "p:x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ep, err := ParseHost(s)
		if err != nil {
			return
		}
		if ep.Network != "tcp" && ep.Network != "unix" {
			t.Errorf("ParseHost(%q): network %q", s, ep.Network)
		}
	})
}
