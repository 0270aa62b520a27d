package logs

import "testing"

func TestDetect(t *testing.T) {
	for _, tf := range allFormats {
		if got := Detect(readTestdata(t, tf.file)); got != tf.f {
			t.Errorf("Detect(%s) = %v, want %v", tf.file, got, tf.f)
		}
	}
	tests := []struct {
		sample string
		want   Format
	}{
		{"", FormatUnknown},
		{"hello\nworld\n", FormatUnknown},
		{"\x00\x01\x02", FormatUnknown},
		{"[21-Nov-2026 16:47:01 Europe/Berlin] x\n", FormatPHP},
		{"[21-Nov-2026 16:47:01] NOTICE: fpm is running, pid 1\n", FormatFPM},
		{"\n[21-Nov-2026 16:47:02]  [pool a] pid 1\nscript_filename = /x\n", FormatSlowlog},
		{"2026/11/21 16:47:01 [notice] 1#1: x\n", FormatNginx},
		{"[Sat Nov 21 16:47:01 2026] [notice] x\n", FormatApache},
		// A sample cut mid-line, mostly nginx with some junk.
		{"e: \"x\"\n2026/11/21 16:47:01 [error] 1#1: a\nStack trace:\n#0 {main}\n2026/11/21 16:47:02 [error] 1#1: b\n", FormatNginx},
	}
	for _, tt := range tests {
		if got := Detect([]byte(tt.sample)); got != tt.want {
			t.Errorf("Detect(%q) = %v, want %v", tt.sample, got, tt.want)
		}
	}
}
