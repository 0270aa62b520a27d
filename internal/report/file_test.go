package report

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/diag"
)

// Issue 14, defect 1: a report with a name WriteFile cannot write leaves the
// file it names as it was (it used to be truncated to 0 bytes), and a good
// one replaces the file whole, leaving no temporary file behind.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	victim := filepath.Join(dir, "wp-config.php")
	if err := os.WriteFile(victim, []byte("<?php define('DB_NAME','x');"), 0o640); err != nil {
		t.Fatal(err)
	}
	rep := &diag.Report{URL: "http://example.test", Verdict: diag.Verdict{Kind: diag.KindHealthy}, Restored: true}
	if err := WriteFile(victim, rep); err == nil || !strings.Contains(err.Error(), ".md or .html") {
		t.Errorf("WriteFile(.php) = %v, want the name refused", err)
	}
	if b, _ := os.ReadFile(victim); !strings.Contains(string(b), "DB_NAME") {
		t.Errorf("wp-config.php is now %q", b)
	}
	md := filepath.Join(dir, "report.md")
	if err := os.WriteFile(md, []byte("old report, much longer than the new one would ever be ..."+strings.Repeat("x", 10000)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(md, rep); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(md)
	if !strings.HasPrefix(string(b), "# wpdoctor report") || strings.Contains(string(b), "old report") {
		t.Errorf("report.md = %.80q", b)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want wp-config.php and report.md only", names)
	}
	if err := CheckName("x.HTML"); err != nil {
		t.Errorf("CheckName(x.HTML) = %v", err)
	}
}

// Issue 14, defect 14: after a bisection the text report never says to run
// with --auto-bisect.
func TestTextNoNextAfterBisect(t *testing.T) {
	rep := &diag.Report{Verdict: diag.Verdict{Kind: diag.KindUnknown, RecommendBisect: true}, Restored: true}
	var before strings.Builder
	if err := Text(&before, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(before.String(), "--auto-bisect") {
		t.Fatalf("without a bisection the report should recommend one: %q", before.String())
	}
	rep.Bisect = &diag.Bisect{Strategy: "db"}
	var after strings.Builder
	if err := Text(&after, rep); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(after.String(), "--auto-bisect") {
		t.Errorf("after a bisection: %q", after.String())
	}
}

// Issue 15: text, Markdown and HTML reports give each bisect stage's time
// and the part of it spent waiting on the site, as the JSON does.
func TestStageTimesInEveryFormat(t *testing.T) {
	rep := &diag.Report{Restored: true, Bisect: &diag.Bisect{Strategy: "db", Stages: []diag.BisectStage{
		{Name: "plugins", Candidates: 16, Probes: 5, Outcome: "found", Culprits: []string{"plugin:crash"}, Millis: 4230, SiteMillis: 3910},
	}}}
	for name, render := range map[string]func(io.Writer, *diag.Report) error{"text": Text, "markdown": Markdown, "html": HTML} {
		var b strings.Builder
		if err := render(&b, rep); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "4.2 s (3.9 s on the site)") {
			t.Errorf("%s report has no stage time:\n%s", name, b.String())
		}
	}
}

// Probes sent to the origin directly past a CDN say so in every format.
func TestOriginProbesInEveryFormat(t *testing.T) {
	rep := &diag.Report{Restored: true, Probes: []diag.ProbeResult{
		{URL: "https://shop.test/", Requests: 3, Failures: 3, CDN: "cloudflare"},
		{URL: "https://shop.test/", Requests: 3, Failures: 3, Origin: "192.0.2.7:443"},
	}}
	for name, render := range map[string]func(io.Writer, *diag.Report) error{"text": Text, "markdown": Markdown, "html": HTML} {
		var b strings.Builder
		if err := render(&b, rep); err != nil {
			t.Fatal(err)
		}
		if strings.Count(b.String(), "origin, directly at 192.0.2.7:443") != 1 {
			t.Errorf("%s report does not mark the origin's probes once:\n%s", name, b.String())
		}
	}
}
