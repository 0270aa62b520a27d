package logs

import (
	"fmt"
	"strings"
	"testing"
)

func TestAggregatorGroups(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 100; i++ {
		fmt.Fprintf(&b, "[21-Nov-2026 16:%02d:01 UTC] PHP Deprecated:  Creation of dynamic property WP_Block_Type::$x%d is deprecated in /srv/x/wp-includes/class-wp-block-type.php on line %d\n", i%60, i, 300+i)
	}
	b.WriteString("[21-Nov-2026 16:47:01 UTC] PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /srv/x/wp-content/plugins/big/big.php on line 5\n")
	b.WriteString("[21-Nov-2026 16:48:01 UTC] PHP Fatal error:  Allowed memory size of 268435456 bytes exhausted (tried to allocate 4096 bytes) in /srv/x/wp-content/plugins/big/lib/x.php on line 9\n")
	b.WriteString("[21-Nov-2026 16:49:01 UTC] PHP Fatal error:  Allowed memory size of 268435456 bytes exhausted (tried to allocate 4096 bytes) in /srv/x/wp-content/themes/t/f.php on line 9\n")
	a, err := Summarize(t.Context(), strings.NewReader(b.String()), FormatPHP, Options{}, StandardLayout("/srv/x"), AggregateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Total() != 103 {
		t.Errorf("total = %d", a.Total())
	}
	gs := a.Groups()
	if len(gs) != 3 {
		for _, g := range gs {
			t.Log(g.Signature(), g.Count)
		}
		t.Fatalf("got %d groups", len(gs))
	}
	if gs[0].Severity != SevCritical || gs[0].Count != 2 || gs[0].Component.ID() != "plugin:big" ||
		gs[0].Template != "Allowed memory size of N bytes exhausted (tried to allocate N bytes)" {
		t.Errorf("first group = %s count %d", gs[0].Signature(), gs[0].Count)
	}
	if !gs[0].First.Equal(utc("2026-11-21T16:47:01Z")) || !gs[0].Last.Equal(utc("2026-11-21T16:48:01Z")) || len(gs[0].Samples) != 2 {
		t.Errorf("first/last/samples = %v %v %d", gs[0].First, gs[0].Last, len(gs[0].Samples))
	}
	if gs[1].Component.ID() != "theme:t" || gs[1].Count != 1 {
		t.Errorf("second group = %s", gs[1].Signature())
	}
	dep := gs[2]
	if dep.Kind != KindPHPDeprecated || dep.Count != 100 || dep.Component.ID() != "core" || len(dep.Samples) != 3 ||
		dep.Template != "Creation of dynamic property WP_Block_Type::$xN is deprecated" {
		t.Errorf("deprecations = %s count %d samples %d", dep.Signature(), dep.Count, len(dep.Samples))
	}
	if !dep.First.Equal(utc("2026-11-21T16:00:01Z")) || !dep.Last.Equal(utc("2026-11-21T16:59:01Z")) {
		t.Errorf("deprecation first/last = %v %v", dep.First, dep.Last)
	}
}

func TestAggregatorEmbeddedSignature(t *testing.T) {
	text := `2026/11/21 16:47:11 [error] 1#1: *25 FastCGI sent in stderr: "PHP message: PHP Warning:  w in /srv/x/wp-content/themes/k/h.php on line 4; PHP message: PHP Fatal error:  Uncaught Error: Call to undefined function wpd_nope() in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php:12" while reading response header from upstream, client: 1.2.3.4
2026/11/21 16:47:12 [error] 1#1: *26 FastCGI sent in stderr: "PHP message: PHP Fatal error:  Uncaught Error: Call to undefined function wpd_nope() in /srv/x/wp-content/plugins/wpd-fatal/wpd-fatal.php:12" while reading response header from upstream, client: 1.2.3.4`
	a, err := Summarize(t.Context(), strings.NewReader(text), FormatNginx, Options{}, StandardLayout("/srv/x"), AggregateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	gs := a.Groups()
	if len(gs) != 1 || gs[0].Count != 2 || gs[0].Severity != SevCritical || gs[0].Kind != KindFastCGIStderr ||
		gs[0].Signature() != "fastcgi-stderr|plugin:wpd-fatal|Uncaught Error: Call to undefined function wpd_nope()" {
		t.Fatalf("groups = %+v", gs)
	}
}

func TestAggregatorBounded(t *testing.T) {
	a := NewAggregator(StandardLayout("/srv/x"), AggregateOptions{MaxGroups: 10, MaxSamples: 2, MaxSampleBytes: 100})
	long := strings.Repeat("y", 10_000)
	for i := 0; i < 1000; i++ {
		e := Event{Format: FormatPHP, Kind: KindMessage, Severity: SevInfo,
			Message: fmt.Sprintf("unique %c%c message %s", 'a'+i%26, 'a'+i/26%26, long), Raw: long}
		a.Add(e)
	}
	gs := a.Groups()
	if len(gs) != 11 {
		t.Fatalf("got %d groups, want 10 + 1 overflow", len(gs))
	}
	var overflow *Group
	total := 0
	for i := range gs {
		total += gs[i].Count
		if gs[i].Overflow {
			overflow = &gs[i]
		}
		if len(gs[i].Samples) > 2 || len(gs[i].Template) > maxTemplate {
			t.Errorf("group %d unbounded: %d samples, template %d", i, len(gs[i].Samples), len(gs[i].Template))
		}
		for _, s := range gs[i].Samples {
			if len(s.Raw) > 100 || len(s.Message) > 100 || !s.Truncated {
				t.Errorf("sample not cut: raw %d msg %d", len(s.Raw), len(s.Message))
			}
		}
	}
	if overflow == nil || total != 1000 {
		t.Errorf("overflow %v, total %d", overflow, total)
	}
}

func TestAppendTemplate(t *testing.T) {
	tests := map[string]string{
		"Allowed memory size of 134217728 bytes exhausted": "Allowed memory size of N bytes exhausted",
		"at 0x7f3a2c813f40 and 0xZZ":                       "at N and NxZZ",
		"line one\nline two":                               "line one",
		"php8.2-fpm.sock":                                  "phpN.N-fpm.sock",
		"":                                                 "",
		strings.Repeat("é", 150):                           strings.Repeat("é", 100),
	}
	for in, want := range tests {
		if got := string(appendTemplate(nil, in)); got != want {
			t.Errorf("appendTemplate(%q) = %q, want %q", in, got, want)
		}
	}
}
