package labtest

import (
	"io"
	"os"
	"testing"

	"github.com/wpdoctor/wpdoctor/internal/lab"
)

// LogMark remembers the sizes of a site's logs.
type LogMark map[string]int64

// LogPaths maps the lab's log names (lab.LogNginx, ...) to a site's files.
// Without a PHP error_log, PHP's messages go to FastCGI stderr: the web
// server logs them (nginx when the response completes, Apache's
// mod_proxy_fcgi as AH01071), PHP-FPM (catch_workers_output) always.
func LogPaths(s *lab.SiteFact) map[string][]string {
	web := s.NginxError
	if s.Server == "apache" {
		web = s.ApacheError
	}
	m := map[string][]string{
		lab.LogNginx:  {s.NginxError},
		lab.LogApache: {s.ApacheError},
		lab.LogFPM:    {s.FPMLog},
		lab.LogSlow:   {s.SlowLog},
		lab.LogPHP:    {s.PHPError},
	}
	if s.PHPError == "" {
		m[lab.LogPHP] = []string{web, s.FPMLog}
	}
	return m
}

// Mark takes the sizes of the site's logs now.
func Mark(t testing.TB, s *lab.SiteFact) LogMark {
	t.Helper()
	m := LogMark{}
	for _, paths := range LogPaths(s) {
		for _, p := range paths {
			if st, err := os.Stat(p); err == nil {
				m[p] = st.Size()
			}
		}
	}
	return m
}

// Since returns what was appended to the named log(s) since the mark.
func (m LogMark) Since(t testing.TB, s *lab.SiteFact, log string) string {
	t.Helper()
	var out string
	for _, p := range LogPaths(s)[log] {
		out += m.since(t, p)
	}
	return out
}

func (m LogMark) since(t testing.TB, p string) string {
	f, err := os.Open(p)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(m[p], io.SeekStart); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
