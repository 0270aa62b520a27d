package checks

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// memoryAvailable reads /proc/meminfo (a file: no shell needed).
var memoryAvailable = Check{
	ID: "memory", Title: "Memory available on the server", Needs: NeedFiles,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		b, err := e.FS.ReadFile(ctx, "/proc/meminfo")
		if err != nil {
			return []diag.Finding{{Severity: diag.Info, Skipped: true, Summary: "could not run: /proc/meminfo is not readable"}}
		}
		total, avail := meminfo(b, "MemTotal"), meminfo(b, "MemAvailable")
		if total == 0 {
			return nil
		}
		f := diag.Finding{Severity: diag.Info, Summary: fmt.Sprintf("%d MiB of %d MiB memory available", avail>>10, total>>10),
			Evidence: []diag.Evidence{{Source: "/proc/meminfo", Text: fmt.Sprintf("MemTotal %d kB, MemAvailable %d kB", total, avail)}}}
		if avail*20 < total || avail < 100<<10 {
			f.Severity = diag.Warning
			f.Summary = "the server is nearly out of memory: " + f.Summary + "; PHP-FPM workers may be killed (502) or fail to start"
			f.Fix = "Free memory or add it; lower pm.max_children so that workers × memory_limit fits."
		}
		return []diag.Finding{f}
	},
}

func meminfo(b []byte, key string) int64 {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == key+":" {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	return 0
}

// oomKills looks for the kernel's OOM killer in its log. A kernel log the
// account may not read is "could not run", never "no OOM kills".
var oomKills = Check{
	ID: "oom-kills", Title: "Processes killed for lack of memory (OOM)", Needs: NeedShell,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		for _, src := range []string{"dmesg", "journalctl -k -q --no-pager -n 5000"} {
			// Readable means: it runs, and says something (a kernel log is
			// never empty; journalctl without a journal prints nothing).
			r, err := e.Shell.Run(ctx, src+" 2>/dev/null | head -c 64 | wc -c")
			if err != nil || !r.OK() || strings.TrimSpace(string(r.Stdout)) == "0" {
				continue
			}
			out, err := site.Output(ctx, e.Shell, src+" 2>/dev/null | grep -iE 'out of memory|oom-kill|killed process' | tail -n 5; true")
			if err != nil {
				continue
			}
			return oomFindings(strings.Fields(src)[0], string(out))
		}
		return []diag.Finding{{Severity: diag.Info, Skipped: true, Summary: "could not run: the kernel log (dmesg, journalctl -k) is not readable by this account"}}
	},
}

func oomFindings(src, out string) []diag.Finding {
	var ev []diag.Evidence
	for _, l := range strings.Split(out, "\n") {
		if strings.TrimSpace(l) != "" {
			ev = append(ev, diag.Evidence{Source: "kernel log (" + src + ")", Text: l})
		}
	}
	if len(ev) == 0 {
		return []diag.Finding{{Severity: diag.Info, Summary: "no OOM kills in the kernel log (" + src + ")"}}
	}
	return []diag.Finding{{Severity: diag.Error, Component: "server:oom",
		Summary:  "the kernel killed processes for lack of memory: PHP-FPM workers or MySQL dying this way answer 502",
		Evidence: ev, Fix: "Add memory or swap, lower pm.max_children, and find what uses the memory."}}
}

// diskSpace checks the file system that holds the site.
var diskSpace = Check{
	ID: "disk-space", Title: "Disk space", Needs: NeedShell,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		out, err := site.Output(ctx, e.Shell, "df -P "+site.Quote(e.Loc.ABSPATH)+" | tail -n 1")
		if err != nil {
			return []diag.Finding{{Severity: diag.Info, Skipped: true, Summary: "could not run: df failed: " + err.Error()}}
		}
		f := strings.Fields(string(out))
		if len(f) < 6 {
			return nil
		}
		pct, err := strconv.Atoi(strings.TrimSuffix(f[4], "%"))
		if err != nil {
			return nil
		}
		fd := diag.Finding{Severity: diag.Info, Summary: fmt.Sprintf("%s is %d%% full (%s)", f[5], pct, f[0]),
			Evidence: []diag.Evidence{{Source: "df", Text: strings.TrimSpace(string(out))}}}
		switch {
		case pct >= 99:
			fd.Severity, fd.Cause = diag.Critical, true
			fd.Summary = "the disk is full: " + fd.Summary + "; PHP, MySQL and logs fail to write"
			fd.Fix = "Free space (old backups, logs, caches) now."
		case pct >= 90:
			fd.Severity = diag.Warning
			fd.Summary = "the disk is almost full: " + fd.Summary
			fd.Fix = "Free space before it fills up."
		}
		return []diag.Finding{fd}
	},
}

// phpMemoryLimit reports PHP's memory_limit and whether scripts hit it.
var phpMemoryLimit = Check{
	ID: "php-memory-limit", Title: "PHP memory_limit", Needs: NeedFiles,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		var hits []logs.Event
		for _, ev := range e.Events {
			if ev.Kind == logs.KindPHPMemory {
				hits = append(hits, ev)
			}
			for _, sub := range ev.Embedded {
				if sub.Kind == logs.KindPHPMemory {
					hits = append(hits, sub)
				}
			}
		}
		var out []diag.Finding
		limit := ""
		if e.Server != nil && e.Server.HasPHP {
			m := e.Server.PHP.MemoryLimit
			limit = m.Raw
			if m.Value > 0 && m.Value < 64<<20 {
				out = append(out, diag.Finding{Severity: diag.Warning, Summary: "PHP memory_limit is only " + m.Raw + ": WordPress needs at least 64M, most sites 128M or more",
					Evidence: []diag.Evidence{{Source: "php configuration", Path: m.Pos.File, Line: m.Pos.Line, Text: "memory_limit = " + m.Raw}},
					Fix:      "Raise memory_limit to 128M or 256M (php.ini or the pool's php_admin_value[memory_limit])."})
			}
		}
		if len(hits) > 0 {
			s := "PHP scripts run out of memory"
			if limit != "" {
				s += " (memory_limit " + limit + ")"
			}
			out = append(out, diag.Finding{Severity: diag.Error, Summary: s, Evidence: eventEvidence(hits, 2),
				Fix: "Find what allocates so much (the file in the evidence); raise memory_limit only if the need is legitimate."})
		} else if limit != "" && len(out) == 0 {
			out = append(out, diag.Finding{Severity: diag.Info, Summary: "PHP memory_limit is " + limit})
		}
		return out
	},
}
