package checks

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"path"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// cdn reports a CDN in front of the site and whose fault its errors are.
var cdn = Check{
	ID: "cdn", Title: "CDN in front of the site", Needs: 0,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		for _, p := range e.Probes {
			if p.CDN == "" {
				continue
			}
			f := diag.Finding{Severity: diag.Info, Summary: fmt.Sprintf("the site is served through %s: pass --resolve %s to probe the origin directly", p.CDN, resolveHint(e.URL)),
				Evidence: []diag.Evidence{{Source: "http", Text: p.URL + ": " + p.Reason}}}
			if p.Failing() && !p.OriginFault {
				f.Severity = diag.Warning
				f.Summary = fmt.Sprintf("%s itself answers the error (%s): its connection to the origin fails, or it is down", p.CDN, p.Reason)
				f.Fix = "Probe the origin directly (--resolve); check the CDN's status and its origin settings (address, TLS mode, firewall allowing the CDN)."
			}
			return []diag.Finding{f}
		}
		return nil
	},
}

func resolveHint(siteURL string) string {
	u, err := url.Parse(siteURL)
	if err != nil {
		return "host:port:origin-ip"
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443"}[u.Scheme]
		if port == "" {
			port = "80"
		}
	}
	return u.Hostname() + ":" + port + ":ORIGIN_IP"
}

// dns checks that the site's name resolves to this server.
var dns = Check{
	ID: "dns", Title: "The domain resolves to this server", Needs: 0,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		u, err := url.Parse(e.URL)
		if err != nil || u.Hostname() == "" {
			return nil
		}
		host := u.Hostname()
		if net.ParseIP(host) != nil || host == "localhost" {
			return []diag.Finding{{Severity: diag.Info, Summary: "the site URL uses an address (" + host + "), not a name: nothing to resolve"}}
		}
		addrs, err := e.lookupHost(ctx, host)
		if err != nil {
			return []diag.Finding{{Severity: diag.Error, Cause: true, Component: "server:dns",
				Summary: host + " does not resolve: " + err.Error(), Fix: "Check the domain's DNS records (A/AAAA) and its registration."}}
		}
		f := diag.Finding{Severity: diag.Info, Summary: host + " resolves to " + strings.Join(addrs, ", ")}
		if e.NoShell != "" {
			return []diag.Finding{f}
		}
		out, err := site.Output(ctx, e.Shell, "hostname -I 2>/dev/null || hostname -i")
		if err != nil {
			return []diag.Finding{f}
		}
		mine := map[string]bool{}
		for _, a := range strings.Fields(string(out)) {
			mine[a] = true
		}
		for _, a := range addrs {
			if mine[a] {
				return []diag.Finding{f}
			}
		}
		cdnSeen := false
		for _, p := range e.Probes {
			cdnSeen = cdnSeen || p.CDN != ""
		}
		if !cdnSeen {
			f.Severity = diag.Warning
			f.Summary += fmt.Sprintf(", none of which is this server (%s): visitors may reach another server (DNS not updated after a move?) or a proxy", strings.TrimSpace(string(out)))
			f.Fix = "If the site moved, point its DNS records at this server; if a proxy or CDN fronts it, probe the origin with --resolve."
		}
		return []diag.Finding{f}
	},
}

// debugLogPublic checks whether an existing debug.log can be downloaded.
var debugLogPublic = Check{
	ID: "debug-log-public", Title: "debug.log readable over the web", Needs: NeedFiles | NeedHTTP,
	Run: func(ctx context.Context, e *Env) []diag.Finding {
		var out []diag.Finding
		for _, p := range debugLogCandidates(e) {
			if ok, _ := site.Exists(ctx, e.FS, p); !ok || !strings.HasPrefix(p, e.Loc.ABSPATH+"/") {
				continue
			}
			u := strings.TrimRight(e.URL, "/") + "/" + strings.TrimPrefix(p, e.Loc.ABSPATH+"/")
			res := e.Prober.Probe(ctx, u)
			if res.Status == 200 && len(res.Body) > 0 && (strings.Contains(string(res.Body), "PHP ") || strings.HasPrefix(string(res.Body), "[")) {
				out = append(out, diag.Finding{Severity: diag.Error, Component: "server:debug-log-public",
					Summary:  "the debug log " + p + " can be downloaded by anyone at " + u + ": it reveals paths, queries and sometimes credentials",
					Evidence: []diag.Evidence{{Source: "http", Text: fmt.Sprintf("GET %s → %d, %d bytes of log", u, res.Status, len(res.Body))}},
					Fix:      "Delete it, set WP_DEBUG_LOG to a path outside the document root, and deny *.log in the web server (location ~* \\.log$ { deny all; })."})
			}
		}
		return out
	},
}

func debugLogCandidates(e *Env) []string {
	var out []string
	if e.Config != nil {
		out = append(out, path.Join(e.Config.ContentDir, "debug.log"))
		if strings.HasPrefix(e.Config.DebugLog, "/") {
			out = append(out, e.Config.DebugLog)
		}
	}
	return out
}
