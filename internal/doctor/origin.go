package doctor

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/probe"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/nginx"
	"github.com/wpdoctor/wpdoctor/internal/serverfacts"
)

// A CDN's own error page is evidence about the hop behind it, not a
// verdict: Cloudflare's 502 page says the origin failed it, not that
// Cloudflare did. When the site answers with one, the session reaches the
// origin directly — at the address the web server block that serves the
// site listens on, with the site's URL and Host — and:
//   - the origin fails too: the failure is the origin's; its answers are
//     the site's from then on, and every later probe (debug log, bisect)
//     goes to the origin directly, never waiting on the CDN's timeouts;
//   - the origin answers well: the CDN is to blame (verdict server:cdn-…);
//   - the origin cannot be reached: the verdict says so and rests on the
//     origin's logs.

// originTarget is where the origin of the site's URL listens.
type originTarget struct {
	connect  probe.ConnectTo
	insecure bool   // https to the origin: its certificate may be an origin-only one
	why      string // which block, which listen
}

// cdnOwnError returns the first answer that is a CDN's own error page.
func cdnOwnError(rs []probe.Result) *probe.Result {
	for i := range rs {
		if rs[i].Class == probe.ClassCDNError && !rs[i].OriginFault {
			return &rs[i]
		}
	}
	return nil
}

// originOf finds where the server block s (the one that serves siteURL)
// listens for the URL's scheme. host is the machine's address as
// wpdoctor reaches it, for a block listening on every address.
func originOf(s *nginx.Server, siteURL, host string) (originTarget, error) {
	if s == nil {
		return originTarget{}, fmt.Errorf("no nginx server block serving the site was found")
	}
	u, err := url.Parse(siteURL)
	if err != nil || u.Hostname() == "" {
		return originTarget{}, fmt.Errorf("the site's URL %q has no host", siteURL)
	}
	tls := u.Scheme == "https"
	port := u.Port()
	if port == "" {
		port = map[bool]string{true: "443", false: "80"}[tls]
	}
	var l *nginx.Listen
	for i := range s.Listen {
		c := &s.Listen[i]
		if c.Unix != "" || c.Port <= 0 || c.SSL != tls {
			continue
		}
		if l == nil || strconv.Itoa(c.Port) == port && strconv.Itoa(l.Port) != port {
			l = c
		}
	}
	if l == nil {
		return originTarget{}, fmt.Errorf("the server block at %s has no %s listen", s.Pos, u.Scheme)
	}
	addr := strings.Trim(serverfacts.ListenHost(*l, host), "[]")
	if addr == "" {
		return originTarget{}, fmt.Errorf("the server block at %s listens on every address, and the machine's address is not known", s.Pos)
	}
	to := net.JoinHostPort(addr, strconv.Itoa(l.Port))
	return originTarget{
		connect:  probe.ConnectTo{From: net.JoinHostPort(u.Hostname(), port), To: to},
		insecure: tls,
		why:      fmt.Sprintf("%s, where the nginx server block at %s listens (%s)", to, s.Pos, l.Raw),
	}, nil
}

// reachOrigin probes the origin directly when a CDN answered with its own
// error page (see above). It returns the status and failure rate the
// diagnosis goes on with.
func (r *Session) reachOrigin(ctx context.Context, status diag.Status, rate float64) (diag.Status, float64, error) {
	edge := cdnOwnError(r.results)
	if edge == nil {
		return status, rate, nil
	}
	var block *nginx.Server
	if r.server != nil {
		block = r.server.Server
	}
	o, err := originOf(block, r.url, machineHost(r.s.Target))
	if err != nil {
		r.originUnreached(edge, err)
		return status, rate, nil
	}
	r.ev.step(diag.StageProbe, fmt.Sprintf("%s answered with its own error page: probing the origin directly at %s", edge.CDN, o.why))
	p, err := r.newOriginProber(o)
	if err != nil {
		r.originUnreached(edge, err)
		return status, rate, nil
	}
	site := r.prober
	r.prober = p
	r.origin, err = r.probeEach(ctx, r.diagnosisURLs(ctx), "the origin, directly")
	r.originAt = o.connect.To
	oStatus, oRate := statusOf(r.origin)
	if err != nil || oStatus == diag.StatusHealthy {
		// The session goes on probing the site as visitors reach it.
		r.prober = site
		r.otherRequests += p.Requests()
		if err == nil {
			r.rep.Notes = append(r.rep.Notes, fmt.Sprintf("%s answered with its own error page (%s); reached directly at %s, the origin answers normally", edge.CDN, edge.Reason, o.why))
		}
		return status, rate, err
	}
	r.rep.Notes = append(r.rep.Notes, fmt.Sprintf("%s answered with its own error page (%s); reached directly at %s, the origin fails too (%s), so the failure is the origin's and every later probe goes to the origin directly",
		edge.CDN, edge.Reason, o.why, oStatus))
	r.otherRequests += site.Requests()
	r.edge, r.results, r.origin = r.results, r.origin, nil
	return oStatus, oRate, nil
}

// originUnreached records why the origin behind a CDN's own error page
// could not be probed.
func (r *Session) originUnreached(edge *probe.Result, err error) {
	r.originWhy = err.Error()
	r.ev.warn(diag.StageProbe, fmt.Sprintf("%s answered with its own error page, and the origin could not be reached directly: %v", edge.CDN, err))
	r.rep.Notes = append(r.rep.Notes, fmt.Sprintf("%s answered with its own error page (%s); the origin could not be reached directly (%v): pass --resolve HOST:PORT:ORIGIN-IP to probe it", edge.CDN, edge.Reason, err))
}

// newOriginProber returns a prober that reaches the origin directly; it is
// closed with the session.
func (r *Session) newOriginProber(o originTarget) (Prober, error) {
	if r.o.OriginProber != nil {
		return r.o.OriginProber(o.connect)
	}
	p, err := probe.New(probe.Options{Timeout: r.o.ProbeTimeout, ConnectTo: []probe.ConnectTo{o.connect}, InsecureSkipVerify: o.insecure})
	if err != nil {
		return nil, err
	}
	r.extraProbers = append(r.extraProbers, p)
	return p, nil
}
