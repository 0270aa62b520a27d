package logs

import (
	"context"
	"fmt"
	"io"
)

// Scan parses r as format f and calls fn for every event, in order. Memory
// stays bounded whatever r's size: a fixed read buffer, lines cut at
// MaxLineBytes, one pending entry. It returns the first read error (not
// io.EOF), wrapped.
func Scan(r io.Reader, f Format, opt Options, fn func(Event)) error {
	return ScanContext(context.Background(), r, f, opt, fn)
}

// ScanContext is Scan that stops with ctx's error when ctx is done
// (checked every few thousand lines).
func ScanContext(ctx context.Context, r io.Reader, f Format, opt Options, fn func(Event)) error {
	p, err := NewParser(f, opt)
	if err != nil {
		return fmt.Errorf("scan %s: %w", opt.Source, err)
	}
	lr := newLineReader(r)
	for n := 0; ; n++ {
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("scan %s: %w", opt.Source, err)
			}
		}
		line, _, ok := lr.next()
		if !ok {
			break
		}
		p.Line(line, fn)
	}
	p.Flush(fn)
	if err := lr.failure(); err != nil {
		return fmt.Errorf("scan %s: %w", opt.Source, err)
	}
	return nil
}

// Summarize scans r into a new Aggregator blaming through layout.
func Summarize(ctx context.Context, r io.Reader, f Format, opt Options, layout Layout, aopt AggregateOptions) (*Aggregator, error) {
	a := NewAggregator(layout, aopt)
	err := ScanContext(ctx, r, f, opt, a.Add)
	return a, err
}
