package serverconf

import (
	"errors"
	"testing"
	"time"
)

func TestParseNginxSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		bad  bool
	}{
		{"0", 0, false},
		{"512", 512, false},
		{"4k", 4096, false},
		{"16K", 16384, false},
		{"1m", 1 << 20, false},
		{"64M", 64 << 20, false},
		{"2g", 2 << 30, false},
		{"", 0, true},
		{"k", 0, true},
		{"4kb", 0, true},
		{"-1", 0, true},
		{"1.5m", 0, true},
		{" 4k", 0, true},
		{"99999999999999999999", 0, true},
		{"9999999999999g", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseNginxSize(tt.in)
		if tt.bad {
			if !errors.Is(err, ErrSyntax) {
				t.Errorf("ParseNginxSize(%q) = %d, %v; want ErrSyntax", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseNginxSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestParseNginxTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		bad  bool
	}{
		{"60", 60 * time.Second, false},
		{"60s", 60 * time.Second, false},
		{"0", 0, false},
		{"500ms", 500 * time.Millisecond, false},
		{"1m", time.Minute, false},
		{"1m30s", 90 * time.Second, false},
		{"1m30", 90 * time.Second, false},
		{"1h", time.Hour, false},
		{"1h 30m", 90 * time.Minute, false},
		{"1d", 24 * time.Hour, false},
		{"2w", 14 * 24 * time.Hour, false},
		{"1M", 30 * 24 * time.Hour, false},
		{"1y", 365 * 24 * time.Hour, false},
		{"1s500ms", 1500 * time.Millisecond, false},
		{"1d2h3m4s5ms", 24*time.Hour + 2*time.Hour + 3*time.Minute + 4*time.Second + 5*time.Millisecond, false},
		{"", 0, true},
		{"s", 0, true},
		{"30s1m", 0, true}, // units must come largest first
		{"1s1s", 0, true},
		{"1x", 0, true},
		{"-5s", 0, true},
		{"1.5s", 0, true},
		{"5 5", 0, true},
		{"999999999999y", 0, true}, // overflows
	}
	for _, tt := range tests {
		got, err := ParseNginxTime(tt.in)
		if tt.bad {
			if !errors.Is(err, ErrSyntax) {
				t.Errorf("ParseNginxTime(%q) = %v, %v; want ErrSyntax", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseNginxTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

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
		got, err := ParsePHPSize(tt.in)
		if tt.bad {
			if !errors.Is(err, ErrSyntax) {
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
			if !errors.Is(err, ErrSyntax) {
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
		if got := ParsePHPBool(in); got != want {
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
			if !errors.Is(err, ErrSyntax) {
				t.Errorf("EvalErrorReporting(%q) = %d, %v; want ErrSyntax", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("EvalErrorReporting(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
