package logs

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
)

var allFormats = []struct {
	f    Format
	file string
}{
	{FormatPHP, "php/debug.log"},
	{FormatNginx, "nginx/error.log"},
	{FormatApache, "apache/error.log"},
	{FormatFPM, "fpm/php-fpm.log"},
	{FormatSlowlog, "slowlog/slow.log"},
}

// TestScanMatchesParse: streaming through any chunking gives exactly the
// events of parsing the whole buffer.
func TestScanMatchesParse(t *testing.T) {
	for _, tf := range allFormats {
		data := readTestdata(t, tf.file)
		want, err := Parse(data, tf.f, Options{Source: "s"})
		if err != nil {
			t.Fatal(err)
		}
		readers := map[string]func() io.Reader{
			"whole":    func() io.Reader { return bytes.NewReader(data) },
			"one byte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) },
			"half":     func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) },
		}
		for name, r := range readers {
			var got []Event
			if err := Scan(r(), tf.f, Options{Source: "s"}, func(e Event) { got = append(got, e) }); err != nil {
				t.Fatalf("%s/%s: %v", tf.file, name, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s/%s: Scan differs from Parse (%d vs %d events)", tf.file, name, len(got), len(want))
			}
		}
		for _, e := range want {
			checkInvariants(t, &e)
		}
	}
}

func TestScanLongLines(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("[21-Nov-2026 16:47:01 UTC] PHP Warning:  short in /a.php on line 1\n")
	b.WriteString("[21-Nov-2026 16:47:02 UTC] PHP Warning:  ")
	b.Write(bytes.Repeat([]byte("x"), 3*readBufSize)) // longer than the read buffer
	b.WriteString(" in /b.php on line 2\n")
	b.WriteString("[21-Nov-2026 16:47:03 UTC] PHP Fatal error:  after in /c.php on line 3") // no final newline
	var got []Event
	if err := Scan(&b, FormatPHP, Options{}, func(e Event) { got = append(got, e) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d events", len(got))
	}
	if !got[1].Truncated || len(got[1].Raw) != MaxLineBytes || got[1].Kind != KindPHPWarning {
		t.Errorf("long line: truncated=%v len=%d kind=%s", got[1].Truncated, len(got[1].Raw), got[1].Kind)
	}
	if got[0].Truncated || got[2].Kind != KindPHPFatal || got[2].File != "/c.php" {
		t.Errorf("neighbours damaged: %+v / %+v", got[0], got[2])
	}
}

func TestScanBinaryGarbage(t *testing.T) {
	// Random-looking bytes with NULs, invalid UTF-8 and no newlines for long
	// stretches, then a valid line.
	garbage := make([]byte, 200_000)
	for i := range garbage {
		garbage[i] = byte(i*7919 + i>>3)
	}
	data := append(garbage, "\n[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  x in /a.php on line 1\n"...)
	for _, tf := range allFormats {
		n, last := 0, Event{}
		err := Scan(bytes.NewReader(data), tf.f, Options{}, func(e Event) {
			checkInvariants(t, &e)
			n++
			last = e
		})
		if err != nil || n == 0 {
			t.Fatalf("%v: %d events, %v", tf.f, n, err)
		}
		if tf.f == FormatPHP && last.Kind != KindPHPFatal {
			t.Errorf("valid line after garbage lost: %+v", last)
		}
	}
}

type errReader struct{ n int }

func (r *errReader) Read(p []byte) (int, error) {
	if r.n > 0 {
		r.n--
		return copy(p, "line\n"), nil
	}
	return 0, errors.New("disk on fire")
}

func TestScanErrors(t *testing.T) {
	err := Scan(&errReader{n: 3}, FormatPHP, Options{Source: "/x/debug.log"}, func(Event) {})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") || !strings.Contains(err.Error(), "/x/debug.log") {
		t.Errorf("read error = %v", err)
	}
	if err := Scan(strings.NewReader(""), FormatUnknown, Options{}, func(Event) {}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("unknown format error = %v", err)
	}
	if _, err := Parse(nil, Format(99), Options{}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Parse unknown format error = %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ScanContext(ctx, strings.NewReader("a\n"), FormatPHP, Options{}, func(Event) {}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled scan = %v", err)
	}
	// A reader that returns 0, nil forever must not hang.
	if err := Scan(zeroReader{}, FormatPHP, Options{}, func(Event) {}); !errors.Is(err, io.ErrNoProgress) {
		t.Errorf("zero reader = %v", err)
	}
}

type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

func TestFormatNames(t *testing.T) {
	for f := FormatPHP; f <= FormatSlowlog; f++ {
		got, err := ParseFormat(f.String())
		if err != nil || got != f {
			t.Errorf("ParseFormat(%q) = %v, %v", f.String(), got, err)
		}
	}
	if _, err := ParseFormat("unknown"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("ParseFormat(unknown) = %v", err)
	}
	if Format(42).String() != "format(42)" || Severity(42).String() != "severity(42)" || SevCritical.String() != "critical" {
		t.Error("String of out-of-range values")
	}
}
