package phpser

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runPHP runs a script from testdata with the given stdin and returns its
// stdout lines. It skips the test when php is not installed.
func runPHP(t *testing.T, stdin string, script string, args ...string) []string {
	t.Helper()
	php, err := exec.LookPath("php")
	if err != nil {
		t.Skip("php not on PATH: skipping the cross-check against PHP's own serialize()")
	}
	argv := append([]string{"-n", "-d", "serialize_precision=-1", "-d", "error_reporting=24575", // E_ALL & ~E_DEPRECATED
		"-d", "display_errors=stderr", "-d", "memory_limit=1G", filepath.Join("testdata", script)}, args...)
	cmd := exec.Command(php, argv...)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("php %s: %v\n%s", script, err, stderr.String())
	}
	return strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
}

func b64lines(items [][]byte) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString(base64.StdEncoding.EncodeToString(it))
		b.WriteByte('\n')
	}
	return b.String()
}

// TestPHPCrossCheck generates random values, has PHP serialize() them, and
// checks that our Serialize writes the same bytes, that Unserialize reads
// PHP's bytes back to the same value and re-encodes them exactly, and that
// PHP unserializes our bytes and serializes them back identically.
func TestPHPCrossCheck(t *testing.T) {
	const n = 5000
	g := newPHPGen(1)
	vals := make([]Value, n)
	var src strings.Builder
	src.WriteString("<?php\n$sh = (object)['k' => 'v'];\nreturn [\n")
	for i := range vals {
		var expr string
		vals[i], expr = g.document()
		src.WriteString(expr + ",\n")
	}
	src.WriteString("];\n")
	file := filepath.Join(t.TempDir(), "values.php")
	if err := os.WriteFile(file, []byte(src.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	lines := runPHP(t, "", "serialize.php", file)
	if len(lines) != n {
		t.Fatalf("php printed %d values, want %d", len(lines), n)
	}
	ours := make([][]byte, n)
	for i, line := range lines {
		phpOut, err := base64.StdEncoding.DecodeString(line)
		if err != nil {
			t.Fatal(err)
		}
		ours[i] = Serialize(vals[i])
		if !bytes.Equal(ours[i], phpOut) {
			t.Errorf("value %d: Serialize = %q\nPHP serialize()  = %q", i, ours[i], phpOut)
			continue
		}
		got, err := Unserialize(phpOut)
		if err != nil {
			t.Errorf("value %d: Unserialize(%q): %v", i, phpOut, err)
			continue
		}
		if !sameValue(got, vals[i]) {
			t.Errorf("value %d: Unserialize(%q) = %#v, want %#v", i, phpOut, got, vals[i])
		}
		if again := Serialize(got); !bytes.Equal(again, phpOut) {
			t.Errorf("value %d: round trip %q -> %q", i, phpOut, again)
		}
	}
	back := runPHP(t, b64lines(ours), "reserialize.php")
	for i, line := range back {
		if phpOut, _ := base64.StdEncoding.DecodeString(line); !bytes.Equal(phpOut, ours[i]) {
			t.Errorf("value %d: PHP serialize(unserialize(%q)) = %q (%s)", i, ours[i], phpOut, line)
		}
	}
	t.Logf("%d values, %d bytes serialized, agree with PHP both ways", n, len(bytes.Join(ours, nil)))
}

// TestPHPFloats checks appendFloat against PHP for many floats, and that
// Unserialize reads PHP's text back to the same bits.
func TestPHPFloats(t *testing.T) {
	const n = 100_000
	g := newPHPGen(2)
	r := rand.New(rand.NewPCG(3, 4))
	floats := make([]float64, n)
	var in strings.Builder
	for i := range floats {
		floats[i] = g.float()
		if i%2 == 0 { // also plain uniform bit patterns
			floats[i] = math.Float64frombits(r.Uint64())
		}
		fmt.Fprintf(&in, "%016x\n", math.Float64bits(floats[i]))
	}
	lines := runPHP(t, in.String(), "floats.php")
	if len(lines) != n {
		t.Fatalf("php printed %d floats, want %d", len(lines), n)
	}
	for i, phpOut := range lines {
		f := floats[i]
		if ours := string(Serialize(Float{V: f})); ours != phpOut {
			t.Errorf("float %016x (%v): ours %s, PHP %s", math.Float64bits(f), f, ours, phpOut)
			continue
		}
		v, err := Unserialize([]byte(phpOut))
		if err != nil {
			t.Errorf("Unserialize(%s): %v", phpOut, err)
			continue
		}
		if !sameValue(v, Float{V: f}) {
			t.Errorf("Unserialize(%s) = %v, want %v", phpOut, v, f)
		}
	}
}

// TestPHPAcceptsWhatWeAccept: every table input we accept, PHP accepts.
func TestPHPAcceptsWhatWeAccept(t *testing.T) {
	var ins [][]byte
	for _, tt := range roundTripTests {
		ins = append(ins, []byte(tt.in))
	}
	for i, line := range runPHP(t, b64lines(ins), "reserialize.php") {
		if line == "ERR" {
			t.Errorf("PHP rejects %q (%s), which we accept", ins[i], roundTripTests[i].name)
		}
	}
}

// TestPHPRejectsWhatWeReject lists the inputs we reject that PHP accepts:
// only the documented non-canonical spellings and trailing data.
func TestPHPRejectsWhatWeReject(t *testing.T) {
	phpTolerates := map[string]bool{
		"N;x": true, "a:0:{};": true, "a:1:{i:0;N;}}": true, // trailing data
		"i:+5;": true, "i:007;": true, "i:-0;": true, `s:01:"a";`: true, // non-canonical
		"i:9223372036854775808;": true, "i:-9223372036854775809;": true, // PHP clamps
		`S:1:"a";`: true, // old escaped string
	}
	var ins [][]byte
	for _, tt := range errorTests {
		ins = append(ins, []byte(tt.in))
	}
	for i, line := range runPHP(t, b64lines(ins), "reserialize.php") {
		in := string(ins[i])
		if accepted := line != "ERR"; accepted != phpTolerates[in] {
			t.Errorf("PHP accepts %q: %v, expected %v", in, accepted, phpTolerates[in])
		}
	}
}

// sameValue compares values, floats by value (NaN equals NaN, -0 is not 0)
// ignoring their Text.
func sameValue(a, b Value) bool {
	switch a := a.(type) {
	case Float:
		b, ok := b.(Float)
		return ok && (math.Float64bits(a.V) == math.Float64bits(b.V) || math.IsNaN(a.V) && math.IsNaN(b.V))
	case Array:
		b, ok := b.(Array)
		return ok && samePairs(a, b)
	case Object:
		b, ok := b.(Object)
		return ok && a.Class == b.Class && samePairs(a.Props, b.Props)
	}
	return a == b
}

func samePairs(a, b Array) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Key != b[i].Key || !sameValue(a[i].Value, b[i].Value) {
			return false
		}
	}
	return true
}
