package wpconfig

import (
	"sort"
	"strings"
	"testing"
)

// TestDamagedRecovery lists broken files and the constants that must still
// be found (recovered or not), and those that must not be invented.
func TestDamagedRecovery(t *testing.T) {
	tests := []struct {
		name, src string
		found     []string
		missing   []string
	}{
		{"missing semicolon", "<?php\ndefine('A', 1);\ndefine('B', 2)\ndefine('C', 3);\n", []string{"A", "B", "C"}, nil},
		{"unclosed single quote", "<?php\ndefine('A', 'x');\ndefine('B', 'y);\ndefine('C', 'z');\ndefine('D', 'w');\n",
			[]string{"A", "C", "D"}, []string{"B"}},
		{"unclosed double quote", "<?php\ndefine('A', 'x');\ndefine('B', \"y);\ndefine('C', 'z');\n", []string{"A", "C"}, []string{"B"}},
		{"missing paren", "<?php\ndefine('A', 1);\ndefine('B', 2;\ndefine('C', 3);\n", []string{"A", "C"}, []string{"B"}},
		{"stray brace", "<?php\ndefine('A', 1);\n}\ndefine('C', 3);\n", []string{"A", "C"}, nil},
		{"unclosed if", "<?php\ndefine('A', 1);\nif ($x) {\ndefine('B', 2);\n", []string{"A"}, nil},
		{"merge conflict", "<?php\ndefine('A', 1);\n<<<<<<< HEAD\ndefine('B', 2);\n=======\ndefine('B', 3);\n>>>>>>> theirs\ndefine('C', 4);\n",
			[]string{"A", "B", "C"}, nil},
		{"binary garbage line", "<?php\ndefine('A', 1);\n\x00\x01\xff\xfe garbage\ndefine('C', 3);\n", []string{"A", "C"}, nil},
		{"doc comment after error", "<?php\ndefine('A', 1)\n/**\n * define('NO', 1);\n */\ndefine('C', 3);\n", []string{"A", "C"}, []string{"NO"}},
		{"error on first line", "<?php define('A' 1);\ndefine('B', 2);\n", []string{"B"}, []string{"A"}},
		{"crlf", "<?php\r\ndefine('A', 1)\r\ndefine('B', 2);\r\n", []string{"A", "B"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mustParse(t, tt.src)
			if !cfg.Damaged || len(cfg.Diagnostics) == 0 {
				t.Fatalf("Damaged=%v diagnostics=%v", cfg.Damaged, cfg.Diagnostics)
			}
			checkInvariants(t, []byte(tt.src), cfg)
			names := map[string]bool{}
			for _, d := range cfg.Defines {
				names[d.Name] = true
			}
			for _, n := range tt.found {
				if !names[n] {
					t.Errorf("%s not found; got %v; diagnostics %v", n, keys(names), cfg.Diagnostics)
				}
			}
			for _, n := range tt.missing {
				if names[n] {
					t.Errorf("%s found but should not be", n)
				}
			}
			for _, d := range cfg.Diagnostics {
				if d.Line < 1 || d.Line > lineAt([]byte(tt.src), len(tt.src)) {
					t.Errorf("diagnostic line out of range: %v", d)
				}
			}
		})
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestManyErrorsStop(t *testing.T) {
	src := "<?php\n" + strings.Repeat("define('A' 1);\n", 500) + "define('LAST', 1);\n"
	cfg := mustParse(t, src)
	if !cfg.Damaged {
		t.Fatal("not damaged")
	}
	last := cfg.Diagnostics[len(cfg.Diagnostics)-1]
	if !strings.Contains(last.Msg, "too many errors") {
		t.Errorf("last diagnostic %v", last)
	}
}
