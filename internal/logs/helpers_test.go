package logs

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// parse parses text as f, failing the test on error.
func parse(t testing.TB, f Format, text string) []Event {
	t.Helper()
	evs, err := Parse([]byte(text), f, Options{Source: "test.log"})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return evs
}

// one parses text as f and requires exactly one event.
func one(t testing.TB, f Format, text string) Event {
	t.Helper()
	evs := parse(t, f, text)
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1: %+v", len(evs), evs)
	}
	return evs[0]
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
