// Package agent is wpdoctor's probe agent: one must-use plugin, placed for
// the duration of a run, that switches plugins off (and the theme to a
// default one) only for the requests that carry the run's secret. Every
// other request sees the site exactly as it is.
//
// The agent can only switch components off: a probe names the active
// plugins it keeps, the agent intersects that with what is active. It
// blocks writes of the options it filters during probe requests, answers
// a ping before any plugin loads (to confirm it runs), and does nothing at
// all after its expiry time, so a file left behind by a crash is inert.
// Only the SHA-256 of the secret is written to the site.
package agent

import (
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/wpdoctor/wpdoctor/internal/journal"
)

//go:embed agent.php
var source string

// FilePrefix begins the agent's file name in the must-use plugins folder:
// WordPress loads must-use plugins in name order, so it loads first.
const FilePrefix = "000-wpdoctor-probe-agent-"

// FileName is the agent's file for one run: a name of its own, because
// opcache may serve a file at a reused path as it was compiled up to
// opcache.revalidate_freq ago — the previous run's agent, with the
// previous secret.
func FileName(run string) string { return FilePrefix + run + ".php" }

// Request and response headers.
const (
	HeaderSecret  = "X-WPDoctor-Probe"   // the run's secret
	HeaderPlugins = "X-WPDoctor-Plugins" // plugin files kept on, rawurlencoded, comma-separated
	HeaderTheme   = "X-WPDoctor-Theme"   // "off": the default theme instead of the active one
	HeaderPing    = "X-WPDoctor-Ping"    // answer before any plugin loads
	HeaderAgent   = "X-WPDoctor-Agent"   // response: the agent ran (probe requests only)
	HeaderLog     = "X-WPDoctor-Log"     // response: "1" when the request's PHP errors go to the run's log
)

// Secret is a run's secret: 32 random bytes, hex. It is sent in probe
// requests only, never written to the site, a journal or a report.
type Secret string

// NewSecret returns a fresh secret.
func NewSecret() Secret {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go ≥ 1.24)
	return Secret(hex.EncodeToString(b[:]))
}

// Hash is what the agent file holds: the secret's SHA-256, hex.
func (s Secret) Hash() string { return journal.SHA([]byte(s)) }

// String never shows the secret.
func (s Secret) String() string { return "[secret]" }

// themeSlug is what a theme folder name may be.
var themeSlug = regexp.MustCompile(`^[A-Za-z0-9._-]*$`)

// logPathRe is what a private log path may be to be written into the
// agent's PHP (inside single quotes): absolute, plain characters.
var logPathRe = regexp.MustCompile(`^/[A-Za-z0-9._/@+-]*$`)

// Options are what an agent file is rendered with.
type Options struct {
	Expires  time.Time // after it the file does nothing
	Fallback string    // the default theme a probe may ask for ("" = none)
	// Log is the run's private log: probe requests log every PHP error
	// there (per-request debug logging); "" = none.
	Log string
}

// Render returns the agent file for a secret.
func Render(s Secret, o Options) ([]byte, error) {
	if len(s) != 64 {
		return nil, errors.New("render probe agent: the secret is not 32 bytes of hex")
	}
	if !themeSlug.MatchString(o.Fallback) {
		return nil, fmt.Errorf("render probe agent: %q is not a theme folder name", o.Fallback)
	}
	if o.Log != "" && (!logPathRe.MatchString(o.Log) || strings.Contains(o.Log, "/../")) {
		return nil, fmt.Errorf("render probe agent: %q is not a log path the agent can hold", o.Log)
	}
	out := strings.NewReplacer(
		"{{HASH}}", s.Hash(),
		"{{EXPIRES}}", strconv.FormatInt(o.Expires.Unix(), 10),
		"{{FALLBACK}}", o.Fallback,
		"{{LOG}}", o.Log,
	).Replace(source)
	return []byte(out), nil
}

// Probe is what one probe request asks of the agent.
type Probe struct {
	// Plugins are the plugin files (entries of active_plugins, or keys of
	// active_sitewide_plugins) kept on; nil: no plugin filtering.
	Plugins []string
	// ThemeOff asks for the fallback theme instead of the active one.
	ThemeOff bool
	// Ping asks for the agent's answer before any plugin loads.
	Ping bool
}

// Header returns the request headers of a probe.
func (s Secret) Header(p Probe) http.Header {
	h := http.Header{}
	h.Set(HeaderSecret, string(s))
	if p.Plugins != nil {
		enc := make([]string, len(p.Plugins))
		for i, f := range p.Plugins {
			enc[i] = url.PathEscape(f)
		}
		h.Set(HeaderPlugins, strings.Join(enc, ","))
	}
	if p.ThemeOff {
		h.Set(HeaderTheme, "off")
	}
	if p.Ping {
		h.Set(HeaderPing, "1")
	}
	return h
}
