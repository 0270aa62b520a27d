package doctor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/wpdoctor/wpdoctor/internal/diag"
	"github.com/wpdoctor/wpdoctor/internal/logs"
	"github.com/wpdoctor/wpdoctor/internal/serverconf/conf"
	"github.com/wpdoctor/wpdoctor/internal/site"
)

// logSource is a log wpdoctor reads, and its state during the run.
type logSource struct {
	name   string
	path   string
	format logs.Format // 0: detect from the content
	how    string      // how it was found
	mark   logs.Mark
	err    error // why it cannot be read
	// created: a log wpdoctor had WordPress create for the run.
	created bool
	read    int64
	events  int
	foreign int // entries about other sites, left out
}

// logSet is the logs of a diagnosis, de-duplicated by path.
type logSet struct {
	list []*logSource
	seen map[string]bool
	// foreign, when set, tells entries about other sites (see belonging);
	// they are counted in skipped, never returned.
	foreign func(*logs.Event) bool
}

func (l *logSet) add(name, p string, f logs.Format, how string) {
	if p == "" || !path.IsAbs(p) || strings.HasPrefix(p, "/dev/") {
		return
	}
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	if l.seen[p] {
		return
	}
	l.seen[p] = true
	l.list = append(l.list, &logSource{name: name, path: p, format: f, how: how})
}

// mark takes every log's offset before the probes.
func (l *logSet) mark(ctx context.Context, fsys site.FS) {
	for _, s := range l.list {
		m, err := logs.MarkFile(ctx, fsys, s.path)
		s.mark, s.err = m, err
	}
}

// maxNewBytes bounds what is read of each log after the mark.
const maxNewBytes = 16 << 20

// readNew reads and parses what each log gained since its mark.
func (l *logSet) readNew(ctx context.Context, fsys site.FS) []logs.Event {
	var all []logs.Event
	for _, s := range l.list {
		if s.err != nil {
			continue
		}
		if !s.mark.Exists {
			m, err := logs.MarkFile(ctx, fsys, s.path)
			if err != nil || !m.Exists {
				continue
			}
			s.mark = logs.Mark{Name: s.path, Exists: true} // created during the run: read from 0
		}
		ch, err := logs.ReadNew(ctx, fsys, s.mark, maxNewBytes)
		if err != nil {
			s.err = err
			continue
		}
		s.read += int64(len(ch.Data))
		s.mark = ch.Next
		evs, foreign := l.parse(s, ch.Data)
		s.events += len(evs)
		s.foreign += foreign
		all = append(all, evs...)
	}
	return all
}

// parse parses data of source s, leaving out noise, unparsed lines and
// (on a shared log) entries about other sites, which it counts.
func (l *logSet) parse(s *logSource, data []byte) (evs []logs.Event, foreign int) {
	f := s.format
	if f == 0 {
		f = logs.Detect(data)
	}
	if f == 0 {
		return nil, 0
	}
	parsed, err := logs.Parse(data, f, logs.Options{Source: s.name})
	if err != nil {
		return nil, 0
	}
	for _, e := range parsed {
		if e.IsNoise() || e.Kind == logs.KindUnparsed {
			continue
		}
		if l.foreign != nil && sharedLog(s.how) && l.foreign(&e) {
			foreign++
			continue
		}
		evs = append(evs, e)
	}
	return evs, foreign
}

// maxHistoryBytes bounds what is read of each log's past (history): about
// a thousand entries of an nginx error log, read over SSH for each healthy
// site of a fleet.
const maxHistoryBytes = 256 << 10

// history parses what each log held when it was marked: its last
// maxHistoryBytes before the run.
func (l *logSet) history(ctx context.Context, fsys site.FS) []logs.Event {
	var all []logs.Event
	for _, s := range l.list {
		if s.err != nil || !s.mark.Exists {
			continue
		}
		ch, err := logs.Before(ctx, fsys, s.mark, maxHistoryBytes)
		if err != nil || len(ch.Data) == 0 {
			continue
		}
		evs, _ := l.parse(s, ch.Data)
		all = append(all, evs...)
	}
	return all
}

// report describes the logs for the report.
func (l *logSet) report() []diag.LogSource {
	out := make([]diag.LogSource, 0, len(l.list))
	for _, s := range l.list {
		ls := diag.LogSource{Name: s.name, Path: s.path, Read: s.err == nil && s.mark.Exists, BytesRead: s.read, Events: s.events, Reason: s.how}
		switch {
		case s.err != nil:
			ls.Reason = describeReadErr(s.err)
		case !s.mark.Exists && s.read == 0 && s.created:
			ls.Read, ls.Reason = false, "WordPress wrote nothing to it during the run"
		case !s.mark.Exists && s.read == 0:
			ls.Read, ls.Reason = false, "does not exist"
		case s.foreign > 0:
			ls.Reason += fmt.Sprintf("; %d entries about other sites left out", s.foreign)
		}
		out = append(out, ls)
	}
	return out
}

func describeReadErr(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permission denied (the account cannot read it)"
	case errors.Is(err, fs.ErrNotExist):
		return "does not exist"
	}
	return err.Error()
}

// commonLogs are where distributions and hosts put logs, tried when the
// configuration cannot be read.
var commonLogs = []struct {
	name, path string
	format     logs.Format
}{
	{"nginx error log", "/var/log/nginx/error.log", logs.FormatNginx},
	{"Apache error log", "/var/log/apache2/error.log", logs.FormatApache},
	{"Apache error log", "/var/log/httpd/error_log", logs.FormatApache},
	{"PHP-FPM log", "/var/log/php-fpm/error.log", logs.FormatFPM},
	{"PHP-FPM log", "/var/log/php-fpm.log", logs.FormatFPM},
}

// addCommon adds the usual paths, and PHP-FPM logs named by version in
// /var/log (php8.2-fpm.log).
func (l *logSet) addCommon(ctx context.Context, fsys site.FS) {
	for _, c := range commonLogs {
		if ok, _ := site.Exists(ctx, fsys, c.path); ok {
			l.add(c.name, c.path, c.format, "usual path")
		}
	}
	found, _ := conf.Glob(ctx, fsys, "/var/log/php*-fpm.log")
	for _, p := range found {
		l.add("PHP-FPM log", p, logs.FormatFPM, "usual path")
	}
}
