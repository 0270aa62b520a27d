package logs

import (
	"bytes"
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The throughput target is 200 MB/s on the project machine; run with
//
//	go test -run=^$ -bench=Parse -benchmem ./internal/logs

// reportCPU adds "cpu-MB/s": bytes processed per second of process CPU
// time (all threads, GC included), which a loaded machine does not skew
// the way it skews the wall-clock MB/s.
func reportCPU(b *testing.B, bytes int64, cpu0 time.Duration) {
	if cpu := processCPU() - cpu0; cpu > 0 {
		b.ReportMetric(float64(bytes)*float64(b.N)/1e6/cpu.Seconds(), "cpu-MB/s")
	}
}

func benchParse(b *testing.B, f Format, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	n := 0
	cpu0 := processCPU()
	for b.Loop() {
		if err := Scan(bytes.NewReader(data), f, Options{}, func(Event) { n++ }); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, int64(len(data)), cpu0)
	if n == 0 {
		b.Fatal("no events")
	}
}

func BenchmarkParseDebugLog(b *testing.B) {
	benchParse(b, FormatPHP, synthBytes(newSynthDebugLog(32<<20)))
}

func BenchmarkParseNginx(b *testing.B) {
	benchParse(b, FormatNginx, synthBytes(newSynthNginxLog(32<<20)))
}

// BenchmarkSummarizeDebugLog is parsing plus blame and aggregation.
func BenchmarkSummarizeDebugLog(b *testing.B) {
	data := synthBytes(newSynthDebugLog(32 << 20))
	layout := StandardLayout("/srv/x")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		if _, err := Summarize(context.Background(), bytes.NewReader(data), FormatPHP, Options{}, layout, AggregateOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, int64(len(data)), cpu0)
}

// heapStats streams size bytes of synthetic debug.log through Summarize and
// reports the live heap before and after (each after a GC) and the peak
// heap in use sampled during the stream.
func heapStats(tb testing.TB, size int64) (before, after, peak uint64, groups int, took time.Duration) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before = ms.HeapInuse
	var max atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		var s runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				runtime.ReadMemStats(&s)
				if s.HeapInuse > max.Load() {
					max.Store(s.HeapInuse)
				}
			}
		}
	})
	start := time.Now()
	a, err := Summarize(context.Background(), newSynthDebugLog(size), FormatPHP, Options{Source: "synthetic"}, StandardLayout("/srv/x"), AggregateOptions{})
	took = time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		tb.Fatal(err)
	}
	groups = len(a.Groups())
	runtime.GC()
	runtime.ReadMemStats(&ms)
	after = ms.HeapInuse
	runtime.KeepAlive(a)
	return before, after, max.Load(), groups, took
}

// BenchmarkSummarize2GB streams a 2 GiB synthetic debug.log generated on
// the fly (never on disk). Run it alone, once:
//
//	go test -run=^$ -bench=Summarize2GB -benchtime=1x ./internal/logs
func BenchmarkSummarize2GB(b *testing.B) {
	const size = 2 << 30
	for b.Loop() {
		before, after, peak, groups, took := heapStats(b, size)
		b.ReportMetric(float64(before)/(1<<20), "heap-before-MiB")
		b.ReportMetric(float64(after)/(1<<20), "heap-after-MiB")
		b.ReportMetric(float64(peak)/(1<<20), "heap-peak-MiB")
		b.ReportMetric(float64(groups), "groups")
		b.ReportMetric(float64(size)/(1<<20)/took.Seconds(), "MiB/s")
	}
}

// TestSummarizeHeapFlat streams 128 MiB (set by -short to 16 MiB) and
// requires the live heap to stay where it was and the peak to stay small.
func TestSummarizeHeapFlat(t *testing.T) {
	size := int64(128 << 20)
	if testing.Short() {
		size = 16 << 20
	}
	before, after, peak, groups, took := heapStats(t, size)
	t.Logf("%d MiB in %v: heap in use before %.1f MiB, after %.1f MiB, peak %.1f MiB, %d groups",
		size>>20, took.Round(time.Millisecond), float64(before)/(1<<20), float64(after)/(1<<20), float64(peak)/(1<<20), groups)
	if after > before+8<<20 {
		t.Errorf("live heap grew from %d to %d bytes", before, after)
	}
	if peak > before+96<<20 { // sampled; GC can lag on a loaded machine
		t.Errorf("peak heap %d bytes (before %d)", peak, before)
	}
	if groups < 10 || groups > 100 {
		t.Errorf("%d groups: the synthetic log has about 20 signatures", groups)
	}
}
