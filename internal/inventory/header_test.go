package inventory

import (
	"strings"
	"testing"
)

func TestHeaderFields(t *testing.T) {
	long := "<?php\n" + strings.Repeat("// filler filler filler filler filler filler filler\n", 170)
	tests := []struct {
		name, data, field, want string
	}{
		{"docblock", "<?php\n/**\n * Plugin Name: Docblock\n */", "Plugin Name", "Docblock"},
		{"plain comment", "<?php\n/*\nPlugin Name: Plain\n*/", "Plugin Name", "Plain"},
		{"one-liner", "<?php /* Plugin Name: One Liner */", "Plugin Name", "One Liner"},
		{"php tag then name", "<?php Plugin Name: After Tag", "Plugin Name", "After Tag"},
		{"indented upper php tag", " \t<?PHP // Plugin Name: Upper", "Plugin Name", "Upper"},
		{"hash", "<?php\n# Plugin Name: Hash\n", "Plugin Name", "Hash"},
		{"double slash", "<?php\n// Plugin Name: Slashes", "Plugin Name", "Slashes"},
		{"at sign", " * @Plugin Name: At", "Plugin Name", "At"},
		{"case-insensitive field", "PLUGIN name: Shout", "Plugin Name", "Shout"},
		{"CRLF", "<?php\r\n/*\r\nPlugin Name: CRLF\r\nVersion: 1\r\n*/", "Plugin Name", "CRLF"},
		{"CR only", "<?php\r/*\rPlugin Name: CR\rVersion: 2\r*/", "Version", "2"},
		{"BOM before php tag", "\ufeff<?php\n/*\nPlugin Name: BOM\n*/", "Plugin Name", "BOM"},
		{"BOM on the header line", "\ufeff/* Plugin Name: Hidden By BOM */", "Plugin Name", ""},
		{"UTF-8 value", " * Plugin Name: Café Menü — Spëcial", "Plugin Name", "Café Menü — Spëcial"},
		{"closing comment cut", "/* Plugin Name: X  */ junk */", "Plugin Name", "X"},
		{"closing php tag cut", "// Version: 1.0 ?> <?php", "Version", "1.0"},
		{"no space after colon", "Version:1.2", "Version", "1.2"},
		{"zero is falsy", "Version:0", "Version", ""},
		{"space zero is not", "Version: 0", "Version", "0"},
		{"empty first match wins", "Version:\nVersion: 2", "Version", ""},
		{"first match wins", "Version: 1\nVersion: 2", "Version", "1"},
		{"text before field", "<?php echo 1; // Plugin Name: Code", "Plugin Name", ""},
		{"field inside a word", " * My Plugin Name: Not", "Plugin Name", ""},
		{"absent", "<?php\n", "Plugin Name", ""},
		{"trailing tabs and NUL trimmed", "Version: 3\t\x00", "Version", "3"},
		{"form feed before */ cut", "Version: 4\f*/", "Version", "4"},
		{"form feed kept by trim", "Version: 5\f", "Version", "5\f"},
		{"beyond 8 KiB ignored", long + "Plugin Name: Late\n", "Plugin Name", ""},
		{"within 8 KiB seen", "Plugin Name: Early\n" + long, "Plugin Name", "Early"},
		{"cut at 8 KiB", strings.Repeat("x", HeadSize-len("Plugin Name: Ab")-1) + "\nPlugin Name: Abcdef", "Plugin Name", "Ab"},
		{"backtracks into star run", "**Name: starred", "*Name", "starred"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := HeaderFields([]byte(tt.data), tt.field)
			if got[tt.field] != tt.want {
				t.Errorf("HeaderFields(%q)[%q] = %q, want %q", tt.data, tt.field, got[tt.field], tt.want)
			}
		})
	}
}

func TestHeaderFieldsKeys(t *testing.T) {
	got := HeaderFields([]byte("Plugin Name: A\nVersion: 1\nAuthor: B"), "Plugin Name", "Version", "Version", "Missing")
	want := map[string]string{"Plugin Name": "A", "Version": "1", "Missing": ""}
	if len(got) != len(want) {
		t.Fatalf("got %d keys %v, want %v", len(got), got, want)
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("[%q] = %q (present %v), want %q", k, g, ok, v)
		}
	}
	if got := HeaderFields(nil); len(got) != 0 {
		t.Errorf("no names: got %v", got)
	}
}
