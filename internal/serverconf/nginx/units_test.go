package nginx

import (
	"errors"
	"testing"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

func TestParseSize(t *testing.T) {
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
		got, err := ParseSize(tt.in)
		if tt.bad {
			if !errors.Is(err, conf.ErrSyntax) {
				t.Errorf("ParseSize(%q) = %d, %v; want conf.ErrSyntax", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestParseTime(t *testing.T) {
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
		got, err := ParseTime(tt.in)
		if tt.bad {
			if !errors.Is(err, conf.ErrSyntax) {
				t.Errorf("ParseTime(%q) = %v, %v; want conf.ErrSyntax", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}
