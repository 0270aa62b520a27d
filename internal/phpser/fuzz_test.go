package phpser

import (
	"bytes"
	"errors"
	"math"
	"testing"
)

// FuzzRoundTrip: Unserialize never panics; when it accepts the input,
// Serialize gives back exactly the input; when it rejects it, the error is a
// *SyntaxError with an offset inside the input.
func FuzzRoundTrip(f *testing.F) {
	for _, tt := range roundTripTests {
		f.Add([]byte(tt.in))
	}
	for _, tt := range errorTests {
		f.Add([]byte(tt.in))
	}
	g := newPHPGen(7)
	for range 50 {
		v, _ := g.document()
		f.Add(Serialize(v))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		IsSerialized(data) // must not panic
		v, err := Unserialize(data)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || !errors.Is(err, ErrSyntax) || se.Offset < 0 || se.Offset > len(data) || v != nil {
				t.Fatalf("Unserialize(%q) = %#v, %v: want nil and *SyntaxError within the input", data, v, err)
			}
			return
		}
		if out := Serialize(v); !bytes.Equal(out, data) {
			t.Fatalf("Serialize(Unserialize(%q)) = %q", data, out)
		}
	})
}

// FuzzGenerated: values built in Go (floats without Text, every kind of
// value) survive Serialize then Unserialize unchanged.
func FuzzGenerated(f *testing.F) {
	for seed := range uint64(20) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		v, _ := newPHPGen(seed).document()
		data := Serialize(v)
		got, err := Unserialize(data)
		if err != nil {
			t.Fatalf("Unserialize(Serialize(%#v)) = %q: %v", v, data, err)
		}
		if !sameValue(got, v) {
			t.Fatalf("Unserialize(%q) = %#v, want %#v", data, got, v)
		}
	})
}

// FuzzFloat: every float64 is written as a literal that reads back to the
// same bits, in PHP's upper-case exponent style.
func FuzzFloat(f *testing.F) {
	for _, x := range []float64{0, 0.1, 1e25, 1e-5, math.MaxFloat64, math.SmallestNonzeroFloat64, math.Inf(-1)} {
		f.Add(math.Float64bits(x))
	}
	f.Fuzz(func(t *testing.T, bits uint64) {
		x := math.Float64frombits(bits)
		data := Serialize(Float{V: x})
		if bytes.IndexByte(data, 'e') >= 0 {
			t.Fatalf("%v written as %s", x, data)
		}
		got, err := Unserialize(data)
		if err != nil || !sameValue(got, Float{V: x}) {
			t.Fatalf("Unserialize(%s) = %#v, %v; want %v", data, got, err, x)
		}
	})
}
