package serverconf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/nginx"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/phpconf"
)

// Finding IDs of CheckHeaderBuffer, CheckSocket and CheckMaxChildren.
const (
	IDHeaderTooBig     = "buffer.header-too-big"
	IDHeaderNearLimit  = "buffer.header-near-limit"
	IDSocketNoPool     = "socket.no-pool"
	IDSocketVariable   = "socket.variable"
	IDMaxChildren      = "fpm.max-children"
	IDMaxChildrenFull  = "fpm.max-children-reached"
	fastcgiRecordBytes = 8 // FastCGI record header in front of the response
)

// CheckHeaderBuffer compares the size of the response headers a site
// was seen sending (headerBytes, e.g. measured by an HTTP probe) with the
// backend's buffer for them (fastcgi_buffer_size / proxy_buffer_size).
// Headers that do not fit make nginx answer 502 and log "upstream sent
// too big header while reading response header from upstream". For
// FastCGI the buffer also holds the record framing and any PHP warnings
// sent on stderr before the headers, so a fit within a quarter of the
// buffer is reported as near the limit.
func CheckHeaderBuffer(b *nginx.Backend, headerBytes int) []Finding {
	if b == nil || headerBytes <= 0 {
		return nil
	}
	need := int64(headerBytes)
	if b.Module == "fastcgi" {
		need += fastcgiRecordBytes
	}
	size := b.BufferSize.Value
	name := b.Module + "_buffer_size"
	ev := []Evidence{evidence(name, b.BufferSize), evidence(b.Module+"_buffers", b.Buffers),
		{Name: "observed response header bytes", Value: strconv.Itoa(headerBytes)}}
	fix := suggestBuffers(b.Module, need)
	switch {
	case need > size:
		msg := fmt.Sprintf("the site sends %d bytes of response headers but nginx's %s is %s (%s): nginx answers 502 Bad Gateway and logs \"upstream sent too big header while reading response header from upstream\". %s",
			headerBytes, name, fmtSize(size), b.BufferSize.Where(), fix)
		return []Finding{{ID: IDHeaderTooBig, Severity: SeverityError, Message: msg, Evidence: ev,
			LogKinds: []string{"upstream-header-too-big"}}}
	case need > size*3/4:
		msg := fmt.Sprintf("the site sends %d bytes of response headers, close to nginx's %s of %s (%s): a few more cookies or PHP warnings before the headers and nginx answers 502 (\"upstream sent too big header\"). %s",
			headerBytes, name, fmtSize(size), b.BufferSize.Where(), fix)
		return []Finding{{ID: IDHeaderNearLimit, Severity: SeverityWarning, Message: msg, Evidence: ev,
			LogKinds: []string{"upstream-header-too-big"}}}
	}
	return nil
}

// suggestBuffers proposes a buffer size (a power of two at least twice
// what is needed, 16k at least) and matching buffers that nginx accepts
// (busy_buffers_size, 2 × buffer by default, must stay below all the
// buffers minus one).
func suggestBuffers(module string, need int64) string {
	size := int64(16 << 10)
	for size < 2*need {
		size *= 2
	}
	bufs := max(int64(16<<10), size/4) // 15 × size/4 > 2 × size: busy buffers fit
	return fmt.Sprintf("A setting that fits: %s_buffer_size %s; %s_buffers 16 %s;", module, fmtSize(size), module, fmtSize(bufs))
}

// CheckSocket checks that every target the backend passes PHP requests to
// is where some PHP-FPM pool listens. A missing match makes nginx answer
// 502, logging "connect() to unix:... failed (2: No such file or
// directory)" for a socket (or 111 if a stale socket file remains) and
// "connect() failed (111: Connection refused)" for TCP. A target with a
// variable cannot be checked and is reported as info. With no pools
// known there is nothing to compare and no finding.
func CheckSocket(b *nginx.Backend, pools []*phpconf.Pool) []Finding {
	if b == nil || b.Module != "fastcgi" || len(pools) == 0 {
		return nil
	}
	var listens []string
	var poolEv []Evidence
	for _, p := range pools {
		listens = append(listens, fmt.Sprintf("[%s] %s", p.Name, p.ListenOn))
		poolEv = append(poolEv, evidence("listen ["+p.Name+"]", p.Listen))
	}
	var out []Finding
	for _, t := range b.Targets {
		tev := Evidence{Name: b.Module + "_pass", Value: t.String(), Pos: t.Pos}
		if t.Variable {
			out = append(out, Finding{ID: IDSocketVariable, Severity: SeverityInfo,
				Message:  fmt.Sprintf("fastcgi_pass %s (%s) uses a variable; where it connects cannot be checked from the configuration.", t.Address, t.Pos),
				Evidence: []Evidence{tev}})
			continue
		}
		if MatchPool(t, pools) != nil {
			continue
		}
		var msg string
		kinds := []string{"upstream-refused"}
		if t.Network == "unix" {
			msg = fmt.Sprintf("nginx passes PHP requests to unix:%s (%s) but no PHP-FPM pool listens there (pools: %s): nginx answers 502 and logs \"connect() to unix:%s failed (2: No such file or directory)\", or (111: Connection refused) if a stale socket file is left.",
				t.Address, t.Pos, strings.Join(listens, ", "), t.Address)
			kinds = []string{"upstream-no-socket", "upstream-refused"}
		} else {
			msg = fmt.Sprintf("nginx passes PHP requests to %s (%s) but no PHP-FPM pool listens there (pools: %s): nginx answers 502 and logs \"connect() failed (111: Connection refused) while connecting to upstream\".",
				t.Address, t.Pos, strings.Join(listens, ", "))
		}
		if t.Backup || t.Down {
			msg += " (The target is a backup or down server of its upstream.)"
		}
		out = append(out, Finding{ID: IDSocketNoPool, Severity: SeverityError, Message: msg,
			Evidence: append([]Evidence{tev}, poolEv...), LogKinds: kinds})
	}
	return out
}

// CheckMaxChildren reports a pool's pm.max_children and whether "server
// reached pm.max_children setting" is plausible: running is the number
// of the pool's workers seen in the process list (-1 when unknown). At
// the limit now → warning; a small limit (≤ 5, FPM's shipped default) or
// no request_terminate_timeout (stuck workers are never reclaimed) →
// info marked plausible.
func CheckMaxChildren(pool *phpconf.Pool, running int) []Finding {
	if pool == nil {
		return nil
	}
	mc := pool.MaxChildren
	ev := []Evidence{evidence("pm.max_children", mc), evidence("pm", pool.PM),
		evidence("request_terminate_timeout", pool.RequestTerminateTimeout)}
	if running >= 0 {
		ev = append(ev, Evidence{Name: "running workers", Value: strconv.Itoa(running)})
	}
	kinds := []string{"workers-exhausted"}
	if running >= 0 && mc.Value > 0 && running >= mc.Value {
		return []Finding{{ID: IDMaxChildrenFull, Severity: SeverityWarning, Evidence: ev, LogKinds: kinds,
			Message: fmt.Sprintf("pool [%s] runs %d workers, its pm.max_children (%d, %s): new requests wait in the listen queue and FPM logs \"server reached pm.max_children setting\"; nginx answers 504 if they wait past fastcgi_read_timeout, or 502 if the queue overflows.",
				pool.Name, running, mc.Value, mc.Where())}}
	}
	var why []string
	if mc.Value > 0 && mc.Value <= 5 {
		why = append(why, "the limit is small")
	}
	if pool.RequestTerminateTimeout.Value == 0 {
		why = append(why, "request_terminate_timeout is off, so hung workers are never reclaimed")
	}
	msg := fmt.Sprintf("pool [%s]: pm = %s, pm.max_children = %d (%s).", pool.Name, pool.PM.Value, mc.Value, mc.Where())
	if len(why) > 0 {
		msg += " Reaching pm.max_children is plausible: " + strings.Join(why, "; ") + "."
	}
	return []Finding{{ID: IDMaxChildren, Severity: SeverityInfo, Message: msg, Evidence: ev, LogKinds: kinds}}
}
