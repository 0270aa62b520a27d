package logs

import "testing"

func TestSlowlogBlocks(t *testing.T) {
	evs := parse(t, FormatSlowlog, string(readTestdata(t, "slowlog/slow.log")))
	if len(evs) != 2 {
		t.Fatalf("got %d blocks", len(evs))
	}
	e := evs[0]
	if e.Kind != KindSlowlog || e.Pool != "site1" || e.PID != 1234 || e.Script != "/srv/x/index.php" {
		t.Errorf("header = %+v", e)
	}
	if !e.Time.Equal(utc("2026-11-21T16:47:02Z")) || len(e.Frames) != 5 {
		t.Errorf("time %v frames %d", e.Time, len(e.Frames))
	}
	want := Frame{Addr: "0x00007f3a2c813f40", Func: "sleep()", File: "/srv/x/wp-content/plugins/wpd-slow/wpd-slow.php", Line: 10}
	if e.Frames[0] != want || e.File != want.File || e.Line != 10 {
		t.Errorf("innermost = %+v", e.Frames[0])
	}
	if last := e.Frames[4]; last.Func != "+++ dump failed" || last.File != "" {
		t.Errorf("dump failed frame = %+v", last)
	}
	if evs[1].PID != 1237 || len(evs[1].Frames) != 4 {
		t.Errorf("second block = %+v", evs[1])
	}
}

func TestSlowlogFrame(t *testing.T) {
	tests := []struct {
		in   string
		want Frame
		ok   bool
	}{
		{"[0x00007f3a2c813f40] sleep() /p/x.php:10", Frame{Addr: "0x00007f3a2c813f40", Func: "sleep()", File: "/p/x.php", Line: 10}, true},
		{"[0x1] WP_Hook->apply_filters() /p/class-wp-hook.php:308", Frame{Addr: "0x1", Func: "WP_Hook->apply_filters()", File: "/p/class-wp-hook.php", Line: 308}, true},
		{"[0x1] {closure}() /p/my dir/x.php:3", Frame{Addr: "0x1", Func: "{closure}()", File: "/p/my dir/x.php", Line: 3}, true},
		{"[0x1] f() /p/x.php", Frame{Addr: "0x1", Func: "f()", File: "/p/x.php"}, true},
		{"[0x1]", Frame{Addr: "0x1"}, true},
		{"[0x1", Frame{}, false},
		{"script_filename = /x", Frame{}, false},
	}
	for _, tt := range tests {
		got, ok := parseSlowFrame(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseSlowFrame(%q) = %+v %v, want %+v %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSlowlogMalformed(t *testing.T) {
	evs := parse(t, FormatSlowlog, "[0x1] orphan() /a.php:1\nscript_filename = /x\n\n[21-Nov-2026 16:47:02]  [pool a] pid x\n[0x1]")
	if len(evs) != 3 || evs[0].Kind != KindUnparsed || evs[2].Kind != KindSlowlog || evs[2].PID != 0 {
		t.Errorf("got %+v", evs)
	}
	for _, e := range evs {
		checkInvariants(t, &e)
	}
}
