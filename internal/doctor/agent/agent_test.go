package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// phpSite serves testdata/router.php (a stand-in for WordPress that loads
// the must-use plugins) with PHP's built-in web server.
type phpSite struct {
	dir string
	url string
}

func startPHP(t *testing.T) *phpSite {
	t.Helper()
	php, err := exec.LookPath("php")
	if err != nil {
		t.Skip("php is not installed")
	}
	dir := t.TempDir()
	router, err := os.ReadFile("testdata/router.php")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "router.php"), router, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "mu-plugins"), 0o755); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, php, "-S", addr, "-t", dir, filepath.Join(dir, "router.php"))
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	s := &phpSite{dir: dir, url: "http://" + addr + "/"}
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return s
		}
		if i > 100 {
			t.Fatalf("php -S did not start: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *phpSite) place(t *testing.T, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(s.dir, "mu-plugins", FileName("test")), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// seen is what the stand-in WordPress saw in one request.
type seen struct {
	Plugins    []string        `json:"plugins"`
	Sitewide   []string        `json:"sitewide"`
	Template   string          `json:"template"`
	Stylesheet string          `json:"stylesheet"`
	Written    map[string]bool `json:"written"`
	Agent      int             `json:"agent"`
	Active     *int            `json:"active"`
	Network    *int            `json:"network"`
	header     string          // the X-WPDoctor-Agent answer
}

func (s *phpSite) get(t *testing.T, h http.Header) seen {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header = h
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var v seen
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("answer %d: %v\n%s", resp.StatusCode, err, body)
	}
	v.header = resp.Header.Get(HeaderAgent)
	return v
}

var untouched = []string{"a/a.php", "b/b.php", "c/c.php"}

func TestAgentFiltersOnlyWithTheSecret(t *testing.T) {
	site := startPHP(t)
	sec := NewSecret()
	file, err := Render(sec, Options{Expires: time.Now().Add(time.Hour), Fallback: "twentytwentyfour"})
	if err != nil {
		t.Fatal(err)
	}
	site.place(t, file)
	wrong := NewSecret()
	for _, c := range []struct {
		name string
		h    http.Header
	}{
		{"no secret", Secret("").Header(Probe{Plugins: []string{"a/a.php"}, ThemeOff: true})},
		{"wrong secret", wrong.Header(Probe{Plugins: []string{"a/a.php"}, ThemeOff: true, Ping: true})},
		{"the hash as the secret", Secret(sec.Hash()).Header(Probe{Plugins: []string{"a/a.php"}})},
		{"a prefix of the secret", Secret(string(sec)[:32]).Header(Probe{Plugins: []string{"a/a.php"}})},
		{"no header at all", http.Header{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "no secret" {
				c.h.Del(HeaderSecret)
			}
			v := site.get(t, c.h)
			if !slices.Equal(v.Plugins, untouched) || v.Template != "parent" || v.Stylesheet != "child" || len(v.Sitewide) != 2 {
				t.Errorf("the site was changed for a request without the secret: %+v", v)
			}
			if v.header != "" || v.Agent != 0 {
				t.Errorf("the agent answered a request without the secret (header %q)", v.header)
			}
			if !v.Written["active_plugins"] || !v.Written["template"] {
				t.Errorf("writes were blocked for a request without the secret: %v", v.Written)
			}
		})
	}

	t.Run("probe", func(t *testing.T) {
		v := site.get(t, sec.Header(Probe{Plugins: []string{"a/a.php", "c/c.php"}}))
		if !slices.Equal(v.Plugins, []string{"a/a.php", "c/c.php"}) || v.header != "1" {
			t.Errorf("plugins %v (agent %q), want a and c", v.Plugins, v.header)
		}
		if !slices.Equal(v.Sitewide, []string{"a/a.php"}) {
			t.Errorf("sitewide %v, want a only", v.Sitewide)
		}
		if v.Template != "parent" || v.Stylesheet != "child" {
			t.Errorf("theme %s/%s changed without being asked", v.Template, v.Stylesheet)
		}
		for k, w := range v.Written {
			if w {
				t.Errorf("a probe request wrote %s", k)
			}
		}
	})
	t.Run("nothing is switched on", func(t *testing.T) {
		v := site.get(t, sec.Header(Probe{Plugins: []string{"b/b.php", "inactive/inactive.php", "evil/evil.php", "n/n.php"}}))
		if !slices.Equal(v.Plugins, []string{"b/b.php"}) || !slices.Equal(v.Sitewide, []string{"n/n.php"}) {
			t.Errorf("plugins %v sitewide %v, want b and n only", v.Plugins, v.Sitewide)
		}
	})
	t.Run("all off", func(t *testing.T) {
		v := site.get(t, sec.Header(Probe{Plugins: []string{}}))
		if len(v.Plugins) != 0 || len(v.Sitewide) != 0 {
			t.Errorf("plugins %v sitewide %v, want none", v.Plugins, v.Sitewide)
		}
	})
	t.Run("secret alone", func(t *testing.T) {
		v := site.get(t, sec.Header(Probe{}))
		if !slices.Equal(v.Plugins, untouched) || v.Written["active_plugins"] {
			t.Errorf("plugins %v written %v: want all, unwritten", v.Plugins, v.Written)
		}
	})
	t.Run("theme off", func(t *testing.T) {
		v := site.get(t, sec.Header(Probe{ThemeOff: true}))
		if v.Template != "twentytwentyfour" || v.Stylesheet != "twentytwentyfour" {
			t.Errorf("theme %s/%s, want the fallback", v.Template, v.Stylesheet)
		}
	})
	t.Run("ping", func(t *testing.T) {
		v := site.get(t, sec.Header(Probe{Plugins: []string{"c/c.php", "n/n.php"}, Ping: true}))
		if v.Agent != 1 || v.Active == nil || *v.Active != 1 || v.Network == nil || *v.Network != 1 || v.header != "1" || v.Plugins != nil {
			t.Errorf("ping answer %+v (active %v, network %v), want the agent's own with 1 active and 1 network-activated", v, v.Active, v.Network)
		}
	})
}

// Issue 12, per-request debug logging: a probe request's PHP errors go to
// the run's private log (and the answer says the log was in force), a
// visitor's request logs nothing there and gets no agent header.
func TestAgentLogsProbeRequestsOnly(t *testing.T) {
	site := startPHP(t)
	sec := NewSecret()
	logPath := filepath.Join(site.dir, "wpdoctor-agent-test.log")
	file, err := Render(sec, Options{Expires: time.Now().Add(time.Hour), Log: logPath})
	if err != nil {
		t.Fatal(err)
	}
	site.place(t, file)
	get := func(h http.Header) http.Header { // the answer's headers
		req, _ := http.NewRequest(http.MethodGet, site.url+"?warn=1", nil)
		req.Header = h
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
		return resp.Header
	}
	if got := get(http.Header{}).Get(HeaderLog); got != "" {
		t.Errorf("a visitor's request got %s: %q", HeaderLog, got)
	}
	if b, err := os.ReadFile(logPath); err == nil {
		t.Fatalf("a visitor's request wrote the run's log: %s", b)
	}
	if got := get(sec.Header(Probe{})).Get(HeaderLog); got != "1" {
		t.Errorf("%s = %q, want 1", HeaderLog, got)
	}
	b, err := os.ReadFile(logPath)
	if err != nil || !strings.Contains(string(b), "PHP Warning:  wpd router warning") {
		t.Errorf("the probe's warning is not in the run's log: %v\n%s", err, b)
	}
	for _, bad := range []string{"relative.log", "/tmp/it's.log", "/tmp/a/../../etc/x.log"} {
		if _, err := Render(sec, Options{Expires: time.Now(), Log: bad}); err == nil {
			t.Errorf("log path %q accepted", bad)
		}
	}
}

func TestAgentExpires(t *testing.T) {
	site := startPHP(t)
	sec := NewSecret()
	file, err := Render(sec, Options{Expires: time.Now().Add(-time.Second), Fallback: "twentytwentyfour"})
	if err != nil {
		t.Fatal(err)
	}
	site.place(t, file)
	v := site.get(t, sec.Header(Probe{Plugins: []string{}, ThemeOff: true}))
	if !slices.Equal(v.Plugins, untouched) || v.Template != "parent" || v.header != "" || !v.Written["active_plugins"] {
		t.Errorf("an expired agent changed the request: %+v", v)
	}
}

func TestRenderHoldsNoSecret(t *testing.T) {
	sec := NewSecret()
	file, err := Render(sec, Options{Expires: time.Unix(1800000000, 0)})
	if err != nil {
		t.Fatal(err)
	}
	s := string(file)
	if strings.Contains(s, string(sec)) || !strings.Contains(s, sec.Hash()) || !strings.Contains(s, "'1800000000'") {
		t.Errorf("the agent file must hold the hash and the expiry, never the secret")
	}
	if strings.Contains(s, "{{") {
		t.Error("a placeholder was left in the agent file")
	}
	if fmt.Sprint(sec) != "[secret]" || fmt.Sprintf("%v", sec) == string(sec) {
		t.Error("a Secret prints itself")
	}
	if _, err := Render(sec, Options{Expires: time.Now(), Fallback: "x'; evil();'"}); err == nil {
		t.Error("a fallback theme name with quotes was accepted")
	}
	if _, err := Render("short", Options{Expires: time.Now()}); err == nil {
		t.Error("a short secret was accepted")
	}
	if php, err := exec.LookPath("php"); err == nil {
		p := filepath.Join(t.TempDir(), FileName("lint"))
		if err := os.WriteFile(p, file, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(php, "-l", p).CombinedOutput(); err != nil {
			t.Errorf("php -l: %v\n%s", err, out)
		}
	}
}
