package phpser

import (
	"math"
	"testing"
)

// Expected strings are what PHP 8.2's serialize() printed for these floats.
func TestAppendFloatMatchesPHP(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{
		{0.1, "0.1"}, {1e25, "1.0E+25"}, {1, "1"}, {math.Copysign(0, -1), "-0"}, {0, "0"},
		{1e15, "1000000000000000"}, {1e14, "100000000000000"}, {123456789012345678, "1.2345678901234568E+17"},
		{100000, "100000"}, {0.0001, "0.0001"}, {0.00001, "1.0E-5"}, {1.5e-7, "1.5E-7"},
		{1e16, "10000000000000000"}, {1e17, "1.0E+17"}, {1.5e20, "1.5E+20"},
		{12345678901234567890, "1.2345678901234567E+19"}, {math.Inf(1), "INF"}, {math.Inf(-1), "-INF"},
		{math.NaN(), "NAN"}, {5e-324, "5.0E-324"}, {math.MaxFloat64, "1.7976931348623157E+308"},
		{0.30000000000000004, "0.30000000000000004"}, {-2.5, "-2.5"}, {0.5, "0.5"}, {-0.00012, "-0.00012"},
	}
	for _, tt := range tests {
		if got := string(appendFloat(nil, tt.f)); got != tt.want {
			t.Errorf("appendFloat(%v) = %s, want %s", tt.f, got, tt.want)
		}
	}
}

func TestParseFloat(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1", 1, true}, {"-1", -1, true}, {"+1", 1, true}, {".5", 0.5, true}, {"5.", 5, true},
		{"1.0E+25", 1e25, true}, {"1e-5", 1e-5, true}, {"1E5", 1e5, true}, {"-.5e1", -5, true},
		{"1e999", math.Inf(1), true}, {"-1e999", math.Inf(-1), true}, {"1e-999", 0, true},
		{"", 0, false}, {".", 0, false}, {"e5", 0, false}, {"1e", 0, false}, {"1e+", 0, false},
		{"inf", 0, false}, {"Infinity", 0, false}, {"0x10", 0, false}, {"1_0", 0, false},
		{" 1", 0, false}, {"1 ", 0, false}, {"--1", 0, false}, {"1.2.3", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseFloat(tt.in)
		if ok != tt.ok || ok && got != tt.want {
			t.Errorf("parseFloat(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
