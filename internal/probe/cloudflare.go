package probe

import (
	"net/http"
	"regexp"
	"strconv"
)

func cloudflareHeader(h http.Header) bool {
	return serverHas(h, "cloudflare") || anyHeader(h, "Cf-Ray")
}

// cloudflareCodes are the statuses only Cloudflare generates, with what
// each says about the origin.
var cloudflareCodes = map[int]string{
	520: "the origin returned an empty, unknown or unexpected answer",
	521: "the origin web server refused the connection (web server is down)",
	522: "the TCP connection to the origin timed out",
	523: "the origin is unreachable (no route, or bad origin DNS record)",
	524: "the origin accepted the connection but sent no HTTP answer in time (about 100 s)",
	525: "the TLS handshake between Cloudflare and the origin failed",
	526: "the origin's TLS certificate is invalid",
	527: "the Railgun connection to the origin failed",
	530: "Cloudflare could not resolve or reach the origin (see the 1xxx error code)",
}

var cfErrorCode = regexp.MustCompile(`(?i)cf-error-code">\s*(\d{3,4})\s*<|error code:? (\d{3,4})`)

func cloudflarePage(p *page, viaHeader bool) (string, bool) {
	branded := p.has("cf-error-details", "cloudflare ray id", "<center>cloudflare</center>")
	if !viaHeader && !branded {
		return "", false
	}
	code := ""
	if m := cfErrorCode.FindStringSubmatch(p.text); m != nil {
		code = m[1] + m[2]
	}
	if why, ok := cloudflareCodes[p.status]; ok {
		r := "Cloudflare " + strconv.Itoa(p.status) + ": " + why
		if code != "" && code != strconv.Itoa(p.status) {
			r += " (error " + code + ")"
		}
		return r, true
	}
	if branded || p.has("cf-wrapper", "cf-error-code") {
		r := "Cloudflare's own " + strconv.Itoa(p.status) + " page"
		if t := p.title(); t != "" {
			r += " (" + t + ")"
		}
		if code != "" && code != strconv.Itoa(p.status) {
			r += ", error " + code
		}
		if p.status == 502 || p.status == 504 {
			r += ": Cloudflare-branded, so the failure is reported by Cloudflare rather than passed through from the origin"
		}
		return r, true
	}
	return "", false
}
