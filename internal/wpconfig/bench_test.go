package wpconfig

import (
	"os"
	"strings"
	"testing"
)

func benchParse(b *testing.B, src []byte) {
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSample parses a typical filled-in wp-config-sample.php.
func BenchmarkParseSample(b *testing.B) {
	src, err := os.ReadFile("testdata/corpus/01-sample-crlf.php")
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, src)
}

// BenchmarkParseDamaged parses a file that needs recovery.
func BenchmarkParseDamaged(b *testing.B) {
	src, err := os.ReadFile("testdata/corpus/20-damaged-unclosed-string.php")
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, src)
}

// BenchmarkParseHugeComment parses a config with a 1 MB comment.
func BenchmarkParseHugeComment(b *testing.B) {
	src := "<?php\ndefine('A', 1);\n/*\n" + strings.Repeat("lorem ipsum dolor sit amet define('X', 1);\n", 1<<20/44) + "*/\ndefine('B', 2);\n"
	benchParse(b, []byte(src))
}

// BenchmarkSetConstantsDebug enables WP_DEBUG, WP_DEBUG_LOG and
// WP_DEBUG_DISPLAY on the sample (replace + two inserts, with verification).
func BenchmarkSetConstantsDebug(b *testing.B) {
	src, err := os.ReadFile("testdata/corpus/01-sample-crlf.php")
	if err != nil {
		b.Fatal(err)
	}
	settings := []Setting{{"WP_DEBUG", BoolLit(true)}, {"WP_DEBUG_LOG", StringLit("/tmp/x.log")}, {"WP_DEBUG_DISPLAY", BoolLit(false)}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := SetConstants(src, settings); err != nil {
			b.Fatal(err)
		}
	}
}
