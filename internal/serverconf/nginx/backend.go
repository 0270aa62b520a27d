package nginx

import (
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
)

// Backend is where a location passes requests (fastcgi_pass or
// proxy_pass) and the effective timeouts and buffers of that module.
type Backend struct {
	Module          string                      `json:"module"` // "fastcgi" or "proxy"
	Pass            conf.Setting[string]        `json:"pass"`
	Upstream        string                      `json:"upstream,omitempty"` // upstream block the pass names
	Targets         []conf.Target               `json:"targets"`
	ReadTimeout     conf.Setting[time.Duration] `json:"read_timeout"`
	SendTimeout     conf.Setting[time.Duration] `json:"send_timeout"`
	ConnectTimeout  conf.Setting[time.Duration] `json:"connect_timeout"`
	BufferSize      conf.Setting[int64]         `json:"buffer_size"`
	Buffers         conf.Setting[Buffers]       `json:"buffers"`
	BusyBuffersSize conf.Setting[int64]         `json:"busy_buffers_size"`
	Buffering       conf.Setting[bool]          `json:"buffering"`
	InterceptErrors conf.Setting[bool]          `json:"intercept_errors"`
	// Params are the effective fastcgi_param (or proxy_set_header)
	// directives: those of the innermost level that has any.
	Params []Param `json:"params,omitempty"`
}

// Buffers is the value of fastcgi_buffers / proxy_buffers.
type Buffers struct {
	Number int   `json:"number"`
	Size   int64 `json:"size"`
}

// Param is one fastcgi_param or proxy_set_header.
type Param struct {
	Name  string   `json:"name"`
	Value string   `json:"value"`
	Pos   conf.Pos `json:"pos,omitzero"`
}

func upstreams(http []*conf.Directive) map[string]*conf.Directive {
	m := map[string]*conf.Directive{}
	for _, d := range http {
		if d.Name == "upstream" && d.HasBlock && len(d.Args) > 0 {
			m[d.Args[0]] = d
		}
	}
	return m
}

func (c *Config) backend(module string, pass *conf.Directive, sc *scope, ups map[string]*conf.Directive) *Backend {
	b := &Backend{Module: module}
	b.Pass = conf.Setting[string]{Value: pass.Arg(0), Raw: pass.Arg(0), Pos: pass.Pos}
	b.Upstream, b.Targets = resolvePass(module, pass, ups)
	p := module + "_"
	b.ReadTimeout = timeSetting(sc.first(p+"read_timeout"), 60*time.Second, "60s")
	b.SendTimeout = timeSetting(sc.first(p+"send_timeout"), 60*time.Second, "60s")
	b.ConnectTimeout = timeSetting(sc.first(p+"connect_timeout"), 60*time.Second, "60s")
	page := c.Options.PageSize
	b.BufferSize = sizeSetting(sc.first(p+"buffer_size"), page, sizeRaw(page)) // nginx documents "4k|8k": one memory page
	b.Buffers = buffersSetting(sc.first(p+"buffers"), Buffers{8, page}, "8 "+sizeRaw(page))
	largest := max(b.BufferSize.Value, b.Buffers.Value.Size)
	b.BusyBuffersSize = sizeSetting(sc.first(p+"busy_buffers_size"), 2*largest, sizeRaw(2*largest))
	b.Buffering = flagSetting(sc.first(p+"buffering"), true)
	b.InterceptErrors = flagSetting(sc.first(p+"intercept_errors"), false)
	paramName := "fastcgi_param"
	if module == "proxy" {
		paramName = "proxy_set_header"
	}
	for _, d := range sc.get(paramName) {
		b.Params = append(b.Params, Param{Name: d.Arg(0), Value: d.Arg(1), Pos: d.Pos})
	}
	return b
}

// Param returns the effective value of a fastcgi_param / header (the
// last one set wins in FastCGI, as PHP sees it).
func (b *Backend) Param(name string) (Param, bool) {
	for i := len(b.Params) - 1; i >= 0; i-- {
		if b.Params[i].Name == name {
			return b.Params[i], true
		}
	}
	return Param{}, false
}

// resolvePass turns a fastcgi_pass / proxy_pass argument into targets,
// through an upstream block when it names one.
func resolvePass(module string, pass *conf.Directive, ups map[string]*conf.Directive) (string, []conf.Target) {
	arg := pass.Arg(0)
	if strings.Contains(arg, "$") {
		return "", []conf.Target{{Address: arg, Variable: true, Pos: pass.Pos}}
	}
	defPort := "80"
	if module == "proxy" {
		arg, defPort = stripScheme(arg)
	}
	if strings.HasPrefix(arg, "unix:") {
		return "", []conf.Target{{Network: "unix", Address: unixPath(arg), Pos: pass.Pos}}
	}
	if u, ok := ups[arg]; ok {
		return arg, upstreamTargets(u)
	}
	return "", []conf.Target{{Network: "tcp", Address: withPort(arg, defPort), Pos: pass.Pos}}
}

// stripScheme removes http:// or https:// and any URI part of a
// proxy_pass, returning the default port of the scheme.
func stripScheme(a string) (string, string) {
	port := "80"
	switch {
	case strings.HasPrefix(a, "http://"):
		a = a[len("http://"):]
	case strings.HasPrefix(a, "https://"):
		a, port = a[len("https://"):], "443"
	}
	if strings.HasPrefix(a, "unix:") {
		return a, port
	}
	if i := strings.IndexByte(a, '/'); i >= 0 {
		a = a[:i]
	}
	return a, port
}

// unixPath reads "unix:/path" or proxy_pass's "unix:/path:/uri".
func unixPath(a string) string {
	p := a[len("unix:"):]
	if i := strings.IndexByte(p, ':'); i >= 0 {
		p = p[:i]
	}
	return p
}

func withPort(hostport, def string) string {
	if _, _, err := net.SplitHostPort(hostport); err == nil {
		return hostport
	}
	return net.JoinHostPort(strings.Trim(hostport, "[]"), def)
}

func upstreamTargets(u *conf.Directive) []conf.Target {
	var out []conf.Target
	for _, d := range u.Block {
		if d.Name != "server" || len(d.Args) == 0 {
			continue
		}
		t := conf.Target{Upstream: u.Args[0], Pos: d.Pos}
		if strings.HasPrefix(d.Args[0], "unix:") {
			t.Network, t.Address = "unix", unixPath(d.Args[0])
		} else {
			t.Network, t.Address = "tcp", withPort(d.Args[0], "80")
		}
		for _, a := range d.Args[1:] {
			t.Backup = t.Backup || a == "backup"
			t.Down = t.Down || a == "down"
		}
		out = append(out, t)
	}
	return out
}

func timeSetting(d *conf.Directive, def time.Duration, defRaw string) conf.Setting[time.Duration] {
	if d == nil || len(d.Args) == 0 {
		return conf.DefaultSetting(def, defRaw)
	}
	v, err := ParseTime(d.Args[0])
	if err != nil {
		return conf.Setting[time.Duration]{Value: def, Raw: d.Args[0], Pos: d.Pos, Invalid: true}
	}
	return conf.Setting[time.Duration]{Value: v, Raw: d.Args[0], Pos: d.Pos}
}

func flagSetting(d *conf.Directive, def bool) conf.Setting[bool] {
	if d == nil || len(d.Args) == 0 {
		raw := "off"
		if def {
			raw = "on"
		}
		return conf.DefaultSetting(def, raw)
	}
	switch strings.ToLower(d.Args[0]) {
	case "on":
		return conf.Setting[bool]{Value: true, Raw: d.Args[0], Pos: d.Pos}
	case "off":
		return conf.Setting[bool]{Value: false, Raw: d.Args[0], Pos: d.Pos}
	}
	return conf.Setting[bool]{Value: def, Raw: d.Args[0], Pos: d.Pos, Invalid: true}
}

func buffersSetting(d *conf.Directive, def Buffers, defRaw string) conf.Setting[Buffers] {
	if d == nil {
		return conf.DefaultSetting(def, defRaw)
	}
	raw := strings.Join(d.Args, " ")
	if len(d.Args) == 2 {
		n, err1 := parseDigits(d.Args[0])
		sz, err2 := ParseSize(d.Args[1])
		if err1 == nil && err2 == nil && n > 0 && n < 1<<31 {
			return conf.Setting[Buffers]{Value: Buffers{int(n), sz}, Raw: raw, Pos: d.Pos}
		}
	}
	return conf.Setting[Buffers]{Value: def, Raw: raw, Pos: d.Pos, Invalid: true}
}

// sizeRaw writes a size the way nginx configurations do: "4k", "1m", or
// bytes.
func sizeRaw(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "m"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "k"
	}
	return strconv.FormatInt(n, 10)
}
