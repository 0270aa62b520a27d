package inventory

import (
	"regexp"
	"strings"
	"testing"
)

// refHeader is the regex form of get_file_data() for one field, valid for
// ASCII input only (Go's (?i) folds Unicode, PCRE without UTF mode does not;
// Go's \s lacks \v, so it is spelled out).
func refHeader(data []byte, name string) string {
	if len(data) > HeadSize {
		data = data[:HeadSize]
	}
	s := strings.ReplaceAll(string(data), "\r", "\n")
	re := regexp.MustCompile(`(?mi)^(?:[ \t]*<\?php)?[ \t/*#@]*` + regexp.QuoteMeta(name) + `:(.*)$`)
	m := re.FindStringSubmatch(s)
	if m == nil || m[1] == "" || m[1] == "0" {
		return ""
	}
	v := regexp.MustCompile(`[\t\n\v\f\r ]*(?:\*/|\?>).*`).ReplaceAllString(m[1], "")
	return strings.Trim(v, " \t\n\r\x00\x0b")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func FuzzHeaderFields(f *testing.F) {
	f.Add([]byte("<?php\n/**\n * Plugin Name: X\n * Version: 1.0\n */"), "Plugin Name", "Version")
	f.Add([]byte("<?php /* Plugin Name: One */ ?>"), "Plugin Name", "Network")
	f.Add([]byte("\r\n# Version:0\r Version: 0 */"), "Version", "version")
	f.Add([]byte("**Name: starred\n<?PHP@@Name:\f?>"), "*Name", "Name")
	f.Add([]byte("\ufeff/* Theme Name: BOM */\nTemplate: parent"), "Theme Name", "Template")
	f.Add([]byte(strings.Repeat("a\n", 5000)+"Version: late"), "Version", "")
	f.Fuzz(func(t *testing.T, data []byte, a, b string) {
		got := HeaderFields(data, a, b)
		if len(got) != len(map[string]bool{a: true, b: true}) {
			t.Fatalf("keys %v for names %q, %q", got, a, b)
		}
		for _, name := range []string{a, b} {
			v, ok := got[name]
			if !ok {
				t.Fatalf("name %q missing from %v", name, got)
			}
			if strings.ContainsAny(v, "\r\n") || strings.Contains(v, "*/") || strings.Contains(v, "?>") {
				t.Fatalf("[%q] = %q: not a cleaned one-line value", name, v)
			}
			if v != strings.Trim(v, " \t\n\r\x00\x0b") {
				t.Fatalf("[%q] = %q: not trimmed", name, v)
			}
			// The reference compiles name into a regexp whose matching
			// costs len(data)*len(name): keep names short for it.
			if isASCII(string(data)) && isASCII(name) && len(name) <= 64 {
				if want := refHeader(data, name); v != want {
					t.Fatalf("HeaderFields(%q)[%q] = %q, regex reference says %q", data, name, v, want)
				}
			}
		}
	})
}
