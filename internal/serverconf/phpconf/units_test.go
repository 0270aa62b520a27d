package phpconf

import (
	"errors"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

func TestParsePHPSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		bad  bool
	}{
		{"128M", 128 << 20, false},
		{"128m", 128 << 20, false},
		{"1G", 1 << 30, false},
		{"512K", 512 << 10, false},
		{"256", 256, false},
		{"-1", -1, false},
		{" 64M ", 64 << 20, false},
		{"", 0, true},
		{"M", 0, true},
		{"1.5G", 0, true},
		{"-2", 0, true},
		{"lots", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if tt.bad {
			if !errors.Is(err, conf.ErrSyntax) {
				t.Errorf("ParsePHPSize(%q) = %d, %v; want ErrSyntax", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParsePHPSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestParseFPMTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		bad  bool
	}{
		{"0", 0, false},
		{"30", 30 * time.Second, false},
		{"30s", 30 * time.Second, false},
		{"5m", 5 * time.Minute, false},
		{"1h", time.Hour, false},
		{"1d", 24 * time.Hour, false},
		{" 8s", 8 * time.Second, false},
		{"", 0, true},
		{"s", 0, true},
		{"1m30s", 0, true}, // FPM takes a single unit
		{"500ms", 0, true},
		{"-1", 0, true},
		{"10x", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseFPMTime(tt.in)
		if tt.bad {
			if !errors.Is(err, conf.ErrSyntax) {
				t.Errorf("ParseFPMTime(%q) = %v, %v; want ErrSyntax", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseFPMTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParsePHPBool(t *testing.T) {
	for in, want := range map[string]bool{
		"1": true, "On": true, "yes": true, "TRUE": true, "2": true, "30s": true,
		"": false, "0": false, "off": false, "No": false, "false": false, "none": false, "stderr": false,
	} {
		if got := ParseBool(in); got != want {
			t.Errorf("ParsePHPBool(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestEvalErrorReporting(t *testing.T) {
	tests := []struct {
		in   string
		want int
		bad  bool
	}{
		{"E_ALL", 32767, false},
		{"E_ALL & ~E_DEPRECATED & ~E_STRICT", 32767 &^ 8192 &^ 2048, false},
		{"E_ALL & ~E_NOTICE", 32767 &^ 8, false},
		{"E_ERROR | E_WARNING | E_PARSE", 7, false},
		{"E_ALL | E_STRICT & ~E_NOTICE", (32767 | 2048) &^ 8, false}, // same precedence, left to right
		{"~(E_NOTICE | E_DEPRECATED) & E_ALL", 32767 &^ (8 | 8192), false},
		{"22527", 22527, false},
		{"-1", -1, false},
		{"!0", 1, false},
		{"e_all", 32767, false},
		{"", 0, true},
		{"E_ALL &", 0, true},
		{"E_NOPE", 0, true},
		{"(E_ALL", 0, true},
		{"E_ALL E_NOTICE", 0, true},
	}
	for _, tt := range tests {
		got, err := EvalErrorReporting(tt.in)
		if tt.bad {
			if !errors.Is(err, conf.ErrSyntax) {
				t.Errorf("EvalErrorReporting(%q) = %d, %v; want ErrSyntax", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("EvalErrorReporting(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
